//! A device's fingerprint, large and in short groups, so two people can compare it aloud over
//! the phone one group at a time.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FingerprintProps {
    pub value: String,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Smaller, for tables.
    #[prop_or_default]
    pub compact: bool,
}

#[function_component]
pub fn Fingerprint(props: &FingerprintProps) -> Html {
    let groups = groups(&props.value);
    html! {
        <span id={props.id.clone()}
            class={classes!("fingerprint", props.compact.then_some("fingerprint-compact"))}>
            { for groups.iter().map(|group| html! { <span class="fingerprint-group">{ group }</span> }) }
        </span>
    }
}

/// The fingerprint's groups: as the shell spaced them, or else four characters each.
fn groups(fingerprint: &str) -> Vec<String> {
    let fingerprint = fingerprint.trim();
    if fingerprint.contains(char::is_whitespace) {
        return fingerprint.split_whitespace().map(str::to_owned).collect();
    }
    let chars: Vec<char> = fingerprint
        .chars()
        .filter(|c| !matches!(c, ':' | '-'))
        .collect();
    chars
        .chunks(4)
        .map(|chunk| chunk.iter().collect())
        .collect()
}
