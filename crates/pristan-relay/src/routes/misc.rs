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
    let bytes = read_document(body, limit).await?;
    let (version, accepted) = state.roster.accept(&state.store, &bytes).await?;
    tracing::info!(version, accepted, "relay roster received");
    Ok(Json(RosterAnswer { version, accepted }))
}

/// Reads a signed document's body up to `limit` bytes. One that is longer is refused as too large
/// only after the rest of what the client sends (up to a bounded amount) has been read and thrown
/// away, as uploads are (`upload::drain`): answering while the client is still sending closes the
/// connection under it, and the client sees a broken connection instead of the refusal.
async fn read_document(body: Body, limit: usize) -> ApiResult<Vec<u8>> {
    use futures::StreamExt;
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| ErrorCode::Malformed)?;
        if bytes.len() + chunk.len() > limit {
            let rest = axum::body::Body::from_stream(stream);
            super::upload::drain(rest, (limit as u64).saturating_mul(4)).await;
            return Err(ErrorCode::TooLarge.into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}
