//! The federal legal holidays (5 USC 6103) as ids, so the interface names them in its own
//! language; the core decides on which day each falls.

use crate::string_enum;

string_enum! {
    /// A US federal legal holiday. The English statutory name is [`Holiday::statutory_name`].
    pub enum Holiday {
        NewYearsDay = "new_years_day",
        MartinLutherKingDay = "martin_luther_king_day",
        WashingtonsBirthday = "washingtons_birthday",
        MemorialDay = "memorial_day",
        Juneteenth = "juneteenth",
        IndependenceDay = "independence_day",
        LaborDay = "labor_day",
        ColumbusDay = "columbus_day",
        VeteransDay = "veterans_day",
        ThanksgivingDay = "thanksgiving_day",
        ChristmasDay = "christmas_day",
        /// Only in Washington DC and its neighbourhood (5 USC 6103(c)).
        InaugurationDay = "inauguration_day",
    }
}

impl Holiday {
    /// The name 5 USC 6103 gives the holiday, for the command line.
    pub fn statutory_name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::MartinLutherKingDay => "Birthday of Martin Luther King, Jr.",
            Holiday::WashingtonsBirthday => "Washington's Birthday",
            Holiday::MemorialDay => "Memorial Day",
            Holiday::Juneteenth => "Juneteenth National Independence Day",
            Holiday::IndependenceDay => "Independence Day",
            Holiday::LaborDay => "Labor Day",
            Holiday::ColumbusDay => "Columbus Day",
            Holiday::VeteransDay => "Veterans Day",
            Holiday::ThanksgivingDay => "Thanksgiving Day",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::InaugurationDay => "Inauguration Day",
        }
    }

    /// The interface's message for this holiday, such as `holiday-labor-day`.
    pub fn message_id(self) -> String {
        format!("holiday-{}", self.as_str().replace('_', "-"))
    }
}
