//! "Or fetch the card with its code": the relay's address and the card code the visitors gave,
//! typed as heard. Nothing typed here is kept: no autocomplete, no spell check.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_i18n;

/// How an address and a code look, for the labels and messages (never a real relay).
pub const EXAMPLE_ADDRESS: &str = "relay.example.org";
pub const EXAMPLE_CODE: &str = "K7QM-4TXD-PA9R";

#[derive(Properties, PartialEq)]
pub struct CodeFieldsProps {
    pub address: String,
    pub code: String,
    pub on_address: Callback<String>,
    pub on_code: Callback<String>,
}

#[function_component]
pub fn CodeFields(props: &CodeFieldsProps) -> Html {
    let i18n = use_i18n();
    let value_of = |event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value();
    let on_address = props.on_address.reform(value_of);
    let on_code = props.on_code.reform(value_of);
    html! {
        <fieldset id="family-by-code" class="family-by-code">
            <legend>{ i18n.t("family-or-code") }</legend>
            <p class="muted">{ i18n.t("family-code-intro") }</p>
            <label for="family-relay">
                { i18n.t_args("family-relay-label", &[("example", EXAMPLE_ADDRESS.into())]) }
            </label>
            <input id="family-relay" class="input" type="text" value={props.address.clone()}
                oninput={on_address} autocomplete="off" spellcheck="false"
                autocapitalize="off" inputmode="url" />
            <label for="family-code">
                { i18n.t_args("family-code-label", &[("example", EXAMPLE_CODE.into())]) }
            </label>
            <input id="family-code" class="input family-code" type="text" value={props.code.clone()}
                oninput={on_code} autocomplete="off" spellcheck="false" autocapitalize="characters"
                aria-describedby="family-code-hint" />
            <p id="family-code-hint" class="muted">
                { i18n.t_args("family-code-hint", &[("letter", "O".into())]) }
            </p>
        </fieldset>
    }
}
