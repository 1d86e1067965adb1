//! Everything on a case page, read in one call.

use chrono::NaiveDate;

use super::case_status;
use crate::domain::views::CaseFile;
use crate::domain::{
    Attachment, Consent, CustodyEvent, Evidence, Facility, LegalEvent, Relative, Task, TaskStatus,
    Visit,
};
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

impl Vault {
    /// The case `id` with all its records, and its status on `today`.
    pub fn case_file(&self, id: EntityId, today: NaiveDate) -> Result<CaseFile> {
        let case = self.require_case(id)?;
        let facility = match case.facility_id {
            Some(facility) => self.get::<Facility>(facility)?,
            None => None,
        };
        let mut legal_events = self.list::<LegalEvent>(id)?;
        legal_events.sort_by_key(|e| (e.record.date, e.record.time, e.id));
        let mut custody_events = self.list::<CustodyEvent>(id)?;
        custody_events.sort_by_key(|e| (e.record.date, e.id));
        let mut visits = self.list::<Visit>(id)?;
        visits.sort_by_key(|v| std::cmp::Reverse((v.record.date, v.record.start_time, v.id)));
        let mut tasks = self.list::<Task>(id)?;
        tasks.sort_by_key(|t| {
            (
                t.record.status != TaskStatus::Open,
                t.record.due.is_none(),
                t.record.due,
                t.id,
            )
        });
        let consents = self.list::<Consent>(id)?;
        let status = case_status(&legal_events, &consents, case.custody_status, today);
        let drafts = self
            .visit_drafts()?
            .into_iter()
            .filter(|d| d.case_id == id)
            .collect();
        let mut file = CaseFile {
            facility,
            status,
            custody_events,
            legal_events,
            visits,
            notes: self.current_notes(id)?,
            tasks,
            consents,
            relatives: self.list::<Relative>(id)?,
            evidence: self.list::<Evidence>(id)?,
            attachments: self.list::<Attachment>(id)?,
            drafts,
            coordination: Default::default(),
            case,
        };
        crate::coordination::case_coordination(self, &mut file, today)?;
        Ok(file)
    }
}
