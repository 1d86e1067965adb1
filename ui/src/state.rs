//! The app's state as a reducer: which screen is shown and the few settings the UI needs.
//!
//! Locking replaces the whole state with a fresh one, so nothing read from the vault survives it.

use std::rc::Rc;

use pristan_ipc::{AppState, IpcError, Language, RecoveryCode};
use pristan_model::EntityId;
use yew::prelude::*;

pub type Dispatch = UseReducerDispatcher<AppModel>;

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// Asking the shell for the app state.
    Starting,
    /// The shell did not answer the first call.
    StartFailed(IpcError),
    CreateVault,
    /// A recovery code, shown once; the vault is open behind it.
    RecoveryCode {
        code: String,
        origin: CodeOrigin,
    },
    Unlock,
    Recover,
    /// Restoring a backup, offered on the first screen when there is no vault yet.
    Restore,
    /// The first screen of an open vault: what needs attention, most urgent first.
    Dashboard,
    /// The keys were destroyed on purpose (duress): the vault can no longer be opened.
    VaultDestroyed,
    /// Every case, with instant search.
    Cases,
    /// Every case's open deadlines across the organisation, removal-imminent cases first.
    Board,
    /// Reported removal flights, their linked cases and triage lists.
    Flights,
    NewCase,
    Case(EntityId),
    /// Writing up a visit to the case; `draft_id` names the autosaved draft (new or resumed).
    VisitWriteUp {
        case_id: EntityId,
        draft_id: EntityId,
    },
    Settings,
    /// The blank paper guide to print for a visit where laptops are not allowed.
    VisitGuide,
    /// Exchanging bundles with the organisation: outbox, inbox, quarantine.
    Sync,
    /// A coordinator's roster of devices, and the devices waiting for approval.
    Devices,
    /// Changes made on two devices at once, for a coordinator to choose between.
    Conflicts,
}

impl Screen {
    /// Whether the vault is open while this screen shows.
    pub fn is_unlocked(&self) -> bool {
        matches!(
            self,
            Screen::RecoveryCode { .. }
                | Screen::Dashboard
                | Screen::Cases
                | Screen::Board
                | Screen::Flights
                | Screen::NewCase
                | Screen::Case(_)
                | Screen::VisitWriteUp { .. }
                | Screen::Settings
                | Screen::VisitGuide
                | Screen::Sync
                | Screen::Devices
                | Screen::Conflicts
        )
    }

    /// Whether the casebook's navigation (Dashboard · Cases · New case) belongs on this screen.
    pub fn shows_navigation(&self) -> bool {
        self.is_unlocked() && !matches!(self, Screen::RecoveryCode { .. })
    }
}

/// Why a recovery code is on screen: the first one, or the one replacing a used code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeOrigin {
    NewVault,
    Recovered,
    /// Settings → "My passphrase may be known": the vault was re-encrypted under a new key.
    KeyRotated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    /// The Lock button or the panic key.
    ByUser,
    /// The shell locked on its own (idle auto-lock) and the UI found out.
    Inactivity,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppModel {
    pub screen: Screen,
    pub language: Language,
    pub auto_lock_minutes: u32,
    pub vault_exists: bool,
    /// Seconds the unlock screen must wait before accepting an attempt, as the shell said.
    pub unlock_wait_secs: u64,
    /// Set when the vault locked itself, so that the unlock screen can say why.
    pub locked_by_inactivity: bool,
    /// Bumped on every lock; pages are keyed by it, so their fields are rebuilt empty.
    pub generation: u32,
}

impl Default for AppModel {
    fn default() -> AppModel {
        AppModel {
            screen: Screen::Starting,
            language: Language::default(),
            auto_lock_minutes: 5,
            vault_exists: false,
            unlock_wait_secs: 0,
            locked_by_inactivity: false,
            generation: 0,
        }
    }
}

pub enum Action {
    Started(AppState),
    StartFailed(IpcError),
    RetryStart,
    VaultCreated(RecoveryCode),
    Recovered(RecoveryCode),
    KeyRotated(RecoveryCode),
    RecoveryCodeWrittenDown,
    Unlocked,
    Locked(LockReason),
    ShowUnlock,
    ShowRecover,
    ShowRestore,
    /// Back to the first screen (creating a vault).
    ShowCreate,
    /// A backup was restored as this computer's vault; it is locked.
    Restored,
    /// The dashboard, the home screen of an open vault.
    ShowHome,
    ShowCases,
    ShowBoard,
    ShowFlights,
    ShowNewCase,
    OpenCase(EntityId),
    OpenVisitWriteUp {
        case_id: EntityId,
        draft_id: EntityId,
    },
    ShowSettings,
    ShowVisitGuide,
    ShowSync,
    ShowDevices,
    ShowConflicts,
    LanguageChosen(Language),
    AutoLockSaved(u32),
    /// Duress destroyed the vault's keys.
    VaultDestroyed,
}

