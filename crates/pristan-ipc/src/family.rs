//! Family status cards on the case page (issue 14, docs/family-card.md): which cards exist, for
//! whom, in which language, when issued and last refreshed, whether revoked, and their card code
//! (never the passphrase); refreshing one (a new file in Downloads, published on the
//! organisation's relay where it has one) and revoking one (deleted from the relay too).
//!
//! A refresh refused by the consent check answers `Ok` with its [`FamilyCardRefusal`], so the
//! page can say why in the person's language; the relay's answer comes as a [`RelayProblem`].

use serde::{Deserialize, Serialize};

use pristan_model::family_card::CardLanguage;
use pristan_model::relay::RelayProblem;
use pristan_model::EntityId;

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The family card commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const FAMILY_CARD_COMMAND_NAMES: &[&str] = &[
    ListFamilyCards::NAME,
    IssueFamilyCard::NAME,
    RefreshFamilyCard::NAME,
    RevokeFamilyCard::NAME,
];

/// The cards issued for a case, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFamilyCards {
    pub case_id: EntityId,
}
command!(ListFamilyCards, "list_family_cards", Vec<FamilyCardRow>);

/// One card as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyCardRow {
    pub card_id: String,
    /// The relative's name; `None` if the relative was removed from the case.
    pub relative_name: Option<String>,
    pub language: CardLanguage,
    /// RFC 3339, UTC.
    pub issued_at: String,
    pub refreshed_at: String,
    pub revoked_at: Option<String>,
    /// Whether the relative's consent is in force today (a refresh needs it).
    pub consent_in_force: bool,
    /// The card code, grouped (`K7QM-4TXD-PA9R`).
    pub code: Option<String>,
    /// When the organisation's relay last received the card.
    pub published_at: Option<String>,
    /// When the relay deleted it after a revoke.
    pub withdrawn_at: Option<String>,
}

/// Issues a status card for a relative who has a consent in force to receive it: the file is
/// saved in `folder` (Downloads when absent) and published on the organisation's relay if it has
/// one. The passphrase is in the answer once and never again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueFamilyCard {
    pub case_id: EntityId,
    pub relative_id: EntityId,
    /// The card's language; the passphrase's words follow it.
    pub language: CardLanguage,
    /// A short message from the visitor (at most 600 characters; may be empty).
    pub message: String,
    /// Whom the family can call for news: a name and a number (at most 200 characters; may be
    /// empty).
    #[serde(default)]
    pub whom_to_call: String,
    /// The folder the card file is saved in; Downloads when absent or blank.
    pub folder: Option<String>,
}
command!(IssueFamilyCard, "issue_family_card", IssuedFamilyCard);

/// What issuing a card did: refused (and why), or the card with its passphrase, to show once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct IssuedFamilyCard {
    /// Why no card was issued (the consent check); `None` when it was issued.
    pub refused: Option<FamilyCardRefusal>,
    pub card_id: Option<String>,
    /// The card file written.
    pub path: Option<String>,
    /// The passphrase's words: shown once, to read aloud or print; never stored by the page.
    pub passphrase: Option<String>,
    /// The card code (`K7QM-4TXD-PA9R`) and the relay's address as a family types it, when the
    /// relay has the card.
    pub code: Option<String>,
    pub relay: Option<String>,
    /// Why the card is only a file: no relay, or the relay's problem.
    pub not_published: Option<NotPublished>,
}

/// Why a card just issued is not on a relay (a refresh publishes it later). The page says it
/// with [`NotPublished::message_id`]; for `Relay`, with the relay problem's own message as
/// `$problem`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotPublished {
    /// The organisation has no relay: the card is only the file.
    NoRelay,
    /// The relay did not take the card.
    Relay(RelayProblem),
    /// This vault could not prepare the publication (its relay settings or records).
    Failed,
}

impl NotPublished {
    pub fn message_id(self) -> &'static str {
        match self {
            NotPublished::NoRelay => "family-card-not-published-no-relay",
            NotPublished::Relay(_) => "family-card-issue-relay-failed",
            NotPublished::Failed => "family-card-not-published-failed",
        }
    }
}

/// Makes the card again from the case as it is now (same passphrase), saves it in Downloads and
/// publishes it on the organisation's relay if it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshFamilyCard {
    pub card_id: String,
}
command!(RefreshFamilyCard, "refresh_family_card", FamilyCardOutcome);

/// Revokes the card: never refreshed again, and deleted from the relay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeFamilyCard {
    pub card_id: String,
}
command!(RevokeFamilyCard, "revoke_family_card", FamilyCardOutcome);

/// What a refresh or revoke did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FamilyCardOutcome {
    /// Why nothing was done (the consent check, a revoked card); `None` when it was done.
    pub refused: Option<FamilyCardRefusal>,
    /// The new card file (a refresh).
    pub path: Option<String>,
    /// Whether the relay now has the change (published, or deleted).
    pub on_relay: bool,
    /// The relay's problem when it was asked and did not take the change.
    pub relay_problem: Option<RelayProblem>,
}

/// Why a card was not refreshed. Message id: `family-card-refused-` and the snake-case name
/// with dashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FamilyCardRefusal {
    /// The relative has no consent in force to receive a status card.
    NoConsent,
    /// The relative is no longer on the case.
    NoSuchRelative,
    /// The card was revoked: issue a new one instead.
    Revoked,
    /// There is no such card (forgotten with its case).
    NoSuchCard,
    /// The visitor's message is longer than a card holds (600 characters).
    MessageTooLong,
    /// Whom to call is longer than a card holds (200 characters).
    ContactTooLong,
}

impl FamilyCardRefusal {
    pub const ALL: [FamilyCardRefusal; 6] = [
        FamilyCardRefusal::NoConsent,
        FamilyCardRefusal::NoSuchRelative,
        FamilyCardRefusal::Revoked,
        FamilyCardRefusal::NoSuchCard,
        FamilyCardRefusal::MessageTooLong,
        FamilyCardRefusal::ContactTooLong,
    ];

    pub fn message_id(self) -> &'static str {
        match self {
            FamilyCardRefusal::NoConsent => "family-card-refused-no-consent",
            FamilyCardRefusal::NoSuchRelative => "family-card-refused-no-such-relative",
            FamilyCardRefusal::Revoked => "family-card-refused-revoked",
            FamilyCardRefusal::NoSuchCard => "family-card-refused-no-such-card",
            FamilyCardRefusal::MessageTooLong => "family-card-refused-message-too-long",
            FamilyCardRefusal::ContactTooLong => "family-card-refused-contact-too-long",
        }
    }
}
