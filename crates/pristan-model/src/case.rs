//! Values that describe a case as a whole.

use crate::string_enum;

string_enum! {
    /// Where the person is, in the plain terms a family would use.
    #[derive(Default)]
    pub enum CustodyStatus {
        Detained = "detained",
        Released = "released",
        Removed = "removed",
        LeftCountry = "left_country",
        #[default]
        Unknown = "unknown",
    }
}

string_enum! {
    /// Whether an attorney's notice of appearance (G-28, EOIR-28, EOIR-27) is on file.
    #[derive(Default)]
    pub enum FilingStatus {
        #[default]
        Unknown = "unknown",
        NotFiled = "not_filed",
        Filed = "filed",
    }
}

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::a_number::ANumber;
use crate::ids::{DeviceId, EntityId};

/// A case as it stands after every operation applied so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub id: EntityId,
    pub name: String,
    pub native_name: String,
    pub aliases: String,
    pub a_number: Option<ANumber>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub languages: String,
    pub custody_status: CustodyStatus,
    pub facility_id: Option<EntityId>,
    pub attorney: Attorney,
    /// The volunteers' devices this case is assigned to: they receive it in case packets.
    #[serde(default)]
    pub assigned_to: Vec<DeviceId>,
}

/// The attorney of record and whether their notices of appearance are filed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attorney {
    pub name: String,
    pub contact: String,
    /// Form G-28, before DHS (asylum office, ICE).
    pub g28: FilingStatus,
    /// Form EOIR-28, before the immigration court.
    pub eoir28: FilingStatus,
    /// Form EOIR-27, before the BIA.
    pub eoir27: FilingStatus,
}
