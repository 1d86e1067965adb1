//! The organisation inbox, read by coordinators: each lists what it has not acknowledged yet, and
//! an object is deleted once every coordinator of the roster in force has acknowledged it.

use std::collections::HashSet;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::Json;
use bytes::Bytes;
use pristan_relay_proto::{ErrorCode, ListEntry, Role};

use crate::auth::{self, Caller};
use crate::error::{ApiError, ApiResult};
use crate::layout::{self, Folder};
use crate::state::{AppState, SharedState};

async fn coordinator(
    state: &AppState,
    headers: &HeaderMap,
    method: &str,
    path: &str,
) -> ApiResult<Caller> {
    let (caller, role) = auth::read_caller(state, headers, method, path).await?;
    if role != Role::Coordinator {
        return Err(ApiError::from(ErrorCode::NotYours));
    }
    Ok(caller)
}

pub async fn list(
    State(state): State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<ListEntry>>> {
    let caller = coordinator(&state, &headers, "GET", uri.path()).await?;
    let tag = layout::coordinator_tag(&caller.key_hex);
    let acknowledged: HashSet<String> = state
        .store
        .list(&layout::inbox_acks_prefix())
        .await?
        .into_iter()
        .filter_map(|meta| {
            let parts: Vec<_> = meta.location.parts().collect();
            match parts.as_slice() {
                [_, object, who] if who.as_ref() == tag => Some(object.as_ref().to_owned()),
                _ => None,
            }
        })
        .collect();
    let listed = state.store.list(&layout::inbox_prefix()).await?;
    let entries = super::mailbox::entries(listed)
        .into_iter()
        .filter(|entry| !acknowledged.contains(&entry.id))
        .collect();
    Ok(Json(entries))
}

pub async fn fetch(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let sha256 = super::object_name(&sha256)?;
    coordinator(&state, &headers, "GET", uri.path()).await?;
    super::download::stream_object(&state.store, &layout::inbox_object(sha256)).await
}

pub async fn acknowledge(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let sha256 = super::object_name(&sha256)?;
    let caller = coordinator(&state, &headers, "DELETE", uri.path()).await?;
    let location = layout::inbox_object(sha256);
    if state.store.head(&location).await?.is_none() {
        return Ok(StatusCode::NO_CONTENT);
    }
    // The last coordinator to acknowledge deletes the bundle; the others leave a mark.
    let tag = layout::coordinator_tag(&caller.key_hex);
    if !delete_if_all_acknowledged_with(&state, sha256, Some(&tag)).await? {
        state
            .store
            .put_overwrite(&layout::inbox_ack(sha256, &tag), Bytes::new())
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes an inbox object and its acknowledgements once every coordinator in force has
/// acknowledged it. Returns whether it did.
pub async fn delete_if_all_acknowledged(state: &AppState, sha256: &str) -> ApiResult<bool> {
    delete_if_all_acknowledged_with(state, sha256, None).await
}

/// The same, counting `also` (a coordinator acknowledging now) as having acknowledged.
async fn delete_if_all_acknowledged_with(
    state: &AppState,
    sha256: &str,
    also: Option<&str>,
) -> ApiResult<bool> {
    let marked: HashSet<String> = state
        .store
        .list(&layout::inbox_acks_of(sha256))
        .await?
        .iter()
        .filter_map(|meta| layout::last_part(&meta.location))
        .collect();
    let mut acks = marked.clone();
    acks.extend(also.map(str::to_owned));
    let coordinators = state.roster.coordinators().await;
    let everyone = !coordinators.is_empty()
        && coordinators
            .iter()
            .all(|key| acks.contains(&layout::coordinator_tag(key)));
    if !everyone {
        return Ok(false);
    }
    let location = layout::inbox_object(sha256);
    if let Some(meta) = state.store.head(&location).await? {
        state.store.delete(&location).await?;
        state.quotas.release(&Folder::inbox(), meta.size).await;
    }
    for tag in marked {
        state.store.delete(&layout::inbox_ack(sha256, &tag)).await?;
    }
    Ok(true)
}
