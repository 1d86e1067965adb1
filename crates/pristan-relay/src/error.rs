//! A refusal as the relay answers it: the protocol's code, its status, and `Retry-After` when the
//! client should wait. Nothing from the request or the store is echoed.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pristan_relay_proto::{ErrorBody, ErrorCode};

use crate::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub retry_after_seconds: Option<u64>,
}

impl ApiError {
    pub fn retry_after(code: ErrorCode, seconds: u64) -> ApiError {
        ApiError {
            code,
            retry_after_seconds: Some(seconds.max(1)),
        }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> ApiError {
        ApiError {
            code,
            retry_after_seconds: None,
        }
    }
}

impl From<pristan_relay_proto::RequestError> for ApiError {
    fn from(error: pristan_relay_proto::RequestError) -> ApiError {
        error.code().into()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        // The store's own error names paths and keys: only its kind is logged.
        tracing::warn!(kind = error.kind(), "the store failed");
        ApiError::retry_after(ErrorCode::Unavailable, 30)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        let body = ErrorBody {
            error: self.code,
            retry_after_seconds: self.retry_after_seconds,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after_seconds {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
