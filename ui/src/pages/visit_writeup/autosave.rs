//! Autosave: the write-up goes into the encrypted vault as a draft after every finished change
//! (a field left, a box ticked) and at most [`WHILE_TYPING_MS`] after a keystroke, so that a
//! crash or a killed app loses a few seconds of typing at most.
//!
//! The form itself stays the only copy of what was typed: a failed save changes nothing on screen
//! and is retried until one succeeds. Saves never overlap, so the vault always ends up holding
//! the newest state, and [`Autosave::close`] waits for the last one before a finish or discard,
//! so that a late save cannot bring back a draft that was just finished.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use pristan_ipc::{IpcError, SaveVisitDraft};
use pristan_model::EntityId;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use super::form::Form;
use crate::backend::call;

/// While typing, a save at most this long after the first unsaved keystroke.
pub const WHILE_TYPING_MS: u32 = 3_000;
/// After a failed save, the next attempt this much later, doubling after each failure up to
/// [`MAX_RETRY_MS`]. Retries are not the person's activity and never hold the vault open.
const RETRY_MS: u32 = 5_000;
const MAX_RETRY_MS: u32 = 60_000;
/// After this many failures in a row, no more retries by themselves: the next change (or
/// leaving a field) tries again. The form keeps everything typed meanwhile.
const MAX_AUTOMATIC_RETRIES: u32 = 6;

/// What the autosave line says.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the write-up was opened.
    Idle,
    /// A change is waiting for its save, or a save is running.
    Saving,
    /// Everything typed is in the vault, as of this time (milliseconds since the epoch).
    Saved { at_ms: f64 },
    /// The last save failed; another attempt is scheduled.
    Failed(IpcError),
}

/// Shared by the page's event handlers and the saves they start; cheap to clone.
#[derive(Clone)]
pub struct Autosave {
    inner: Rc<Inner>,
}

struct Inner {
    draft_id: EntityId,
    form: Rc<RefCell<Option<Form>>>,
    /// Bumped on every change; `saved` is the version the vault holds.
    version: Cell<u64>,
    saved: Cell<u64>,
    in_flight: Cell<bool>,
    /// A finished change arrived while a save was running: save again as soon as it ends.
    urgent: Cell<bool>,
    /// The last save failed; keystrokes do not hide that until a save succeeds.
    failing: Cell<bool>,
    /// Failed saves in a row, for the growing wait between retries.
    failures: Cell<u32>,
    /// Set during finish and discard, and once the page is gone: no save may start.
    closed: Cell<bool>,
    /// The page went away during a save: if more was typed, save it once more when it ends.
    last_save: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
    on_status: Callback<SaveStatus>,
    /// Told about errors that mean the vault is locked, which end the page.
    on_error: Callback<IpcError>,
}

impl PartialEq for Autosave {
    fn eq(&self, other: &Autosave) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Autosave {
    pub fn new(
        draft_id: EntityId,
        form: Rc<RefCell<Option<Form>>>,
        on_status: Callback<SaveStatus>,
        on_error: Callback<IpcError>,
    ) -> Autosave {
        Autosave {
            inner: Rc::new(Inner {
                draft_id,
                form,
                version: Cell::new(0),
                saved: Cell::new(0),
                in_flight: Cell::new(false),
                urgent: Cell::new(false),
                failing: Cell::new(false),
                failures: Cell::new(0),
                closed: Cell::new(false),
                last_save: Cell::new(false),
                timer: RefCell::new(None),
                on_status,
                on_error,
            }),
        }
    }

    /// A keystroke: saved within [`WHILE_TYPING_MS`], together with whatever follows it.
    pub fn typed(&self) {
        self.mark_changed();
        if self.inner.timer.borrow().is_none() && !self.inner.in_flight.get() {
            self.save_after(WHILE_TYPING_MS);
        }
    }

    /// A finished change (a field left, a choice made): saved now.
    pub fn changed(&self) {
        self.mark_changed();
        self.save_now();
    }

    /// Saves now if anything is unsaved (when a field loses focus).
    pub fn flush(&self) {
        if self.unsaved() {
            self.save_now();
        }
    }

    /// Stops autosaving and waits for a running save, before the draft is finished or discarded.
    pub async fn close(&self) {
        self.inner.closed.set(true);
        self.inner.timer.borrow_mut().take();
        while self.inner.in_flight.get() {
            TimeoutFuture::new(50).await;
        }
    }

    /// Autosaves again after a finish or discard that did not go through.
    pub fn reopen(&self) {
        self.inner.closed.set(false);
        if self.unsaved() {
            self.save_now();
        }
    }

    /// Marks everything typed so far as saved, after a save made outside the autosave (the one
    /// that precedes finishing).
    pub fn mark_saved(&self) {
        self.inner.saved.set(self.inner.version.get());
    }

    /// Called when the page goes away (another screen was chosen): whatever is unsaved is saved
    /// one last time, and nothing is saved after that.
    pub fn stop(&self) {
        let inner = &self.inner;
        let was_open = !inner.closed.get();
        inner.closed.set(true);
        inner.timer.borrow_mut().take();
        if was_open && inner.in_flight.get() {
            inner.last_save.set(true);
        } else if was_open && self.unsaved() {
            self.start_save();
        }
    }

    /// Whether something typed is not in the vault yet.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved()
    }

