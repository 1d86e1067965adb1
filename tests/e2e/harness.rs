//! Starts the real app under tauri-driver with its own home folder, so that everything it writes
//! (vault, settings, webview data) lands in one temporary folder the tests can scan and remove.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long to wait for the app to show something. Generous: two shared cores, debug builds, and
/// a second of key derivation. Waiting is bounded so that a broken build fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(60);

/// Checks `ready` every 100 ms until it holds or `patience` runs out; whether it held.
async fn poll(patience: Duration, mut ready: impl AsyncFnMut() -> bool) -> bool {
    for _ in 0..(patience.as_millis() / 100) {
        if ready().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

pub struct App {
    pub client: Client,
    driver: Option<Child>,
    shots: PathBuf,
    step: u32,
}

impl App {
    /// Launches the app with `home` as its home folder, in English unless `lang` says otherwise.
    pub async fn start(test: &str, home: &Path, first_step: u32) -> App {
        App::start_with(test, home, first_step, &[], &[]).await
    }

    /// [`App::start`] with arguments for the app (such as `--family`) and extra environment.
    pub async fn start_with(
        test: &str,
        home: &Path,
        first_step: u32,
        app_args: &[&str],
        env: &[(&str, &str)],
    ) -> App {
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("TMPDIR", home.join("tmp"))
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (scripts/setup.sh installs it)");
        std::fs::create_dir_all(home.join("tmp")).unwrap();
        wait_for_port(port);

        let mut caps = serde_json::Map::new();
        // No browserName: WebKitWebDriver rejects names it does not know ("wry").
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": env!("CARGO_BIN_EXE_pristan-app"),
                "args": app_args,
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session starts");
        let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("artifacts/e2e")
            .join(test);
        std::fs::create_dir_all(&shots).unwrap();
        App {
            client,
            driver: Some(driver),
            shots,
            step: first_step,
        }
    }

    /// Waits for the element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits until `css` is gone (a screen was left).
    pub async fn gone(&self, css: &str) {
        if poll(PATIENCE, async || {
            self.client.find(Locator::Css(css)).await.is_err()
        })
        .await
        {
            return;
        }
        panic!("{css} is still shown; {}", self.describe_page(css).await);
    }

    /// Types `text` into the field, and checks the field then holds exactly that: on a loaded
    /// machine WebKitWebDriver has been seen to drop a keystroke, which would otherwise surface
    /// much later as a button that never enables. Retries a few times before failing.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        let mut value = None;
        for _ in 0..3 {
            field.clear().await.unwrap();
            field.send_keys(text).await.unwrap();
            value = field.prop("value").await.unwrap();
            // Fields may tidy what was typed (a state code in capitals, trimmed spaces).
            if value
                .as_deref()
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(text.trim()))
            {
                return;
            }
        }
        panic!(
            "{css} holds {value:?} after typing {} characters into it",
            text.chars().count()
        );
    }

    /// Types the passphrase twice on the first screen and clicks "Create". Typed as soon as the
    /// screen shows, keys can land in the wrong field or be lost: the field's late autofocus can
    /// take them from the confirmation, and the form can be drawn again (a language saved) after
    /// typing, empty. Either leaves "Create" disabled, so it types again until the button enables,
    /// logging what the fields held (their lengths, never the passphrase).
    pub async fn create_vault(&self, passphrase: &str) {
        for _ in 0..4 {
            self.type_into("#create-passphrase", passphrase).await;
            self.type_into("#create-confirm", passphrase).await;
            if let Some(submit) = self
                .enabled_within("#create-submit", Duration::from_secs(5))
                .await
            {
                submit.click().await.expect("clicking #create-submit");
                return;
            }
            eprintln!(
                "\"Create\" stayed disabled after typing; again. {}",
                self.describe_page("#create-submit").await
            );
        }
        self.click("#create-submit").await;
    }

    /// Waits until the button is enabled, then clicks it.
    pub async fn click(&self, css: &str) {
        self.enabled(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Ticks the checkbox `css` and waits until the page shows it ticked, so that a click the
    /// page did not take fails here, by name, and not several screens later.
    pub async fn tick(&self, css: &str) {
        self.click(css).await;
        let ticked = async || self.find(css).await.is_selected().await.unwrap_or(false);
        if poll(PATIENCE, ticked).await {
            return;
        }
        panic!("{css} stayed unticked; {}", self.describe_page(css).await);
    }

    /// Clicks a button whose action can end the page it is on: locking (a fresh web process
    /// loads the app, `forget_page` in src-tauri/src/window.rs, outside WebDriver and in
    /// webview_memory's runs) or leaving for the family window (the main window closes).
    /// WebDriver's answer to such a click can be lost with the page (seen in CI as "webdriver
    /// returned error" with no message), so a lost answer is logged, not failed on: the caller's
    /// next step proves the click took effect.
    pub async fn click_ending_the_page(&self, css: &str) {
        if let Err(e) = self.enabled(css).await.click().await {
            eprintln!("the answer to clicking {css} was lost with its page: {e}");
        }
    }

    /// The button, once it is enabled.
    async fn enabled(&self, css: &str) -> Element {
        match self.enabled_within(css, PATIENCE).await {
            Some(button) => button,
            None => panic!("{css} stayed disabled; {}", self.describe_page(css).await),
        }
    }

    /// The button, if it is enabled within `patience`.
    async fn enabled_within(&self, css: &str, patience: Duration) -> Option<Element> {
        let button = self.find(css).await;
        let enabled = async || button.is_enabled().await.unwrap_or(false);
        poll(patience, enabled).await.then_some(button)
    }

    /// What the page showed when a wait failed, for the failure's message: a screenshot in the
    /// test's artifacts folder, the page's visible text (test data only, and cut short) and each
    /// field's id with the length of what it holds (never the value: it may be a passphrase).
    async fn describe_page(&self, css: &str) -> String {
        let name: String = css.chars().filter(char::is_ascii_alphanumeric).collect();
        let shot = self.shots.join(format!("failed-{name}.png"));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&shot, png);
        }
        let page = self
            .client
            .execute(
                "return [document.body.innerText.slice(0, 800),
                         Array.from(document.querySelectorAll('input, textarea'))
                           .map(f => `${f.id}: ${f.value.length}`).join(', ')];",
                vec![],
            )
            .await
            .map(|v| v.to_string())
            .unwrap_or_else(|e| format!("(the page could not be read: {e})"));
        format!("the page (screenshot {}): {page}", shot.display())
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// The current value of the input or text area `css`.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Sets a field's value as a date picker would, then tells the page (`input` and `change`);
    /// WebDriver typing into date controls depends on the locale's date order.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        self.client
            .execute(
                "const field = document.querySelector(arguments[0]);
                 field.value = arguments[1];
                 field.dispatchEvent(new Event('input', { bubbles: true }));
                 field.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![css.into(), value.into()],
            )
            .await
            .unwrap();
    }

    /// Scrolls the element's top to the top of the view and waits two frames, so that a
    /// screenshot shows the new position.
    pub async fn scroll_to(&self, css: &str) {
        self.find(css).await;
        self.client
            .execute_async(
                "const [css, done] = arguments;
                 const top = document.querySelector(css).getBoundingClientRect().top;
                 window.scrollTo(0, window.scrollY + top - 8);
                 requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY)));",
                vec![css.into()],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    /// Waits (up to 30 s: an autosave comes within 3 s, a search or an import within a few) for
    /// `css` to hold `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let mut last = String::new();
        let shows = async || match self.client.find(Locator::Css(css)).await {
            Ok(element) => {
                last = element.text().await.unwrap_or_default();
                last.contains(text)
            }
            Err(_) => false,
        };
        if poll(Duration::from_secs(30), shows).await {
            return;
        }
        panic!(
            "{css} never showed {text:?}; it shows {last:?}; {}",
            self.describe_page(css).await
        );
    }

    /// Saves a screenshot of the window as NN-label.png.
    pub async fn shot(&mut self, label: &str) {
        self.step += 1;
        let png = self.client.screenshot().await.expect("screenshot");
        let path = self.shots.join(format!("{:02}-{label}.png", self.step));
        std::fs::write(&path, png).unwrap();
    }

    pub fn next_step(&self) -> u32 {
        self.step
    }

    /// Closes the window and stops tauri-driver with SIGTERM (SIGKILL would orphan WebKitWebDriver).
    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        if let Some(mut driver) = self.driver.take() {
            let pid = nix::unistd::Pid::from_raw(driver.id() as i32);
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
            let _ = driver.wait();
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

fn tauri_driver() -> PathBuf {
    let in_cargo_bin = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"))
        .filter(|p| p.exists());
    in_cargo_bin.unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("tauri-driver did not listen on 127.0.0.1:{port}");
}
