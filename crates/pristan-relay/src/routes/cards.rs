//! Family status cards (docs/relay-protocol.md, "Family cards"): a device of the organisation
//! publishes a card under the lookup of its card code (`PUT`, replacing the one before: a
//! refresh) and withdraws it (`DELETE`, leaving a marker so the family is told it was revoked);
//! a family fetches it with no identity at all (`GET`), limited per client address.
//!
//! The card is an armoured age file encrypted to a passphrase the relay never sees. The client
//! address is used only as a rate-limit key in memory: never logged, never stored.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pristan_relay_proto::{
    body_sha256_hex, looks_like_card, CardAnswer, ErrorCode, MAX_CARD_BYTES,
};

use crate::auth::{self, UploadRight};
use crate::error::ApiResult;
use crate::layout::{self, Folder};
use crate::state::{AppState, SharedState};

/// `PUT /v1/cards/{lookup}`: a roster device (not revoked, no join ticket) publishes or replaces.
pub async fn publish(
    State(state): State<SharedState>,
    Path(lookup): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let lookup = super::object_name(&lookup)?;
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    let Some(length) = length else {
        super::upload::drain(body, MAX_CARD_BYTES as u64 * 2).await;
        return Err(ErrorCode::Malformed.into());
    };
    if length > MAX_CARD_BYTES as u64 {
        super::upload::drain(body, MAX_CARD_BYTES as u64 * 2).await;
        return Err(ErrorCode::TooLarge.into());
    }
    // At most 64 KiB: read whole before the signature, which covers the body's digest.
    let bytes = tokio::time::timeout(
        state.config.body_timeout,
        axum::body::to_bytes(body, MAX_CARD_BYTES),
    )
    .await
    .map_err(|_| ErrorCode::Malformed)?
    .map_err(|_| ErrorCode::TooLarge)?;
    if bytes.len() as u64 != length {
        return Err(ErrorCode::Malformed.into());
    }
    let digest = body_sha256_hex(&bytes);
    let (_caller, right) = auth::upload_caller(&state, &headers, uri.path(), &digest).await?;
    if !matches!(right, UploadRight::Member(_)) {
        // A join ticket is for a new device's first bundles, not for cards.
        return Err(ErrorCode::UnknownDevice.into());
    }
    if !looks_like_card(&bytes) {
        return Err(ErrorCode::Malformed.into());
    }
    if state
        .store
        .head(&layout::card_revoked(lookup))
        .await?
        .is_some()
    {
        return Err(ErrorCode::CardRevoked.into());
    }
    let location = layout::card_object(lookup);
    let replaced = state.store.head(&location).await?.is_some();
    if !replaced {
        state
            .quotas
            .reserve(
                &state.store,
                &Folder::cards(),
                &layout::cards_prefix(),
                length,
            )
            .await?;
    }
    if let Err(error) = state.store.put_overwrite(&location, bytes).await {
        if !replaced {
            state.quotas.release(&Folder::cards(), length).await;
        }
        return Err(error.into());
    }
    tracing::debug!(replaced, bytes = length, "card published");
    let status = if replaced {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(CardAnswer { replaced })).into_response())
}

/// `DELETE /v1/cards/{lookup}`: the card is deleted and a marker left, so a family that fetches
/// it is told it was revoked (not that it never existed), and it cannot be published again.
pub async fn withdraw(
    State(state): State<SharedState>,
    Path(lookup): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let lookup = super::object_name(&lookup)?;
    auth::read_caller(&state, &headers, "DELETE", uri.path()).await?;
    state
        .store
        .put_new(
            &layout::card_revoked(lookup),
            object_store::PutPayload::from_static(b""),
        )
        .await?;
    let location = layout::card_object(lookup);
    if let Some(meta) = state.store.head(&location).await? {
        state.store.delete(&location).await?;
        state.quotas.release(&Folder::cards(), meta.size).await;
    }
    tracing::debug!("card withdrawn");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/cards/{lookup}`: anyone; limited per client address and for all together.
pub async fn fetch(
    State(state): State<SharedState>,
    Path(lookup): Path<String>,
    request: Request,
) -> ApiResult<Response> {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_default();
    state
        .card_rate
        .check_at(Some(&address), std::time::Instant::now())?;
    let lookup = super::object_name(&lookup)?;
    fetch_card(&state, lookup).await
}

async fn fetch_card(state: &AppState, lookup: &str) -> ApiResult<Response> {
    let location = layout::card_object(lookup);
    if state.store.head(&location).await?.is_some() {
        return super::download::stream_object(&state.store, &location).await;
    }
    if state
        .store
        .head(&layout::card_revoked(lookup))
        .await?
        .is_some()
    {
        return Err(ErrorCode::CardRevoked.into());
    }
    Err(ErrorCode::NotFound.into())
}
