//! The empty app's page: a passphrase field and a button that calls the shell's one command, with
//! the ids of Pristan's unlock screen (`#unlock-passphrase`, `#unlock-submit`) so that the
//! measurement (tests/e2e/desktop_baseline.rs) drives both apps the same way.

use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Tauri's `invoke`, present because the shell sets `app.withGlobalTauri`.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[function_component]
fn App() -> Html {
    let passphrase = use_state(String::new);
    let answer = use_state(|| None::<bool>);
    let oninput = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            passphrase.set(input.value());
        })
    };
    let onsubmit = {
        let passphrase = passphrase.clone();
        let answer = answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = (*passphrase).clone();
            let answer = answer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let args = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&args, &"passphrase".into(), &typed.into());
                let said = tauri_invoke("unlock", args.into()).await;
                answer.set(Some(said.ok().and_then(|v| v.as_bool()).unwrap_or(false)));
            });
        })
    };
    html! {
        <main>
            <h1>{ "Open the vault" }</h1>
            <form {onsubmit}>
                <label for="unlock-passphrase">{ "Passphrase" }</label>
                <input id="unlock-passphrase" type="password" autocomplete="off"
                    value={(*passphrase).clone()} {oninput} />
                <button id="unlock-submit" type="submit" disabled={passphrase.is_empty()}>
                    { "Unlock" }
                </button>
            </form>
            if let Some(ok) = *answer {
                <p id="unlock-answer">{ if ok { "unlocked" } else { "refused" } }</p>
            }
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
