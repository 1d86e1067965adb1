//! The fixed numbers of the protocol. The relay's operator can lower or raise its own limits
//! (bundle size, quota, retention); these are the ones both sides must share.

/// How far an upload's `Pristan-Time` may be from the relay's clock.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 10 * 60;
/// How long a challenge from `POST /v1/challenge` may be used (once).
pub const CHALLENGE_TTL_SECONDS: u64 = 120;
/// The largest signed document (relay roster, join ticket) anyone parses, checked first.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;
/// How many uploads one join ticket allows.
pub const TICKET_MAX_UPLOADS: u32 = 3;
/// The largest bundle a join ticket may deliver.
pub const TICKET_MAX_BUNDLE_BYTES: u64 = 1024 * 1024;
/// How long `pristan org invite` makes a ticket valid for.
pub const TICKET_VALIDITY_DAYS: i64 = 14;
/// A `Pristan-Join-Ticket` header longer than this cannot hold a document within the cap.
pub const MAX_TICKET_HEADER_BYTES: usize = MAX_DOCUMENT_BYTES.div_ceil(3) * 4 + 4;
/// Card fetches (`GET /v1/cards/{lookup}`) a minute from one client address, by default.
pub const DEFAULT_CARD_FETCHES_PER_MINUTE: u32 = 10;
