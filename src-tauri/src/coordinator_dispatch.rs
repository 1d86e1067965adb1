//! Handlers for the coordinator's screens: the deadlines board. Dates are the computer's local day.

use pristan_core::board;
use pristan_ipc::{self as ipc, Command, IpcError};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;

/// Runs the coordinator command `name`, or returns `None` if `name` is not one.
pub fn dispatch_coordinator(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetBoard::NAME => handle(args, |c: ipc::GetBoard| {
            board::deadlines_board(session.vault_mut()?, &c.filter, today()).map_err(to_ipc)
        }),
        _ => return None,
    };
    Some(result)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
