//! A labelled field for a passphrase or a recovery code: never autocompleted or spell-checked.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SecretFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub value: String,
    pub on_input: Callback<String>,
    /// Passphrases are masked; a recovery code is shown, since it is copied from paper.
    #[prop_or(true)]
    pub masked: bool,
    #[prop_or_default]
    pub autofocus: bool,
    #[prop_or_default]
    pub input_ref: NodeRef,
    /// The id of text that explains the field, such as the strength meter.
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

#[function_component]
pub fn SecretField(props: &SecretFieldProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_input.emit(input.value());
        })
    };
    let (input_type, class) = if props.masked {
        ("password", "input")
    } else {
        ("text", "input input-code")
    };
    html! {
        <div class="field">
            <label for={props.id.clone()} class="field-label">{ &props.label }</label>
            <input
                id={props.id.clone()}
                ref={props.input_ref.clone()}
                type={input_type}
                {class}
                value={props.value.clone()}
                {oninput}
                autofocus={props.autofocus}
                autocomplete="off"
                autocapitalize="off"
                autocorrect="off"
                spellcheck="false"
                aria-describedby={props.described_by.clone()}
            />
        </div>
    }
}
