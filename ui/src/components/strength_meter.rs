//! `#strength-meter`: how hard a passphrase is to guess (score 0–4), with advice in words.

use pristan_ipc::PassphraseHint;
use yew::prelude::*;

use crate::hooks::StrengthCheck;
use crate::i18n::use_i18n;

/// The highest score the shell gives.
const MAX_SCORE: u8 = 4;

#[derive(Properties, PartialEq)]
pub struct StrengthMeterProps {
    pub check: StrengthCheck,
    /// Whether anything is typed; an empty field gets advice instead of a verdict.
    pub typed: bool,
}

#[function_component]
pub fn StrengthMeter(props: &StrengthMeterProps) -> Html {
    let i18n = use_i18n();
    let rating = props.check.latest.as_ref().filter(|_| props.typed);
    let score = rating.map_or(0, |rating| rating.score.min(MAX_SCORE));
    let verdict = match rating {
        None => i18n.t("strength-empty"),
        Some(rating) => {
            let label = i18n.t(&format!("strength-score-{score}"));
            let acceptance = if rating.acceptable {
                i18n.t("strength-acceptable")
            } else {
                i18n.t("strength-not-acceptable")
            };
            format!("{label}. {acceptance}")
        }
    };
    let hints = rating
        .map(|rating| rating.hints.clone())
        .unwrap_or_default();
    html! {
        <div
            id="strength-meter"
            class={classes!("strength", format!("strength-{score}"))}
            role="meter"
            aria-label={i18n.t("strength-label")}
            aria-valuemin="0"
            aria-valuemax={MAX_SCORE.to_string()}
            aria-valuenow={score.to_string()}
            aria-valuetext={verdict.clone()}
            data-score={score.to_string()}
        >
            <div class="strength-bars" aria-hidden="true">
                { for (1..=MAX_SCORE).map(|bar| html! {
                    <span class={classes!("strength-bar", (bar <= score).then_some("filled"))}></span>
                }) }
            </div>
            <p class="strength-verdict" aria-live="polite">{ verdict }</p>
            if !hints.is_empty() {
                <ul class="strength-hints">
                    { for hints.iter().map(|&hint| html! { <li>{ i18n.t(hint_key(hint)) }</li> }) }
                </ul>
            }
        </div>
    }
}

fn hint_key(hint: PassphraseHint) -> &'static str {
    match hint {
        PassphraseHint::TooShort => "hint-too-short",
        PassphraseHint::UseMoreWords => "hint-use-more-words",
        PassphraseHint::AvoidCommonWords => "hint-avoid-common-words",
        PassphraseHint::AvoidRepeats => "hint-avoid-repeats",
        PassphraseHint::AvoidSequences => "hint-avoid-sequences",
        PassphraseHint::AvoidPersonalInfo => "hint-avoid-personal-info",
    }
}
