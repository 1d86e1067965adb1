//! What every relay test uses: an organisation with a real Ed25519 key that signs relay rosters
//! and join tickets through the proto crate, devices with real keys and age identities, a small
//! signed HTTP client, and a relay process on a local folder or an S3 bucket.

use std::time::Duration;

use chrono::Utc;
use ed25519_dalek::SigningKey;
use pristan_relay_proto::{
    body_sha256_hex, encode_ticket_header, headers, sign_join_ticket, sign_relay_roster,
    sign_request, Challenge, ErrorBody, ErrorCode, Freshness, JoinTicket, ListEntry, MailboxId,
    RelayDevice, RelayRoster, Role, SignedDocument, UploadAnswer, EMPTY_BODY_SHA256,
};
use pristan_testkit::relay::{MotoServer, RelayOptions, RelayStore, S3Target, TestRelay};
use rand::RngCore;
use reqwest::StatusCode;

pub const ORG_ID: &str = "0123456789abcdef0123456789abcdef";

pub fn relay_binary() -> &'static str {
    env!("CARGO_BIN_EXE_pristan-relay")
}

pub struct Org {
    pub key: SigningKey,
}

impl Org {
    pub fn new() -> Org {
        Org {
            key: SigningKey::from_bytes(&random_bytes()),
        }
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    pub fn roster(&self, version: u64, devices: &[(&Device, Role, bool)]) -> SignedDocument {
        let roster = RelayRoster {
            org: ORG_ID.parse().unwrap(),
            version,
            devices: devices
                .iter()
                .map(|(device, role, revoked)| RelayDevice {
                    signing_key: device.key_hex(),
                    recipient: device.recipient.clone(),
                    role: *role,
                    revoked: *revoked,
                })
                .collect(),
        };
        sign_relay_roster(&self.key, &roster)
    }

    pub fn ticket(&self, valid_for: chrono::Duration) -> SignedDocument {
        let ticket = JoinTicket {
            org: ORG_ID.parse().unwrap(),
            ticket: hex::encode(&random_bytes()[..16]),
            expires_at: Utc::now() + valid_for,
        };
        sign_join_ticket(&self.key, &ticket)
    }
}

pub struct Device {
    pub key: SigningKey,
    pub identity: age::x25519::Identity,
    pub recipient: String,
}

impl Device {
    pub fn new() -> Device {
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public().to_string();
        Device {
            key: SigningKey::from_bytes(&random_bytes()),
            identity,
            recipient,
        }
    }

    pub fn key_hex(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    pub fn mailbox(&self) -> MailboxId {
        pristan_relay_proto::mailbox_id(&self.key.verifying_key(), &self.recipient)
    }

    /// A real age file of `plaintext` for this device.
    pub fn seal(&self, plaintext: &[u8]) -> Vec<u8> {
        age::encrypt(&self.identity.to_public(), plaintext).unwrap()
    }

    pub fn open(&self, ciphertext: &[u8]) -> Vec<u8> {
        age::decrypt(&self.identity, ciphertext).unwrap()
    }
}

pub fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

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
        let auth = sign_request(
            &device.key,
            &device.recipient,
            "PUT",
            &path,
            &sha,
            freshness,
        )
        .unwrap();
        let mut request = self
            .http
            .put(format!("{}{path}", self.base))
            .body(bytes.to_vec());
        for (name, value) in auth.headers() {
            request = request.header(name, value);
        }
        if let To::Mailbox(recipient) = to {
            request = request.header(headers::TO, recipient.mailbox().to_string());
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

/// Which store a relay runs on.
#[derive(Clone, Copy, Debug)]
pub enum StoreKind {
    Local,
    S3,
}

/// An organisation, a coordinator and two volunteers on a roster the relay has accepted, and a
/// relay with small limits (1 MiB bundles, 3 MiB and 6 bundles a mailbox).
pub struct Team {
    pub org: Org,
    pub coordinator: Device,
    pub anna: Device,
    pub boris: Device,
    pub relay: TestRelay,
    pub client: Client,
    /// The relay's bucket, on an S3 store.
    pub s3: Option<S3Target>,
    // Dropped last: the relay's bucket lives on it.
    pub _moto: Option<MotoServer>,
}

pub const SMALL_LIMITS: [&str; 6] = [
    "--max-bundle-mib",
    "1",
    "--quota-mib",
    "3",
    "--quota-bundles",
    "6",
];

impl Team {
    pub async fn start(kind: StoreKind) -> Team {
        Team::start_with(kind, &SMALL_LIMITS).await
    }

    pub async fn start_with(kind: StoreKind, args: &[&str]) -> Team {
        let org = Org::new();
        let (store, moto) = match kind {
            StoreKind::Local => (RelayStore::Local, None),
            StoreKind::S3 => {
                let mut moto = MotoServer::start();
                (RelayStore::S3(moto.new_bucket()), Some(moto))
            }
        };
        let s3 = match &store {
            RelayStore::S3(target) => Some(target.clone()),
            RelayStore::Local => None,
        };
        let options = RelayOptions {
            store,
            extra_args: args.iter().map(|s| s.to_string()).collect(),
            ..RelayOptions::default()
        };
        let relay = TestRelay::start_with(relay_binary(), &org.public_hex(), options);
        let client = Client::new(&relay.url());
        let team = Team {
            coordinator: Device::new(),
            anna: Device::new(),
            boris: Device::new(),
            org,
            relay,
            client,
            s3,
            _moto: moto,
        };
        let answer = team.client.put_roster(&team.roster(1)).await;
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        team
    }

    /// Restarts the relay on the same store and port, with a new client (the old one's pooled
    /// connections died with the relay).
    pub fn restart(&mut self) {
        self.relay.restart();
        self.client = Client::new(&self.relay.url());
    }

    pub fn roster(&self, version: u64) -> SignedDocument {
        self.org.roster(
            version,
            &[
                (&self.coordinator, Role::Coordinator, false),
                (&self.anna, Role::Volunteer, false),
                (&self.boris, Role::Volunteer, false),
            ],
        )
    }
}
