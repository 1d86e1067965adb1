//! Progress bars for long exports and imports: on a terminal only, on standard error, so that
//! standard output stays clean for `--json` and scripts.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use pristan_core::bundle::{Progress, Stage};

/// A progress callback that draws a bar when standard error is a terminal, and does nothing
/// otherwise. The bar is cleared when dropped.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = ProgressBar::new(1);
            if let Ok(style) =
                ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} {elapsed}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Bar { bar }
    }

    pub fn update(&mut self, progress: Progress) {
        if let Some(bar) = &self.bar {
            bar.set_message(stage_label(progress.stage));
            bar.set_length(progress.total.max(1));
            bar.set_position(progress.done);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Collecting => "collecting",
        Stage::Compressing => "compressing",
        Stage::Encrypting => "encrypting",
        Stage::Writing => "writing",
        Stage::Importing => "importing",
        Stage::Uploading => "uploading",
        Stage::Downloading => "downloading",
        Stage::Done => "done",
    }
}
