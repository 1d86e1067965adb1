//! Pristan's interface: a Yew app, compiled to wasm, shown in the desktop shell's webview.
//!
//! It holds no data of its own beyond what is on screen: everything comes from the shell through
//! [`backend::call`], and locking drops the whole state.

mod app;
mod backend;
mod components;
mod core_words;
mod errors;
mod family;
mod format;
mod hooks;
mod i18n;
mod ids;
mod labels;
mod pages;
mod startup_marks;
mod state;

fn main() {
    startup_marks::mark(startup_marks::WASM_MAIN);
    // The family window (family mode, issue 14) shows only the family interface.
    match family::family_window_idle_secs() {
        Some(idle_secs) => {
            yew::Renderer::<family::FamilyApp>::with_props(family::FamilyAppProps { idle_secs })
                .render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
