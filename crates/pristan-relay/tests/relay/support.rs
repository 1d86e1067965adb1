//! What every relay test uses: an organisation with a real Ed25519 key that signs relay rosters
//! and join tickets through the proto crate, devices with real keys and age identities, a small
//! signed HTTP client (`client`), and a relay process on a local folder or an S3 bucket.

use chrono::Utc;
use ed25519_dalek::SigningKey;
use pristan_relay_proto::{
    sign_join_ticket, sign_relay_roster, JoinTicket, MailboxId, RelayDevice, RelayRoster, Role,
    SignedDocument,
};
use pristan_testkit::relay::{MotoServer, RelayOptions, RelayStore, S3Target, TestRelay};
use rand::RngCore;
use reqwest::StatusCode;

mod client;
pub use client::{Client, To};

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
