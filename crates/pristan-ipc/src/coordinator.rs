//! The coordinator's screens: the deadlines board across the organisation.

use pristan_model::board::{Board, BoardFilter};
use serde::{Deserialize, Serialize};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The coordinator commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const COORDINATOR_COMMAND_NAMES: &[&str] = &[GetBoard::NAME];

/// Every case's open deadlines for today (the computer's local date), removal-imminent cases
/// first, narrowed by `filter`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GetBoard {
    #[serde(default)]
    pub filter: BoardFilter,
}
command!(GetBoard, "get_board", Board);
