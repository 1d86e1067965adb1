//! Handlers for the coordinator's screens: the deadlines board, verification, referrals, a
//! case's history and flights. Each is a call into `pristan_core::board` or
//! `pristan_core::coordination`; dates are the computer's local day.

use pristan_core::board;
use pristan_core::coordination::referrals::{self, ReferralUpdate};
use pristan_core::coordination::{flights, history, verification};
use pristan_core::Error;
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
        ipc::VerifyEvidence::NAME => handle(args, |c: ipc::VerifyEvidence| {
            let vault = session.vault_mut()?;
            verification::verify_evidence(
                vault,
                c.evidence,
                c.level,
                &c.method,
                c.attachment_sha256.as_deref(),
            )
            .map_err(to_ipc)
        }),
        ipc::ConfirmActivity::NAME => handle(args, |c: ipc::ConfirmActivity| {
            verification::confirm_activity(session.vault_mut()?, c.case, &c.checked).map_err(to_ipc)
        }),
        ipc::ListPathways::NAME => handle(args, |_: ipc::ListPathways| {
            referrals::pathways(session.vault_mut()?).map_err(to_ipc)
        }),
        ipc::AddPathway::NAME => handle(args, |c: ipc::AddPathway| {
            referrals::add_pathway(session.vault_mut()?, c.pathway).map_err(to_ipc)
        }),
        ipc::UpdatePathway::NAME => handle(args, |c: ipc::UpdatePathway| {
            referrals::update_pathway(session.vault_mut()?, c.id, c.pathway).map_err(to_ipc)
        }),
        ipc::MarkReferral::NAME => handle(args, |c: ipc::MarkReferral| {
            let vault = session.vault_mut()?;
            referrals::mark_referral(vault, c.case, c.pathway, c.priority, today()).map_err(to_ipc)
        }),
        ipc::UpdateReferral::NAME => handle(args, |c: ipc::UpdateReferral| {
            let id = c.id.ok_or_else(|| {
                to_ipc(Error::Invalid {
                    field: "referral",
                    reason: "say which referral to change".into(),
                })
            })?;
            let update = ReferralUpdate {
                status: c.status,
                on: c.on,
                priority: c.priority,
                decision: c.decision,
                recommendation: c.recommendation,
                ..ReferralUpdate::default()
            };
            referrals::update_referral(session.vault_mut()?, id, update, today()).map_err(to_ipc)
        }),
        ipc::GetCaseHistory::NAME => handle(args, |c: ipc::GetCaseHistory| {
            history::case_history(session.vault_mut()?, c.case, c.kind).map_err(to_ipc)
        }),
        ipc::ListFlights::NAME => handle(args, |_: ipc::ListFlights| {
            flights::flights(session.vault_mut()?).map_err(to_ipc)
        }),
        ipc::AddFlight::NAME => handle(args, |c: ipc::AddFlight| {
            flights::add_flight(session.vault_mut()?, c.flight).map_err(to_ipc)
        }),
        ipc::LinkFlight::NAME => handle(args, |c: ipc::LinkFlight| {
            flights::link_case(session.vault_mut()?, c.flight, c.case, &c.note).map_err(to_ipc)
        }),
        ipc::UnlinkFlight::NAME => handle(args, |c: ipc::UnlinkFlight| {
            flights::unlink_case(session.vault_mut()?, c.flight, c.case).map_err(to_ipc)
        }),
        ipc::GetFlightTriage::NAME => handle(args, |c: ipc::GetFlightTriage| {
            flights::flight_triage(session.vault_mut()?, c.flight, today()).map_err(to_ipc)
        }),
        _ => return None,
    };
    Some(result)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
