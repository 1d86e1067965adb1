//! The fields of a case that operations may assign, each with its column and its check.

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::domain::{ANumber, CustodyStatus, FilingStatus};
use crate::error::{Error, Result};
use crate::ops::{DeviceId, EntityId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseField {
    Name,
    NativeName,
    Aliases,
    ANumber,
    DateOfBirth,
    Nationality,
    Languages,
    CustodyStatus,
    FacilityId,
    AttorneyName,
    AttorneyContact,
    G28,
    Eoir28,
    Eoir27,
    AssignedTo,
}

/// What values a field takes.
enum Shape {
    Text,
    OptionalANumber,
    OptionalDate,
    OptionalId,
    Custody,
    Filing,
    DeviceIds,
}

impl CaseField {
    pub const ALL: [CaseField; 15] = [
        CaseField::Name,
        CaseField::NativeName,
        CaseField::Aliases,
        CaseField::ANumber,
        CaseField::DateOfBirth,
        CaseField::Nationality,
        CaseField::Languages,
        CaseField::CustodyStatus,
        CaseField::FacilityId,
        CaseField::AttorneyName,
        CaseField::AttorneyContact,
        CaseField::G28,
        CaseField::Eoir28,
        CaseField::Eoir27,
        CaseField::AssignedTo,
    ];

    /// The name in operations, which is also the column in the `cases` table. A fixed string:
    /// SQL is never built from operation input.
    pub fn key(self) -> &'static str {
        match self {
            CaseField::Name => "name",
            CaseField::NativeName => "native_name",
            CaseField::Aliases => "aliases",
            CaseField::ANumber => "a_number",
            CaseField::DateOfBirth => "date_of_birth",
            CaseField::Nationality => "nationality",
            CaseField::Languages => "languages",
            CaseField::CustodyStatus => "custody_status",
            CaseField::FacilityId => "facility_id",
            CaseField::AttorneyName => "attorney_name",
            CaseField::AttorneyContact => "attorney_contact",
            CaseField::G28 => "g28",
            CaseField::Eoir28 => "eoir28",
            CaseField::Eoir27 => "eoir27",
            CaseField::AssignedTo => "assigned_to",
        }
    }

    pub(crate) fn column(self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Option<CaseField> {
        CaseField::ALL.into_iter().find(|f| f.key() == key)
    }

    fn shape(self) -> Shape {
        match self {
            CaseField::ANumber => Shape::OptionalANumber,
            CaseField::DateOfBirth => Shape::OptionalDate,
            CaseField::FacilityId => Shape::OptionalId,
            CaseField::CustodyStatus => Shape::Custody,
            CaseField::G28 | CaseField::Eoir28 | CaseField::Eoir27 => Shape::Filing,
            CaseField::AssignedTo => Shape::DeviceIds,
            _ => Shape::Text,
        }
    }

    /// Validates a received value, so that a malformed operation cannot store nonsense.
    pub(crate) fn check(self, value: &Value) -> Result<SqlValue> {
        let invalid = |reason: &str| Error::Invalid {
            field: self.key(),
            reason: reason.to_owned(),
        };
        let optional = matches!(
            self.shape(),
            Shape::OptionalANumber | Shape::OptionalDate | Shape::OptionalId
        );
        if let Shape::DeviceIds = self.shape() {
            return device_ids(value).map_err(|reason| invalid(&reason));
        }
        let text = match value {
            Value::Null if optional => return Ok(SqlValue::Null),
            Value::Null => String::new(),
            Value::String(s) if s.chars().count() <= 200 && !s.chars().any(char::is_control) => {
                s.clone()
            }
            _ => return Err(invalid("expected one line of text, at most 200 characters")),
        };
        match self.shape() {
            Shape::Text => {}
            Shape::OptionalANumber => {
                ANumber::parse(&text).map_err(|e| invalid(&e.to_string()))?;
            }
            Shape::OptionalDate => {
                text.parse::<chrono::NaiveDate>()
                    .map_err(|_| invalid("expected a date as YYYY-MM-DD"))?;
            }
            Shape::OptionalId => {
                text.parse::<EntityId>()
                    .map_err(|e| invalid(&e.to_string()))?;
            }
            Shape::Custody => {
                CustodyStatus::parse(&text).ok_or_else(|| invalid("unknown custody status"))?;
            }
            Shape::Filing => {
                FilingStatus::parse(&text).ok_or_else(|| invalid("unknown filing status"))?;
            }
            Shape::DeviceIds => unreachable!("handled above"),
        }
        Ok(SqlValue::Text(text))
    }
}

/// The most devices a case may be assigned to at once.
pub const MAX_ASSIGNED_DEVICES: usize = 16;

/// `assigned_to` is a JSON array of device ids, stored as their sorted, space-separated text so
/// every device materialises the same column.
fn device_ids(value: &Value) -> std::result::Result<SqlValue, String> {
    let Value::Array(items) = value else {
        return Err("expected a list of device ids".into());
    };
    if items.len() > MAX_ASSIGNED_DEVICES {
        return Err(format!(
            "a case can be assigned to at most {MAX_ASSIGNED_DEVICES} devices"
        ));
    }
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let text = item.as_str().ok_or("expected device ids as text")?;
        let id: DeviceId = text
            .parse()
            .map_err(|e: crate::ops::IdParseError| e.to_string())?;
        ids.push(id.to_string());
    }
    ids.sort();
    ids.dedup();
    Ok(SqlValue::Text(ids.join(" ")))
}
