//! The routes of docs/relay-protocol.md, one file per group, and the layers around them: the
//! request log (route templates only), the rate limit, and the body's idle timeout.

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use pristan_relay_proto::ErrorCode;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::error::ApiError;
use crate::state::SharedState;

mod cards;
mod download;
mod inbox;
pub use inbox::delete_if_all_acknowledged;
mod mailbox;
mod misc;
mod upload;

const RATE_LIMITED_DRAIN_BYTES: u64 = 1024 * 1024;

pub fn router(state: SharedState) -> Router {
    let idle = state.config.body_idle_timeout;
    Router::new()
        .route("/v1/health", get(misc::health))
        .route("/v1/challenge", post(misc::challenge))
        .route("/v1/roster", put(misc::put_roster))
        .route("/v1/org/inbox", get(inbox::list))
        .route(
            "/v1/org/inbox/{sha256}",
            put(upload::to_inbox)
                .get(inbox::fetch)
                .delete(inbox::acknowledge),
        )
        .route("/v1/mailbox", get(mailbox::list))
        .route(
            "/v1/mailbox/{sha256}",
            put(upload::to_mailbox)
                .get(mailbox::fetch)
                .delete(mailbox::acknowledge),
        )
        .route(
            "/v1/cards/{lookup}",
            put(cards::publish)
                .get(cards::fetch)
                .delete(cards::withdraw),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(RequestBodyTimeoutLayer::new(idle))
        .layer(middleware::from_fn(crate::logging::log_request))
        .with_state(state)
}

async fn rate_limit(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    // Only the total here: a key is counted once its signature has verified (`auth`), so no one
    // can use up a device's allowance by sending requests in its name.
    match state.rate.check_total() {
        Ok(()) => next.run(request).await,
        Err(error) => {
            // As for any refused upload: read a little of what is still coming, so the answer
            // reaches the client instead of a reset connection.
            upload::drain(request.into_body(), RATE_LIMITED_DRAIN_BYTES).await;
            error.into_response()
        }
    }
}

async fn not_found() -> ApiError {
    ErrorCode::NotFound.into()
}

/// A `{sha256}` in a path: 64 lowercase hex digits, or the request is malformed.
fn object_name(sha256: &str) -> Result<&str, ApiError> {
    if pristan_relay_proto::is_sha256_hex(sha256) {
        Ok(sha256)
    } else {
        Err(ErrorCode::Malformed.into())
    }
}
