//! The choices a coordinator makes when exporting a referral: which sections of a dossier to
//! withhold, and how the working group's list separates its cells. Shared by the core, the CLI,
//! the shell and the UI so each spells them one way (docs/dossier.md).

use crate::string_enum;

string_enum! {
    /// A section of a referral dossier (shared/DOSSIER.md, "What a referral contains"). The cover
    /// and the consents are always printed: the cover says what the document is, and the consents
    /// are what makes sending it lawful.
    pub enum DossierSection {
        Cover = "cover",
        Person = "person",
        Family = "family",
        Custody = "custody",
        Basis = "basis",
        Need = "need",
        Deadlines = "deadlines",
        Evidence = "evidence",
        Recommendation = "recommendation",
        Consents = "consents",
    }
}

impl DossierSection {
    /// The sections a coordinator may withhold, in the dossier's order.
    pub const REDACTABLE: &'static [DossierSection] = &[
        DossierSection::Person,
        DossierSection::Family,
        DossierSection::Custody,
        DossierSection::Basis,
        DossierSection::Need,
        DossierSection::Deadlines,
        DossierSection::Evidence,
        DossierSection::Recommendation,
    ];

    /// Whether a coordinator may withhold this section.
    pub fn redactable(self) -> bool {
        DossierSection::REDACTABLE.contains(&self)
    }

    /// The sections a coordinator may withhold, in the dossier's order.
    pub fn redactable_sections() -> impl Iterator<Item = DossierSection> {
        DossierSection::REDACTABLE.iter().copied()
    }

    /// The interface's message naming the section, such as `dossier-section-evidence`.
    pub fn message_id(self) -> &'static str {
        match self {
            DossierSection::Cover => "dossier-section-cover",
            DossierSection::Person => "dossier-section-person",
            DossierSection::Family => "dossier-section-family",
            DossierSection::Custody => "dossier-section-custody",
            DossierSection::Basis => "dossier-section-basis",
            DossierSection::Need => "dossier-section-need",
            DossierSection::Deadlines => "dossier-section-deadlines",
            DossierSection::Evidence => "dossier-section-evidence",
            DossierSection::Recommendation => "dossier-section-recommendation",
            DossierSection::Consents => "dossier-section-consents",
        }
    }
}

string_enum! {
    /// The working group's CSV: `,` for most spreadsheets, `;` for Excel in a Russian (or other
    /// comma-decimal) locale, which otherwise puts a whole row into one cell, and a tab for
    /// whoever pastes it into a form or a spreadsheet that guesses wrongly.
    #[derive(Default)]
    pub enum CsvDelimiter {
        #[default]
        Comma = "comma",
        Semicolon = "semicolon",
        Tab = "tab",
    }
}

impl CsvDelimiter {
    pub fn byte(self) -> u8 {
        match self {
            CsvDelimiter::Comma => b',',
            CsvDelimiter::Semicolon => b';',
            CsvDelimiter::Tab => b'\t',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_and_consents_cannot_be_withheld() {
        let others: Vec<_> = DossierSection::ALL
            .iter()
            .copied()
            .filter(|s| !matches!(s, DossierSection::Cover | DossierSection::Consents))
            .collect();
        assert_eq!(DossierSection::REDACTABLE, others.as_slice());
    }

    #[test]
    fn message_ids_are_distinct() {
        let mut ids: Vec<_> = DossierSection::ALL.iter().map(|s| s.message_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DossierSection::ALL.len());
    }
}
