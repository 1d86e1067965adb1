//! Labelled form fields for the casebook's forms: text, long text, date, time, choice, tick box.
//! Each shows its hint under the label and its error (if any) under the control, both tied to
//! the control with `aria-describedby` so that screen readers read them too.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::format::{date_control_order, long_date, parse_date};
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub value: String,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub hint: Option<String>,
    #[prop_or_default]
    pub error: Option<String>,
    /// The language of what is typed, when it is not the interface's (a name in Cyrillic).
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub input_ref: NodeRef,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = props
        .on_input
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <FieldShell id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            error={props.error.clone()} class={props.class.clone()}>
            <input
                id={props.id.clone()}
                ref={props.input_ref.clone()}
                type="text"
                class="input"
                value={props.value.clone()}
                {oninput}
                lang={props.lang.clone()}
                required={props.required}
                autocomplete="off"
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described_by(&props.id, &props.hint, &props.error)}
            />
        </FieldShell>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: String,
    pub value: String,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub hint: Option<String>,
    #[prop_or(3)]
    pub rows: u32,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let oninput = props
        .on_input
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <FieldShell id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            class={props.class.clone()}>
            <textarea
                id={props.id.clone()}
                class="input textarea"
                rows={props.rows.to_string()}
                value={props.value.clone()}
                {oninput}
                aria-describedby={described_by(&props.id, &props.hint, &None)}
            />
        </FieldShell>
    }
}

#[derive(Properties, PartialEq)]
pub struct DateFieldProps {
    pub id: AttrValue,
    pub label: String,
    /// `YYYY-MM-DD` or empty.
    pub value: String,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub hint: Option<String>,
    #[prop_or_default]
    pub error: Option<String>,
    /// `date` or `time`.
    #[prop_or(AttrValue::Static("date"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// A date (or, with `kind="time"`, a time) picked with the webview's own control. A date is
/// echoed in words beside the control, with the order of the control's numbers, because the
/// control writes dates in the computer's order (12/02/2026 is 2 December in the US and
/// 12 February to a Russian reader) and a misread date moves every deadline counted from it.
#[function_component]
pub fn DateField(props: &DateFieldProps) -> Html {
    let is_date = props.kind == "date";
    // Pickers report a choice through `change`, typing through `input`: both are listened to.
    let oninput = props
        .on_input
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let onchange = props
        .on_input
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <FieldShell id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            error={props.error.clone()} class={props.class.clone()}>
            <input
                id={props.id.clone()}
                type={props.kind.clone()}
                class="input input-date"
                value={props.value.clone()}
                {oninput}
                {onchange}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={date_described_by(&props.id, &props.hint, &props.error, is_date)}
            />
            if is_date {
                <DateEcho id={props.id.clone()} value={props.value.clone()} />
            }
        </FieldShell>
    }
}

#[derive(Properties, PartialEq)]
pub struct DateEchoProps {
    /// The date control's id; the echo is `{id}-echo`.
    pub id: AttrValue,
    /// `YYYY-MM-DD` or empty.
    pub value: String,
}

/// "= 2 декабря 2026 г." under a date control, and the order the control's numbers are in.
#[function_component]
pub fn DateEcho(props: &DateEchoProps) -> Html {
    let i18n = use_i18n();
    let echo = parse_date(&props.value)
        .map(|date| i18n.t_args("date-echo", &[("date", long_date(&i18n, date).into())]));
    html! {
        <p id={format!("{}-echo", props.id)} class="date-echo" aria-live="polite">
            if let Some(echo) = echo {
                <span class="date-echo-words">{ echo }</span>
            }
            <span class="date-echo-order">
                { i18n.t_args("date-order", &[("order", date_control_order(&i18n).into())]) }
            </span>
        </p>
    }
}

/// `described_by`, plus the echo of a date in words.
fn date_described_by(
    id: &AttrValue,
    hint: &Option<String>,
    error: &Option<String>,
    is_date: bool,
) -> Option<AttrValue> {
    let mut ids: Vec<String> = described_by(id, hint, error)
        .map(|ids| ids.split(' ').map(str::to_owned).collect())
        .unwrap_or_default();
    if is_date {
        ids.push(format!("{id}-echo"));
    }
    (!ids.is_empty()).then(|| ids.join(" ").into())
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub value: String,
    /// `(value, label)` pairs.
    pub options: Vec<(String, String)>,
    pub on_change: Callback<String>,
    /// A first option with the value "" (such as "none"), when choosing nothing is allowed.
    #[prop_or_default]
    pub empty: Option<String>,
    #[prop_or_default]
    pub hint: Option<String>,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = props
        .on_change
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <FieldShell id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            class={props.class.clone()}>
            <select id={props.id.clone()} class="select" {onchange}
                aria-describedby={described_by(&props.id, &props.hint, &None)}>
                if let Some(empty) = &props.empty {
                    <option value="" selected={props.value.is_empty()}>{ empty }</option>
                }
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label }</option>
                }) }
            </select>
        </FieldShell>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[function_component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let onchange = props
        .on_change
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <div class="check">
            <input id={props.id.clone()} type="checkbox" checked={props.checked} {onchange} />
            <label for={props.id.clone()}>{ &props.label }</label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FieldShellProps {
    id: AttrValue,
    label: String,
    hint: Option<String>,
    #[prop_or_default]
    error: Option<String>,
    #[prop_or_default]
    class: Classes,
    children: Html,
}

#[function_component]
fn FieldShell(props: &FieldShellProps) -> Html {
    html! {
        <div class={classes!("field", props.class.clone())}>
            <label for={props.id.clone()} class="field-label">{ &props.label }</label>
            if let Some(hint) = &props.hint {
                <p id={format!("{}-hint", props.id)} class="field-hint-above">{ hint }</p>
            }
            { props.children.clone() }
            if let Some(error) = &props.error {
                <p id={format!("{}-error", props.id)} class="field-error" role="alert">{ error }</p>
            }
        </div>
    }
}

fn described_by(
    id: &AttrValue,
    hint: &Option<String>,
    error: &Option<String>,
) -> Option<AttrValue> {
    let mut ids = Vec::new();
    if hint.is_some() {
        ids.push(format!("{id}-hint"));
    }
    if error.is_some() {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" ").into())
}