impl Reducible for AppModel {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Started(state) => {
                next.language = state.language;
                next.auto_lock_minutes = state.auto_lock_minutes;
                next.vault_exists = state.vault_exists;
                next.unlock_wait_secs = state.unlock_wait_secs;
                next.screen = match (state.vault_exists, state.unlocked) {
                    (false, _) => Screen::CreateVault,
                    (true, true) => Screen::Dashboard,
                    (true, false) => Screen::Unlock,
                };
            }
            Action::StartFailed(error) => next.screen = Screen::StartFailed(error),
            Action::RetryStart => next.screen = Screen::Starting,
            Action::VaultCreated(code) => {
                next.vault_exists = true;
                next.screen = recovery_screen(code, CodeOrigin::NewVault);
            }
            Action::Recovered(code) => {
                next.locked_by_inactivity = false;
                next.screen = recovery_screen(code, CodeOrigin::Recovered);
            }
            Action::KeyRotated(code) => {
                next.screen = recovery_screen(code, CodeOrigin::KeyRotated);
            }
            Action::RecoveryCodeWrittenDown | Action::ShowHome => next.screen = Screen::Dashboard,
            Action::Unlocked => {
                next.locked_by_inactivity = false;
                next.unlock_wait_secs = 0;
                next.screen = Screen::Dashboard;
            }
            Action::Locked(reason) => return Rc::new(self.locked(reason)),
            Action::ShowUnlock => next.screen = Screen::Unlock,
            Action::ShowRecover => next.screen = Screen::Recover,
            Action::ShowRestore => next.screen = Screen::Restore,
            Action::ShowCreate => next.screen = Screen::CreateVault,
            Action::Restored => {
                next.vault_exists = true;
                next.screen = Screen::Unlock;
            }
            Action::ShowCases => next.screen = Screen::Cases,
            Action::ShowBoard => next.screen = Screen::Board,
            Action::ShowFlights => next.screen = Screen::Flights,
            Action::ShowNewCase => next.screen = Screen::NewCase,
            Action::OpenCase(id) => next.screen = Screen::Case(id),
            Action::OpenVisitWriteUp { case_id, draft_id } => {
                next.screen = Screen::VisitWriteUp { case_id, draft_id }
            }
            Action::ShowSettings => next.screen = Screen::Settings,
            Action::ShowVisitGuide => next.screen = Screen::VisitGuide,
            Action::ShowSync => next.screen = Screen::Sync,
            Action::ShowDevices => next.screen = Screen::Devices,
            Action::ShowConflicts => next.screen = Screen::Conflicts,
            Action::LanguageChosen(language) => next.language = language,
            Action::AutoLockSaved(minutes) => next.auto_lock_minutes = minutes,
            Action::VaultDestroyed => {
                next.vault_exists = false;
                next.generation = next.generation.wrapping_add(1);
                next.screen = Screen::VaultDestroyed;
            }
        }
        Rc::new(next)
    }
}

impl AppModel {
    /// A fresh state that keeps only the settings kept outside the vault.
    fn locked(&self, reason: LockReason) -> AppModel {
        // A late poll answer after the user locked must not claim inactivity.
        let already_locked = !self.screen.is_unlocked();
        if reason == LockReason::Inactivity && already_locked {
            return self.clone();
        }
        AppModel {
            screen: if self.vault_exists {
                Screen::Unlock
            } else {
                Screen::CreateVault
            },
            language: self.language,
            auto_lock_minutes: self.auto_lock_minutes,
            vault_exists: self.vault_exists,
            unlock_wait_secs: 0,
            locked_by_inactivity: reason == LockReason::Inactivity,
            generation: self.generation.wrapping_add(1),
        }
    }
}

fn recovery_screen(code: RecoveryCode, origin: CodeOrigin) -> Screen {
    Screen::RecoveryCode {
        code: code.code,
        origin,
    }
}
