//! A Delete (or Discard, Revoke…) button that asks once more, in place, before it acts: no pop-up
//! dialog, and the keyboard stays where it was.

use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    pub on_confirm: Callback<()>,
    /// Names what would be deleted, for screen readers ("Delete: Bond hearing").
    #[prop_or_default]
    pub what: Option<String>,
    /// The button's word, when it is not "Delete" ("Discard", "Revoke").
    #[prop_or_default]
    pub label: Option<String>,
    /// The question asked in place, when it is not "Delete it?".
    #[prop_or_default]
    pub question: Option<String>,
    /// The answer that acts, when it is not "Yes, delete".
    #[prop_or_default]
    pub yes: Option<String>,
}

#[function_component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let i18n = use_i18n();
    let asking = use_state(|| false);
    // The Delete button is replaced by the question, so focus moves to its safe answer.
    let keep = use_node_ref();
    {
        let keep = keep.clone();
        use_effect_with(*asking, move |&asking| {
            if asking {
                if let Some(button) = keep.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let word = props.label.clone().unwrap_or_else(|| i18n.t("delete"));
    let label = match &props.what {
        Some(what) => format!("{word}: {what}"),
        None => word.clone(),
    };
    if *asking {
        let yes = {
            let (asking, on_confirm) = (asking.clone(), props.on_confirm.clone());
            Callback::from(move |_: MouseEvent| {
                asking.set(false);
                on_confirm.emit(());
            })
        };
        let no = {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(false))
        };
        html! {
            <span class="confirm" role="group" aria-label={label}>
                <span class="confirm-question">
                    { props.question.clone().unwrap_or_else(|| i18n.t("delete-confirm")) }
                </span>
                <button type="button" class="button button-small button-danger" onclick={yes}>
                    { props.yes.clone().unwrap_or_else(|| i18n.t("delete-yes")) }
                </button>
                <button type="button" class="button button-small button-quiet" onclick={no}
                    ref={keep}>
                    { i18n.t("delete-no") }
                </button>
            </span>
        }
    } else {
        let ask = Callback::from(move |_: MouseEvent| asking.set(true));
        html! {
            <button type="button" class="button button-small button-quiet" onclick={ask}
                aria-label={label}>
                { word }
            </button>
        }
    }
}
