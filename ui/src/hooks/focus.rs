//! Moves keyboard focus to a page's first field when the page appears.
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
