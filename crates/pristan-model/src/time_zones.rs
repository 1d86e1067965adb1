//! The time zones Pristan offers for facilities and courts, and the message that names each in
//! the interface's language ("Central time (Chicago)"), so no IANA name reaches a screen.

use chrono_tz::Tz;

/// The time zones of US detention facilities and courts. Zones of the same region differ only in
/// their history, not in today's clock; each is named by a city so the list stays unambiguous.
pub const OFFERED: &[Tz] = &[
    Tz::America__New_York,
    Tz::America__Detroit,
    Tz::America__Indiana__Indianapolis,
    Tz::America__Kentucky__Louisville,
    Tz::America__Chicago,
    Tz::America__Indiana__Knox,
    Tz::America__Denver,
    Tz::America__Boise,
    Tz::America__Phoenix,
    Tz::America__Los_Angeles,
    Tz::America__Anchorage,
    Tz::Pacific__Honolulu,
    Tz::America__Puerto_Rico,
    Tz::Pacific__Guam,
];

/// The message naming `zone`: `time-zone-america-chicago` for `America/Chicago`. A zone outside
/// [`OFFERED`] (written by a newer version, say) has none; the interface then uses
/// `time-zone-other`.
pub fn message_id(zone: Tz) -> Option<String> {
    OFFERED.contains(&zone).then(|| {
        let name = zone.name().to_ascii_lowercase().replace(['/', '_'], "-");
        format!("time-zone-{name}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_offered_zone_has_its_own_message() {
        let mut ids: Vec<String> = OFFERED.iter().filter_map(|z| message_id(*z)).collect();
        assert_eq!(ids.len(), OFFERED.len());
        assert_eq!(
            message_id(Tz::America__Chicago).as_deref(),
            Some("time-zone-america-chicago")
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), OFFERED.len(), "two zones share a message");
        assert_eq!(message_id(Tz::Europe__Moscow), None);
    }
}
