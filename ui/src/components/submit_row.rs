//! A form's submit button, and the "working…" line shown while its command runs.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SubmitRowProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// Shown while `busy`, e.g. "Opening… This takes a few seconds."
    pub working: AttrValue,
    pub enabled: bool,
    pub busy: bool,
}

#[function_component]
pub fn SubmitRow(props: &SubmitRowProps) -> Html {
    html! {
        <>
            <div class="actions">
                <button id={props.id.clone()} type="submit" class="button button-primary"
                    disabled={!props.enabled}>
                    { &props.label }
                </button>
            </div>
            if props.busy {
                <p class="working" role="status">{ &props.working }</p>
            }
        </>
    }
}
