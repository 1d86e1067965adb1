//! The progress bar of a running export or import, with words for screen readers and for people
//! who cannot see the bar well.

use pristan_model::sync::{Progress, Stage};
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct SyncProgressProps {
    /// `None` until the shell has said how far it is.
    pub progress: Option<Progress>,
}

#[function_component]
pub fn SyncProgress(props: &SyncProgressProps) -> Html {
    let i18n = use_i18n();
    let stage = props
        .progress
        .map_or("sync-stage-starting", |p| stage_key(p.stage));
    let counted = props.progress.filter(|p| p.total > 0);
    let text = match counted {
        Some(p) => i18n.t_args(
            "sync-progress-count",
            &[
                ("stage", i18n.t(stage).into()),
                ("done", p.done.min(p.total).into()),
                ("total", p.total.into()),
            ],
        ),
        None => i18n.t(stage),
    };
    html! {
        <div id="sync-progress" class="sync-progress" role="status">
            if let Some(p) = counted {
                <progress max={p.total.to_string()} value={p.done.min(p.total).to_string()}
                    aria-label={text.clone()}></progress>
            } else {
                <progress aria-label={text.clone()}></progress>
            }
            <p class="sync-progress-text">{ text }</p>
        </div>
    }
}

fn stage_key(stage: Stage) -> &'static str {
    match stage {
        Stage::Collecting => "sync-stage-collecting",
        Stage::Compressing => "sync-stage-compressing",
        Stage::Encrypting => "sync-stage-encrypting",
        Stage::Writing => "sync-stage-writing",
        Stage::Importing => "sync-stage-importing",
        Stage::Uploading => "relay-stage-uploading",
        Stage::Downloading => "relay-stage-downloading",
        Stage::Done => "sync-stage-done",
    }
}
