//! Invented detention facilities, each with the immigration court that hears its cases. Every
//! name, operator and address here is made up, so that no real place or company is implied to
//! hold anyone; the states and time zones are real so that hearing times and deadlines behave as
//! they would (Arizona keeps no daylight saving time, for one).

use chrono_tz::Tz;
use pristan_core::domain::{Facility, LongText, ShortText};

pub struct Place {
    pub facility: &'static str,
    pub court: &'static str,
    pub operator: &'static str,
    pub address: &'static str,
    pub state: &'static str,
    pub time_zone: Tz,
    pub visiting_rules: &'static str,
}

pub const PLACES: &[Place] = &[
    Place {
        facility: "Larkspur Ridge Processing Center",
        court: "Larkspur Ridge Immigration Court",
        operator: "Northwind Custody Services (fictional)",
        address: "100 Ridge Line Road, Larkspur Ridge (fictional)",
        state: "TX",
        time_zone: chrono_tz::America::Chicago,
        visiting_rules: "Visitors on the approved list only; register 48 hours ahead by phone. \
                         Tuesday, Thursday and Saturday, 1–4 pm. No laptops or phones in the \
                         visiting room; paper and pencil are allowed.",
    },
    Place {
        facility: "Willow Bend Contract Detention Facility",
        court: "Willow Bend Immigration Court",
        operator: "Bluegate Corrections (fictional)",
        address: "2 Levee Road, Willow Bend (fictional)",
        state: "LA",
        time_zone: chrono_tz::America::Chicago,
        visiting_rules: "Video visits only, booked through the facility's scheduling line at \
                         least one day ahead; 30 minutes each.",
    },
    Place {
        facility: "Mesa Quieta Processing Center",
        court: "Mesa Quieta Immigration Court",
        operator: "Meridian Detention Partners (fictional)",
        address: "7 Arroyo Seco Drive, Mesa Quieta (fictional)",
        state: "NM",
        time_zone: chrono_tz::America::Denver,
        visiting_rules: "In-person visits Friday to Sunday, 9 am–3 pm. Bring a passport or \
                         driver's licence. Laptops only with written permission from the \
                         facility administrator.",
    },
    Place {
        facility: "Saguaro Flats Detention Center",
        court: "Saguaro Flats Immigration Court",
        operator: "Northwind Custody Services (fictional)",
        address: "55 Dry Wash Road, Saguaro Flats (fictional)",
        state: "AZ",
        time_zone: chrono_tz::America::Phoenix,
        visiting_rules: "Non-contact visits through glass, 45 minutes, weekdays 8 am–2 pm. \
                         Dress code enforced; no hoodies.",
    },
    Place {
        facility: "Pinebrook Service Processing Center",
        court: "Pinebrook Immigration Court",
        operator: "U.S. government-run (fictional facility)",
        address: "18 Sawgrass Lane, Pinebrook (fictional)",
        state: "FL",
        time_zone: chrono_tz::America::New_York,
        visiting_rules: "Weekend visits by appointment; one hour. Visitor's name and address are \
                         logged with the detained person's A-number.",
    },
    Place {
        facility: "Harbor Point Detention Facility",
        court: "Harbor Point Immigration Court",
        operator: "Meridian Detention Partners (fictional)",
        address: "4 Tideflat Way, Harbor Point (fictional)",
        state: "WA",
        time_zone: chrono_tz::America::Los_Angeles,
        visiting_rules: "Daily 8 am–8 pm except during counts; up to two visitors at a time.",
    },
    Place {
        facility: "Granite Hollow County Jail (ICE unit)",
        court: "Granite Hollow Immigration Court",
        operator: "Granite Hollow County (fictional)",
        address: "1 Courthouse Square, Granite Hollow (fictional)",
        state: "PA",
        time_zone: chrono_tz::America::New_York,
        visiting_rules: "Wednesday evenings and Sunday mornings; sign in 30 minutes early.",
    },
    Place {
        facility: "Sage Basin Processing Center",
        court: "Sage Basin Immigration Court",
        operator: "Bluegate Corrections (fictional)",
        address: "9 Alkali Flat Road, Sage Basin (fictional)",
        state: "CA",
        time_zone: chrono_tz::America::Los_Angeles,
        visiting_rules: "Contact visits Monday–Friday, 8:30 am–3:30 pm; books must be sent by a \
                         publisher, not brought in.",
    },
];

/// The facility record of `place`.
pub fn facility(place: &Place) -> Facility {
    let short = |text: &str| ShortText::new(text).expect("demo texts are one short line");
    Facility {
        name: short(place.facility),
        operator: short(place.operator),
        address: short(place.address),
        state: short(place.state),
        time_zone: Some(place.time_zone),
        visiting_rules: LongText::new(place.visiting_rules).expect("demo texts are valid"),
    }
}

/// Invented immigration judges.
pub const JUDGES: &[&str] = &[
    "IJ M. Calloway",
    "IJ R. Esposito",
    "IJ T. Nakamura",
    "IJ S. Abernathy",
    "IJ L. Fairbanks",
    "IJ D. Quintero",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_makes_a_valid_facility() {
        for place in PLACES {
            assert!(!facility(place).name.is_empty());
        }
    }
}
