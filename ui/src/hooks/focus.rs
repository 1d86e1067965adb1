//! Moving keyboard focus: to a page's first field when the page appears, or to a field that has
//! just appeared.
//!
//! The `autofocus` attribute only works once per document load, so screens that replace each
//! other also focus their first field themselves.

use web_sys::HtmlElement;
use yew::prelude::*;

#[hook]
pub fn use_focus_on_mount(target: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(element) = target.cast::<HtmlElement>() {
            let _ = element.focus();
        }
    });
}

/// Moves keyboard focus to the element with this id, if it is on screen.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to `id` once the render that shows it has happened (for an element that
/// a click is about to create, such as an editor's text box).
pub fn focus_after_render(id: String) {
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        focus_by_id(&id);
    });
}

/// Scrolls the element with this id into view once the render that shows it has happened (an
/// outcome that appears below the fold, such as an import's results).
pub fn scroll_after_render(id: String) {
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let element = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id));
        if let Some(element) = element {
            element.scroll_into_view();
        }
    });
}
