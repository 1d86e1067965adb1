//! An error shown to the user, announced to screen readers as it appears.

use yew::prelude::*;

use crate::errors::ErrorText;

#[derive(Properties, PartialEq)]
pub struct ErrorNoteProps {
    pub text: ErrorText,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component]
pub fn ErrorNote(props: &ErrorNoteProps) -> Html {
    html! {
        <div id={props.id.clone()} class="note note-error" role="alert">
            <p>{ &props.text.message }</p>
            if let Some(detail) = &props.text.detail {
                <p class="note-detail">{ detail }</p>
            }
        </div>
    }
}
