//! The fields of a case that operations may assign, each with its column and its check.

use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use serde_json::Value;

use crate::domain::ANumber;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseField {
    Name,
    NativeName,
    ANumber,
    DateOfBirth,
    Nationality,
    CustodyStatus,
}

impl CaseField {
    pub const ALL: [CaseField; 6] = [
        CaseField::Name,
        CaseField::NativeName,
        CaseField::ANumber,
        CaseField::DateOfBirth,
        CaseField::Nationality,
        CaseField::CustodyStatus,
    ];

    /// The name in operations.
    pub fn key(self) -> &'static str {
        match self {
            CaseField::Name => "name",
            CaseField::NativeName => "native_name",
            CaseField::ANumber => "a_number",
            CaseField::DateOfBirth => "date_of_birth",
            CaseField::Nationality => "nationality",
            CaseField::CustodyStatus => "custody_status",
        }
    }

    /// The column in the `cases` table. A fixed string: SQL is never built from operation input.
    pub(crate) fn column(self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Option<CaseField> {
        CaseField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Validates a received value, so that a malformed operation cannot store nonsense.
    pub(crate) fn check(self, value: &Value) -> Result<SqlValue> {
        let invalid = |reason: &str| Error::Invalid {
            field: self.key(),
            reason: reason.to_owned(),
        };
        let text = match value {
            Value::Null if matches!(self, CaseField::ANumber | CaseField::DateOfBirth) => {
                return Ok(SqlValue::Null)
            }
            Value::Null => String::new(),
            Value::String(s) if s.chars().count() <= 200 => s.clone(),
            _ => return Err(invalid("expected text of at most 200 characters")),
        };
        match self {
            CaseField::ANumber => {
                ANumber::parse(&text).map_err(|e| invalid(&e.to_string()))?;
            }
            CaseField::DateOfBirth => {
                text.parse::<chrono::NaiveDate>()
                    .map_err(|_| invalid("expected a date as YYYY-MM-DD"))?;
            }
            CaseField::CustodyStatus => {
                CustodyStatus::from_str(&text).ok_or_else(|| invalid("unknown custody status"))?;
            }
            _ => {}
        }
        Ok(SqlValue::Text(text))
    }
}

/// Where the person is, in the plain terms a family would use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyStatus {
    Detained,
    Released,
    Removed,
    LeftCountry,
    Unknown,
}

impl CustodyStatus {
    pub const ALL: [CustodyStatus; 5] = [
        CustodyStatus::Detained,
        CustodyStatus::Released,
        CustodyStatus::Removed,
        CustodyStatus::LeftCountry,
        CustodyStatus::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustodyStatus::Detained => "detained",
            CustodyStatus::Released => "released",
            CustodyStatus::Removed => "removed",
            CustodyStatus::LeftCountry => "left_country",
            CustodyStatus::Unknown => "unknown",
        }
    }

    #[allow(clippy::should_implement_trait)] // an Option, not FromStr's Result: unknown is common
    pub fn from_str(text: &str) -> Option<CustodyStatus> {
        CustodyStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}
