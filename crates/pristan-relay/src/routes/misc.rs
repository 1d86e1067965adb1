//! The routes without a mailbox: health, challenges, and the relay roster.

use axum::body::Body;
use axum::extract::State;
use axum::Json;
use pristan_relay_proto::limits::{CHALLENGE_TTL_SECONDS, MAX_DOCUMENT_BYTES};
use pristan_relay_proto::{Challenge, ErrorCode, Health, RosterAnswer, PROTOCOL_VERSION};

use crate::error::ApiResult;
use crate::state::SharedState;

pub async fn health() -> Json<Health> {
    Json(Health {
        protocol: PROTOCOL_VERSION,
    })
}

pub async fn challenge(State(state): State<SharedState>) -> ApiResult<Json<Challenge>> {
    Ok(Json(Challenge {
        challenge: state.freshness.issue_challenge()?,
        expires_in_seconds: CHALLENGE_TTL_SECONDS,
    }))
}

/// Anyone may send a roster: only one the organisation signed is kept, and only a newer one is
/// taken. The body is read up to the size of the largest genuine document and no further.
pub async fn put_roster(
    State(state): State<SharedState>,
    body: Body,
) -> ApiResult<Json<RosterAnswer>> {
    let limit = 2 * MAX_DOCUMENT_BYTES + 512;
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ErrorCode::TooLarge)?;
    let (version, accepted) = state.roster.accept(&state.store, &bytes).await?;
    tracing::info!(version, accepted, "relay roster received");
    Ok(Json(RosterAnswer { version, accepted }))
}
