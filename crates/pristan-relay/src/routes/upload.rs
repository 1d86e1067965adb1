//! `PUT /v1/org/inbox/{sha256}` and `PUT /v1/mailbox/{sha256}`: a bundle is received only from a
//! signed, fresh, authorised caller; its size is checked against `Content-Length` before a byte is
//! read, it is hashed while it arrives (never more than its announced length), and stored
//! create-only under its SHA-256, fsynced before the answer.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use futures::StreamExt;
use object_store::PutPayload;
use pristan_relay_proto::limits::TICKET_MAX_BUNDLE_BYTES;
use pristan_relay_proto::{headers, ErrorCode, MailboxId, Role, UploadAnswer};
use sha2::{Digest, Sha256};

use crate::auth::{self, UploadRight};
use crate::error::{ApiError, ApiResult};
use crate::layout::{self, Folder};
use crate::state::{AppState, SharedState};
use crate::store::PutOutcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Destination {
    Inbox,
    Mailbox,
}

pub async fn to_inbox(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    upload(&state, Destination::Inbox, &sha256, &uri, &headers, body).await
}

pub async fn to_mailbox(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    upload(&state, Destination::Mailbox, &sha256, &uri, &headers, body).await
}

/// Both routes: receive the bundle, then read away whatever of the body the answer left unread.
async fn upload(
    state: &SharedState,
    destination: Destination,
    sha256: &str,
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let mut body = Some(body);
    let answer = receive(state, destination, sha256, uri.path(), headers, &mut body).await;
    drain_if_unread(state, answer, body).await
}

/// An answer given before the body was read (a refusal, or "already stored") is only seen by the
/// client if the relay reads what the client is still sending: closing a connection with unread
/// bytes resets it, and the answer is lost with it. So the rest of the body is read and thrown
/// away, up to twice the largest bundle and for at most the idle timeout between pieces;
/// anything beyond that closes the connection.
async fn drain_if_unread(
    state: &AppState,
    answer: ApiResult<Response>,
    body: Option<Body>,
) -> ApiResult<Response> {
    if let Some(body) = body {
        drain(body, state.config.max_bundle_bytes.saturating_mul(2)).await;
    }
    answer
}

pub async fn drain(body: Body, limit: u64) {
    let mut stream = body.into_data_stream();
    let mut read: u64 = 0;
    while let Some(Ok(chunk)) = stream.next().await {
        read += chunk.len() as u64;
        if read > limit {
            break;
        }
    }
}

async fn receive(
    state: &AppState,
    destination: Destination,
    sha256: &str,
    path: &str,
    headers: &HeaderMap,
    body: &mut Option<Body>,
) -> ApiResult<Response> {
    let sha256 = super::object_name(sha256)?;
    let (_caller, right) = auth::upload_caller(state, headers, path, sha256).await?;
    let (folder, location, prefix) = match destination {
        Destination::Inbox => (
            Folder::inbox(),
            layout::inbox_object(sha256),
            layout::inbox_prefix(),
        ),
        Destination::Mailbox => {
            // Only a coordinator delivers to a device: case packets and approvals.
            if !matches!(right, UploadRight::Member(Role::Coordinator)) {
                return Err(ErrorCode::NotYours.into());
            }
            let to: MailboxId = headers
                .get(headers::TO)
                .and_then(|value| value.to_str().ok())
                .ok_or(ErrorCode::Malformed)?
                .parse()
                .map_err(|_| ErrorCode::Malformed)?;
            let folder = Folder::of(&to);
            let location = layout::mailbox_object(&folder, sha256);
            let prefix = layout::mailbox_prefix(&folder);
            (folder, location, prefix)
        }
    };

    // The size is known before the body is read: a PUT must say it.
    let length = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok())
        .ok_or(ErrorCode::Malformed)?;
    let max = match right {
        UploadRight::Ticket(_) => state.config.max_bundle_bytes.min(TICKET_MAX_BUNDLE_BYTES),
        UploadRight::Member(_) => state.config.max_bundle_bytes,
    };
    if length > max {
        return Err(ErrorCode::TooLarge.into());
    }
    if state.store.head(&location).await?.is_some() {
        return Ok(answer(sha256, PutOutcome::AlreadyStored));
    }

    state
        .quotas
        .reserve(&state.store, &folder, &prefix, length)
        .await?;
    if let UploadRight::Ticket(ticket) = &right {
        if let Err(error) = state.tickets.reserve(&state.store, ticket).await {
            state.quotas.release(&folder, length).await;
            return Err(error);
        }
    }
    let body = body.take().ok_or(ErrorCode::Malformed)?;
    let stored = store_body(state, &location, sha256, length, body).await;
    if !matches!(stored, Ok(PutOutcome::Created)) {
        state.quotas.release(&folder, length).await;
        if let UploadRight::Ticket(ticket) = &right {
            state.tickets.release(&state.store, ticket).await?;
        }
    }
    let outcome = stored?;
    tracing::debug!(
        destination = ?destination,
        bytes = length,
        created = outcome == PutOutcome::Created,
        "bundle received"
    );
    Ok(answer(sha256, outcome))
}

fn answer(sha256: &str, outcome: PutOutcome) -> Response {
    let status = match outcome {
        PutOutcome::Created => StatusCode::CREATED,
        PutOutcome::AlreadyStored => StatusCode::OK,
    };
    let body = UploadAnswer {
        id: sha256.to_owned(),
        already_stored: outcome == PutOutcome::AlreadyStored,
    };
    (status, Json(body)).into_response()
}

async fn store_body(
    state: &AppState,
    location: &object_store::path::Path,
    sha256: &str,
    length: u64,
    body: Body,
) -> ApiResult<PutOutcome> {
    let _slot = state
        .upload_slots
        .acquire()
        .await
        .map_err(|_| ApiError::retry_after(ErrorCode::Unavailable, 5))?;
    let chunks = tokio::time::timeout(state.config.body_timeout, read_body(body, sha256, length))
        .await
        .map_err(|_| ApiError::retry_after(ErrorCode::Unavailable, 60))??;
    let payload: PutPayload = chunks.into_iter().collect();
    Ok(state.store.put_new(location, payload).await?)
}

/// Reads exactly `length` bytes, hashing them as they come; refuses more than announced, fewer
/// (an interrupted upload), or bytes whose hash is not the name.
async fn read_body(body: Body, sha256: &str, length: u64) -> ApiResult<Vec<Bytes>> {
    let mut stream = body.into_data_stream();
    let mut hasher = Sha256::new();
    let mut received: u64 = 0;
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| ErrorCode::Malformed)?;
        received += chunk.len() as u64;
        if received > length {
            return Err(ErrorCode::TooLarge.into());
        }
        hasher.update(&chunk);
        chunks.push(chunk);
    }
    if received != length {
        return Err(ErrorCode::Malformed.into());
    }
    if hex::encode(hasher.finalize()) != sha256 {
        return Err(ErrorCode::HashMismatch.into());
    }
    Ok(chunks)
}
