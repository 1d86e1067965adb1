//! Pieces of the interface used by more than one page.

mod backup_reminder;
pub mod case;
mod confirm_button;
mod error_note;
mod fields;
mod language_select;
mod note_list;
mod removal;
mod secret_field;
mod strength_meter;
mod submit_row;
pub mod sync;
mod top_bar;
mod working_group_export;

pub use backup_reminder::BackupReminder;
pub use confirm_button::ConfirmButton;
pub use error_note::ErrorNote;
pub use fields::{CheckField, DateEcho, DateField, SelectField, TextArea, TextField};
pub use language_select::LanguageSelect;
pub use note_list::{note_kind_label, NoteList};
pub use removal::RemovalReasons;
pub use secret_field::SecretField;
pub use strength_meter::StrengthMeter;
pub use submit_row::SubmitRow;
pub use top_bar::{NavPlace, TopBar};
pub use working_group_export::WorkingGroupExport;
