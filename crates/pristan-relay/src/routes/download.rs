//! Sending a stored bundle back as a stream (never whole in memory), with its length.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt;
use pristan_relay_proto::ErrorCode;

use crate::error::ApiResult;
use crate::store::Store;

pub async fn stream_object(
    store: &Store,
    location: &object_store::path::Path,
) -> ApiResult<Response> {
    let Some((size, stream)) = store.get_stream(location).await? else {
        return Err(ErrorCode::NotFound.into());
    };
    let body = Body::from_stream(stream.map_err(std::io::Error::other));
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
        ],
        body,
    )
        .into_response())
}
