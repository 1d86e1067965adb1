//! Running a long export or import: the command is sent once, and while it runs the shell is
//! asked every quarter second how far it has got, so the page shows a moving progress bar instead
//! of freezing.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use pristan_ipc::{Command, GetSyncProgress, IpcError};
use pristan_model::sync::Progress;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::hooks::vault_call;
use crate::state::Dispatch;

const POLL_MS: u32 = 250;

/// One export or import at a time: whether one runs, and where it is.
#[derive(Clone, PartialEq)]
pub struct SyncJob {
    pub running: UseStateHandle<bool>,
    /// The shell's latest report; `None` before the first one.
    pub progress: UseStateHandle<Option<Progress>>,
}

#[hook]
pub fn use_sync_job() -> SyncJob {
    SyncJob {
        running: use_state(|| false),
        progress: use_state(|| None),
    }
}

impl SyncJob {
    /// Sends `command` unless a job already runs, polls for progress until it answers, then
    /// hands the answer to `done`.
    pub fn run<C, F>(&self, dispatch: &Dispatch, command: C, done: F)
    where
        C: Command + 'static,
        F: FnOnce(Result<C::Response, IpcError>) + 'static,
    {
        if *self.running {
            return;
        }
        self.running.set(true);
        self.progress.set(None);
        let finished = Rc::new(Cell::new(false));
        {
            let (finished, progress) = (finished.clone(), self.progress.clone());
            spawn_local(async move {
                loop {
                    TimeoutFuture::new(POLL_MS).await;
                    if finished.get() {
                        break;
                    }
                    // A failed poll only means the bar does not move this time.
                    let Ok(report) = call(&GetSyncProgress).await else {
                        continue;
                    };
                    if finished.get() {
                        break;
                    }
                    if report.is_some() {
                        progress.set(report);
                    }
                }
            });
        }
        let (job, dispatch) = (self.clone(), dispatch.clone());
        spawn_local(async move {
            let answer = vault_call(&dispatch, &command).await;
            finished.set(true);
            job.running.set(false);
            job.progress.set(None);
            done(answer);
        });
    }
}
