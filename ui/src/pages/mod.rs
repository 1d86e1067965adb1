//! One component per screen. Each keeps its own field values, so they vanish when it unmounts.

mod backup_settings;
mod board;
mod case;
mod cases;
mod change_passphrase;
pub(crate) mod conflicts;
mod create_vault;
mod dashboard;
mod devices;
mod duress_settings;
mod flights;
mod new_case;
mod recover;
mod recovery_code;
mod restore;
mod rotate_key;
mod settings;
mod startup;
mod sync;
mod unlock;
mod unlock_policy_settings;
mod visit_guide;
mod visit_writeup;

pub use board::BoardPage;
pub use case::CasePage;
pub use cases::CasesPage;
pub use conflicts::ConflictsPage;
pub use create_vault::CreateVaultPage;
pub use dashboard::DashboardPage;
pub use devices::DevicesPage;
pub use duress_settings::VaultDestroyedPage;
pub use flights::FlightsPage;
pub use new_case::NewCasePage;
pub use recover::RecoverPage;
pub use recovery_code::RecoveryCodePage;
pub use restore::RestorePage;
pub use settings::SettingsPage;
pub use startup::{StartFailedPage, StartingPage};
pub use sync::SyncPage;
pub use unlock::UnlockPage;
pub use visit_guide::VisitGuidePage;
pub use visit_writeup::VisitWriteUpPage;

use yew::prelude::*;

use crate::state::Dispatch;

/// What most pages need: a way to change the app's state.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub dispatch: Dispatch,
}

/// A callback that stores what was typed into `state`.
fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}
