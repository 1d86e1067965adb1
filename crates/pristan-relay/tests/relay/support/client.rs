//! A small HTTP client that signs its requests through the proto crate, as a device would.

use std::time::Duration;

use chrono::Utc;
use pristan_relay_proto::{
    body_sha256_hex, encode_ticket_header, headers, sign_request, Challenge, ErrorBody, ErrorCode,
    Freshness, ListEntry, SignedDocument, UploadAnswer, EMPTY_BODY_SHA256,
};
use reqwest::StatusCode;

use super::{random_bytes, Device};

/// Where an upload goes.
#[derive(Clone, Copy)]
pub enum To<'a> {
    Inbox,
    Mailbox(&'a Device),
}

/// An answer: its status and its body as text.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
    pub retry_after: Option<String>,
}

impl Answer {
    pub fn code(&self) -> Option<ErrorCode> {
        serde_json::from_slice::<ErrorBody>(&self.body)
            .ok()
            .map(|body| body.error)
    }

    pub fn upload(&self) -> UploadAnswer {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not an upload answer: {self:?}"))
    }

    pub fn entries(&self) -> Vec<ListEntry> {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not a list: {self:?}"))
    }

    #[track_caller]
    pub fn refused(&self, code: ErrorCode) {
        assert_eq!(self.code(), Some(code), "{self:?}");
        assert_eq!(self.status.as_u16(), code.http_status(), "{self:?}");
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
            base: base.to_owned(),
        }
    }

    /// Replaces one header of a request (to show what a changed request gets).
    pub fn with_header(
        request: reqwest::RequestBuilder,
        name: &str,
        value: &str,
    ) -> reqwest::RequestBuilder {
        let (client, built) = request.build_split();
        let mut built = built.unwrap();
        built.headers_mut().insert(
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
        reqwest::RequestBuilder::from_parts(client, built)
    }

    /// Removes one header of a request.
    pub fn without_header(request: reqwest::RequestBuilder, name: &str) -> reqwest::RequestBuilder {
        let (client, built) = request.build_split();
        let mut built = built.unwrap();
        built.headers_mut().remove(name);
        reqwest::RequestBuilder::from_parts(client, built)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("the relay answers");
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned());
        let body = response.bytes().await.expect("a whole answer").to_vec();
        Answer {
            status,
            body,
            retry_after,
        }
    }

    pub async fn put_roster(&self, document: &SignedDocument) -> Answer {
        self.send(
            self.http
                .put(format!("{}/v1/roster", self.base))
                .body(document.to_json()),
        )
        .await
    }

    pub fn upload_path(to: To<'_>, sha: &str) -> String {
        match to {
            To::Inbox => format!("/v1/org/inbox/{sha}"),
            To::Mailbox(_) => format!("/v1/mailbox/{sha}"),
        }
    }

    /// A signed upload, not yet sent (tests alter it to show what is refused).
    pub fn upload_request(
        &self,
        device: &Device,
        to: To<'_>,
        bytes: &[u8],
        ticket: Option<&SignedDocument>,
    ) -> reqwest::RequestBuilder {
        self.upload_request_at(device, to, bytes, ticket, Utc::now())
    }

    /// A signed upload whose `Pristan-Time` is `time` (a laptop's clock).
    pub fn upload_request_at(
        &self,
        device: &Device,
        to: To<'_>,
        bytes: &[u8],
        ticket: Option<&SignedDocument>,
        time: chrono::DateTime<Utc>,
    ) -> reqwest::RequestBuilder {
        let sha = body_sha256_hex(bytes);
        let path = Client::upload_path(to, &sha);
        let freshness = Freshness::at(time, random_bytes()[..16].try_into().unwrap());
        let destination = match to {
            To::Mailbox(recipient) => Some(recipient.mailbox().to_string()),
            To::Inbox => None,
        };
        let auth = sign_request(
            &device.key,
            &device.recipient,
            "PUT",
            &path,
            &sha,
            freshness,
            destination.as_deref(),
        )
        .unwrap();
        let mut request = self
            .http
            .put(format!("{}{path}", self.base))
            .body(bytes.to_vec());
        for (name, value) in auth.headers() {
            request = request.header(name, value);
        }
        if let Some(ticket) = ticket {
            request = request.header(headers::JOIN_TICKET, encode_ticket_header(ticket));
        }
        request
    }

    pub async fn upload(&self, device: &Device, to: To<'_>, bytes: &[u8]) -> Answer {
        self.send(self.upload_request(device, to, bytes, None))
            .await
    }

    pub async fn upload_with_ticket(
        &self,
        device: &Device,
        bytes: &[u8],
        ticket: &SignedDocument,
    ) -> Answer {
        self.send(self.upload_request(device, To::Inbox, bytes, Some(ticket)))
            .await
    }

    pub async fn challenge(&self) -> String {
        let answer = self
            .send(self.http.post(format!("{}/v1/challenge", self.base)))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        serde_json::from_slice::<Challenge>(&answer.body)
            .unwrap()
            .challenge
    }

    /// A read or acknowledgement signed over a fresh challenge, not yet sent.
    pub async fn read_request(
        &self,
        device: &Device,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        let challenge = self.challenge().await;
        let auth = sign_request(
            &device.key,
            &device.recipient,
            method.as_str(),
            path,
            EMPTY_BODY_SHA256,
            Freshness::challenge(&challenge),
            None,
        )
        .unwrap();
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        for (name, value) in auth.headers() {
            request = request.header(name, value);
        }
        request
    }

    pub async fn read(&self, device: &Device, method: reqwest::Method, path: &str) -> Answer {
        let request = self.read_request(device, method, path).await;
        self.send(request).await
    }

    pub async fn list(&self, device: &Device) -> Answer {
        self.read(device, reqwest::Method::GET, "/v1/mailbox").await
    }

    pub async fn fetch(&self, device: &Device, id: &str) -> Answer {
        self.read(device, reqwest::Method::GET, &format!("/v1/mailbox/{id}"))
            .await
    }

    pub async fn ack(&self, device: &Device, id: &str) -> Answer {
        self.read(
            device,
            reqwest::Method::DELETE,
            &format!("/v1/mailbox/{id}"),
        )
        .await
    }

    /// A family card published under `lookup`, signed as `device` (not yet sent).
    pub fn publish_card_request(
        &self,
        device: &Device,
        lookup: &str,
        bytes: &[u8],
    ) -> reqwest::RequestBuilder {
        let path = format!("/v1/cards/{lookup}");
        let freshness = Freshness::at(Utc::now(), random_bytes()[..16].try_into().unwrap());
        let auth = sign_request(
            &device.key,
            &device.recipient,
            "PUT",
            &path,
            &body_sha256_hex(bytes),
            freshness,
            None,
        )
        .unwrap();
        let mut request = self
            .http
            .put(format!("{}{path}", self.base))
            .body(bytes.to_vec());
        for (name, value) in auth.headers() {
            request = request.header(name, value);
        }
        request
    }

    pub async fn publish_card(&self, device: &Device, lookup: &str, bytes: &[u8]) -> Answer {
        self.send(self.publish_card_request(device, lookup, bytes))
            .await
    }

    pub async fn withdraw_card(&self, device: &Device, lookup: &str) -> Answer {
        self.read(
            device,
            reqwest::Method::DELETE,
            &format!("/v1/cards/{lookup}"),
        )
        .await
    }

    /// A family's fetch: no identity at all.
    pub async fn fetch_card(&self, lookup: &str) -> Answer {
        self.send(self.http.get(format!("{}/v1/cards/{lookup}", self.base)))
            .await
    }

    pub async fn list_inbox(&self, device: &Device) -> Answer {
        self.read(device, reqwest::Method::GET, "/v1/org/inbox")
            .await
    }

    pub async fn fetch_inbox(&self, device: &Device, id: &str) -> Answer {
        self.read(device, reqwest::Method::GET, &format!("/v1/org/inbox/{id}"))
            .await
    }

    pub async fn ack_inbox(&self, device: &Device, id: &str) -> Answer {
        self.read(
            device,
            reqwest::Method::DELETE,
            &format!("/v1/org/inbox/{id}"),
        )
        .await
    }
}
