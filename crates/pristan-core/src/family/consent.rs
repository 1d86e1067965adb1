//! Whether a relative may receive a status card: the person's consent to share with that named
//! relative, in force today.

use chrono::NaiveDate;
use pristan_model::{Consent, ConsentPurpose, Relative, Stored};

/// Whether `consents` hold a consent in force on `today` with the purpose "share with a
/// relative" whose recipient names `relative`: its id, or its name (in Latin letters or in the
/// relative's own script), compared without regard to case or spacing. A consent with no
/// recipient names no one, so it allows no card.
pub fn consent_in_force(
    consents: &[Stored<Consent>],
    relative: &Stored<Relative>,
    today: NaiveDate,
) -> bool {
    let names = [
        relative.id.to_string(),
        relative.record.name.as_str().to_owned(),
        relative.record.native_name.as_str().to_owned(),
    ]
    .map(|n| fold(&n));
    consents.iter().map(|c| &c.record).any(|c| {
        let recipient = fold(c.recipient.as_str());
        c.purpose == ConsentPurpose::ShareWithRelative
            && c.in_force_on(today)
            && !recipient.is_empty()
            && names.contains(&recipient)
    })
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use pristan_model::{EntityId, ShortText};

    use super::*;

    fn relative() -> Stored<Relative> {
        Stored {
            id: EntityId::random(),
            record: Relative {
                name: ShortText::new("Maria Petrova").unwrap(),
                native_name: ShortText::new("Мария Петрова").unwrap(),
                ..Relative::default()
            },
        }
    }

    fn consent(purpose: ConsentPurpose, recipient: &str, withdrawn: bool) -> Stored<Consent> {
        Stored {
            id: EntityId::random(),
            record: Consent {
                purpose,
                recipient: ShortText::new(recipient).unwrap(),
                given_on: NaiveDate::from_ymd_opt(2026, 11, 1),
                withdrawn_on: withdrawn.then(|| NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
                ..Consent::default()
            },
        }
    }

    #[test]
    fn only_a_consent_in_force_naming_this_relative_allows_a_card() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let r = relative();
        let purpose = ConsentPurpose::ShareWithRelative;
        assert!(consent_in_force(
            &[consent(purpose, "мария  ПЕТРОВА", false)],
            &r,
            today
        ));
        assert!(consent_in_force(
            &[consent(purpose, &r.id.to_string(), false)],
            &r,
            today
        ));
        assert!(!consent_in_force(&[], &r, today));
        assert!(!consent_in_force(
            &[consent(purpose, "Maria Petrova", true)],
            &r,
            today
        ));
        assert!(!consent_in_force(
            &[consent(purpose, "Anna Petrova", false)],
            &r,
            today
        ));
        assert!(!consent_in_force(&[consent(purpose, "", false)], &r, today));
        assert!(!consent_in_force(
            &[consent(
                ConsentPurpose::ShareWithAttorney,
                "Maria Petrova",
                false
            )],
            &r,
            today
        ));
    }
}
