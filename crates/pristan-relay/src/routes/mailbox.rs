//! A device's own mailbox: list, fetch, acknowledge. The mailbox is always the caller's own
//! (named by the key that signed and the recipient the roster lists for it): no request can name
//! another device's mailbox to read or delete from.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::Json;
use pristan_relay_proto::ListEntry;

use crate::auth;
use crate::error::ApiResult;
use crate::layout::{self, Folder};
use crate::state::SharedState;

pub async fn list(
    State(state): State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<ListEntry>>> {
    let (caller, _role) = auth::read_caller(&state, &headers, "GET", uri.path()).await?;
    let folder = Folder::of(&caller.mailbox);
    let listed = state.store.list(&layout::mailbox_prefix(&folder)).await?;
    Ok(Json(entries(listed)))
}

pub async fn fetch(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let sha256 = super::object_name(&sha256)?;
    let (caller, _role) = auth::read_caller(&state, &headers, "GET", uri.path()).await?;
    let folder = Folder::of(&caller.mailbox);
    super::download::stream_object(&state.store, &layout::mailbox_object(&folder, sha256)).await
}

/// Deletes the object; one already gone (an acknowledgement repeated) is still 204.
pub async fn acknowledge(
    State(state): State<SharedState>,
    Path(sha256): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let sha256 = super::object_name(&sha256)?;
    let (caller, _role) = auth::read_caller(&state, &headers, "DELETE", uri.path()).await?;
    let folder = Folder::of(&caller.mailbox);
    let location = layout::mailbox_object(&folder, sha256);
    if let Some(meta) = state.store.head(&location).await? {
        state.store.delete(&location).await?;
        state.quotas.release(&folder, meta.size).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Listed objects as the protocol shows them, oldest first.
pub fn entries(listed: Vec<object_store::ObjectMeta>) -> Vec<ListEntry> {
    let mut entries: Vec<ListEntry> = listed
        .into_iter()
        .filter_map(|meta| {
            let id = layout::last_part(&meta.location)?;
            pristan_relay_proto::is_sha256_hex(&id).then_some(ListEntry {
                id,
                size: meta.size,
                stored_at: meta.last_modified,
            })
        })
        .collect();
    entries.sort_by(|a, b| a.stored_at.cmp(&b.stored_at).then(a.id.cmp(&b.id)));
    entries
}