    fn unsaved(&self) -> bool {
        self.inner.version.get() > self.inner.saved.get()
    }

    fn mark_changed(&self) {
        let inner = &self.inner;
        inner.version.set(inner.version.get() + 1);
        if !inner.closed.get() && !inner.failing.get() {
            inner.on_status.emit(SaveStatus::Saving);
        }
    }

    fn save_after(&self, delay_ms: u32) {
        let this = self.clone();
        let timeout = Timeout::new(delay_ms, move || {
            this.inner.timer.borrow_mut().take();
            this.save_now();
        });
        *self.inner.timer.borrow_mut() = Some(timeout);
    }

    fn save_now(&self) {
        let inner = &self.inner;
        if inner.closed.get() {
            return;
        }
        if inner.in_flight.get() {
            // A running save is followed by another if anything changed meanwhile.
            inner.urgent.set(true);
            return;
        }
        self.start_save();
    }

    fn start_save(&self) {
        let inner = &self.inner;
        inner.timer.borrow_mut().take();
        inner.urgent.set(false);
        let Some(draft) = inner.form.borrow().as_ref().map(Form::to_draft) else {
            return;
        };
        let version = inner.version.get();
        inner.in_flight.set(true);
        if !inner.failing.get() {
            inner.on_status.emit(SaveStatus::Saving);
        }
        let this = self.clone();
        let command = SaveVisitDraft {
            id: inner.draft_id,
            draft,
        };
        spawn_local(async move {
            let answer = call(&command).await;
            let inner = &this.inner;
            inner.in_flight.set(false);
            match answer {
                Ok(()) => {
                    inner.saved.set(inner.saved.get().max(version));
                    inner.failing.set(false);
                    inner.failures.set(0);
                    if inner.closed.get() {
                        if inner.last_save.replace(false) && this.unsaved() {
                            this.start_save();
                        }
                        return;
                    }
                    if this.unsaved() {
                        // Changed while this save ran: save that too, at once if it was a
                        // finished change, else on the typing schedule.
                        inner.on_status.emit(SaveStatus::Saving);
                        let delay = if inner.urgent.get() {
                            0
                        } else {
                            WHILE_TYPING_MS
                        };
                        this.save_after(delay);
                    } else {
                        inner.on_status.emit(SaveStatus::Saved {
                            at_ms: js_sys::Date::now(),
                        });
                    }
                }
                Err(error) => {
                    inner.failing.set(true);
                    let failures = inner.failures.get().saturating_add(1);
                    inner.failures.set(failures);
                    inner.on_error.emit(error.clone());
                    if !inner.closed.get() {
                        inner.on_status.emit(SaveStatus::Failed(error));
                        if let Some(delay) = retry_delay(failures) {
                            this.save_after(delay);
                        }
                    }
                }
            }
        });
    }
}

/// How long to wait before retrying after `failures` failed saves in a row; `None` once the
/// automatic retries are used up.
fn retry_delay(failures: u32) -> Option<u32> {
    (failures <= MAX_AUTOMATIC_RETRIES).then(|| {
        let doubled = RETRY_MS.saturating_mul(1 << failures.saturating_sub(1).min(8));
        doubled.min(MAX_RETRY_MS)
    })
}
