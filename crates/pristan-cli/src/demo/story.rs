//! Where an invented person's case stands: their custody (detained, transferred, released,
//! removed) and their legal events, dated around `today` so that a fresh demo vault always has
//! deadlines running, removal-imminent cases and hearings coming up.

use chrono::{Days, NaiveDate, NaiveTime};
use pristan_core::domain::{
    CustodyEvent, CustodyEventKind, CustodyStatus, LegalEvent, LegalEventKind as K, LongText,
    Outcome, ReleaseType, ShortText,
};
use pristan_core::ops::EntityId;

use super::places::{JUDGES, PLACES};
use super::rng::Rng;

/// How far a case has come. The weights in [`story`] give a spread like a real caseload's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Screening,
    NegativeCredibleFear,
    AwaitingMerits,
    JudgeDeniedRecently,
    AppealPending,
    AppealDismissed,
    AppealWaived,
    Granted,
    ReleasedAwaitingHearing,
    Removed,
}

const STAGES: [(Stage, u32); 10] = [
    (Stage::Screening, 9),
    (Stage::NegativeCredibleFear, 6),
    (Stage::AwaitingMerits, 20),
    (Stage::JudgeDeniedRecently, 14),
    (Stage::AppealPending, 12),
    (Stage::AppealDismissed, 11),
    (Stage::AppealWaived, 4),
    (Stage::Granted, 7),
    (Stage::ReleasedAwaitingHearing, 11),
    (Stage::Removed, 6),
];

pub struct Story {
    pub custody: CustodyStatus,
    /// Index into `PLACES` of where the person is (or was last held).
    pub place: usize,
    pub detained_on: NaiveDate,
    /// The last day in detention (today for those still held).
    pub held_until: NaiveDate,
    pub custody_events: Vec<CustodyEvent>,
    pub legal_events: Vec<LegalEvent>,
    /// A final order with no stay is likely: the tasks should say so.
    pub final_order: bool,
}

struct Builder<'a> {
    rng: &'a mut Rng,
    today: NaiveDate,
    facilities: &'a [EntityId],
    /// (from this date, place index): where the person was held, oldest first.
    held: Vec<(NaiveDate, usize)>,
    story: Story,
}

pub fn story(rng: &mut Rng, today: NaiveDate, facilities: &[EntityId]) -> Story {
    let weights: Vec<u32> = STAGES.iter().map(|(_, w)| *w).collect();
    let stage = STAGES[rng.weighted(&weights)].0;
    let place = rng.below(PLACES.len() as u64) as usize;
    let mut b = Builder {
        today,
        facilities,
        held: vec![(today, place)],
        story: Story {
            custody: CustodyStatus::Detained,
            place,
            detained_on: today,
            held_until: today,
            custody_events: Vec::new(),
            legal_events: Vec::new(),
            final_order: false,
        },
        rng,
    };
    b.play(stage);
    b.story.custody_events.sort_by_key(|e| e.date);
    b.story.legal_events.sort_by_key(|e| e.date);
    b.story
}

impl Builder<'_> {
    fn ago(&self, days: i64) -> NaiveDate {
        self.today - Days::new(days.max(0) as u64)
    }

    fn after(date: NaiveDate, days: i64) -> NaiveDate {
        date + Days::new(days.max(0) as u64)
    }

    fn play(&mut self, stage: Stage) {
        let r = |b: &mut Self, low, high| b.rng.range(low, high);
        match stage {
            Stage::Screening => {
                let detained = r(self, 5, 40);
                self.detain(detained);
                let interview = Self::after(self.story.detained_on, 4);
                if interview < self.today {
                    self.legal(K::CredibleFearInterview, interview, Outcome::Unknown);
                    let finding = Self::after(interview, 2);
                    if finding <= self.today {
                        self.legal(K::CredibleFearFinding, finding, Outcome::Granted);
                    }
                }
                let ahead = r(self, 10, 60);
                self.hearing(K::MasterHearing, ahead);
            }
            Stage::NegativeCredibleFear => {
                let finding = r(self, 0, 6);
                let detained = finding + r(self, 8, 30);
                self.detain(detained);
                let finding = self.ago(finding);
                self.legal(
                    K::CredibleFearInterview,
                    finding - Days::new(2),
                    Outcome::Unknown,
                );
                self.legal(K::CredibleFearFinding, finding, Outcome::Denied);
                if self.rng.chance(0.5) {
                    let review = Self::after(finding, 1).min(self.today);
                    self.legal(K::CredibleFearReview, review, Outcome::Pending);
                }
            }
            Stage::AwaitingMerits => {
                let detained = r(self, 90, 400);
                self.detain(detained);
                self.early_stages(self.today);
                let ahead = r(self, 3, 120);
                self.hearing(K::IndividualHearing, ahead);
            }
            Stage::JudgeDeniedRecently => {
                let decided = r(self, 1, 29);
                self.denied_after_detention(decided, 150);
                if self.rng.chance(0.3) {
                    let waited = r(self, 0, decided.min(20));
                    let filed = self.ago(decided - waited);
                    self.legal(K::BiaAppealFiled, filed, Outcome::Pending);
                }
            }
            Stage::AppealPending => {
                let decided = r(self, 40, 240);
                let decision = self.denied_after_detention(decided, 120);
                let filed = Self::after(decision, r(self, 10, 25));
                self.legal(K::BiaAppealFiled, filed, Outcome::Pending);
                if self.rng.chance(0.5) {
                    let ago = r(self, 1, 20);
                    let scheduled = self.ago(ago).max(filed);
                    self.legal(K::BiaBriefingSchedule, scheduled, Outcome::Unknown);
                }
                if self.rng.chance(0.15) {
                    let bond = Self::after(filed, 7).min(self.today);
                    self.legal(K::BondHearing, bond, Outcome::Denied);
                    let habeas = Self::after(bond, 14).min(self.today);
                    self.legal(K::HabeasPetitionFiled, habeas, Outcome::Pending);
                }
            }
            Stage::AppealDismissed => {
                let dismissed = r(self, 1, 45);
                let decided = dismissed + r(self, 90, 300);
                let decision = self.denied_after_detention(decided, 60);
                self.legal(
                    K::BiaAppealFiled,
                    Self::after(decision, 20),
                    Outcome::Pending,
                );
                let dismissal = self.ago(dismissed);
                self.legal(K::BiaDecision, dismissal, Outcome::Dismissed);
                self.story.final_order = true;
                match self.rng.weighted(&[35, 25, 40]) {
                    0 => {
                        let asked = Self::after(dismissal, 3).min(self.today);
                        self.legal(K::StayRequested, asked, Outcome::Pending);
                    }
                    1 => {
                        let asked = Self::after(dismissal, 2).min(self.today);
                        self.legal(K::StayRequested, asked, Outcome::Pending);
                        let granted = Self::after(asked, 3).min(self.today);
                        self.legal(K::StayDecision, granted, Outcome::Granted);
                        self.story.final_order = false;
                    }
                    _ => {}
                }
                if self.rng.chance(0.3) {
                    let petition = Self::after(dismissal, 12).min(self.today);
                    self.legal(K::PetitionForReviewFiled, petition, Outcome::Pending);
                }
            }
            Stage::AppealWaived => {
                let decided = r(self, 1, 60);
                let decision = self.denied_after_detention(decided, 90);
                if let Some(event) = self.story.legal_events.last_mut() {
                    if event.date == Some(decision) {
                        event.appeal_waived = true;
                    }
                }
                self.story.final_order = true;
            }
            Stage::Granted => {
                let decided = r(self, 10, 200);
                let decision = self.decision_after_detention(decided, 100, Outcome::Granted);
                let released = Self::after(decision, r(self, 1, 3)).min(self.today);
                self.release(released, ReleaseType::Other, "attorney");
            }
            Stage::ReleasedAwaitingHearing => {
                let detained = r(self, 60, 300);
                self.detain(detained);
                let released = Self::after(self.story.detained_on, r(self, 20, 50));
                self.early_stages(released);
                let bond = self.rng.chance(0.4);
                if bond {
                    self.legal(K::BondHearing, released, Outcome::Granted);
                }
                let how = if bond {
                    ReleaseType::Bond
                } else {
                    ReleaseType::Parole
                };
                self.release(released, how, "ICE locator");
                let ahead = r(self, 30, 300);
                self.hearing(K::IndividualHearing, ahead);
            }
            Stage::Removed => {
                let removed = r(self, 10, 200);
                let decided = removed + r(self, 20, 60);
                let decision = self.denied_after_detention(decided, 90);
                if let Some(event) = self.story.legal_events.last_mut() {
                    if event.date == Some(decision) {
                        event.appeal_waived = true;
                    }
                }
                let removal = self.ago(removed);
                self.custody(CustodyEventKind::Removed, removal, "family");
                self.story.custody = CustodyStatus::Removed;
                self.story.held_until = removal;
            }
        }
    }

    /// Detained `days_ago`, perhaps transferred since to where the person is now.
    fn detain(&mut self, days_ago: i64) {
        let detained = self.ago(days_ago);
        let current = self.story.place;
        self.held = vec![(detained, current)];
        if days_ago > 30 && self.rng.chance(0.35) {
            let others = PLACES.len() as u64 - 1;
            let first = (current + 1 + self.rng.below(others) as usize) % PLACES.len();
            let moved = Self::after(detained, self.rng.range(10, days_ago - 5));
            self.held = vec![(detained, first), (moved, current)];
            let mut transfer =
                self.custody_event(CustodyEventKind::Transferred, moved, current, "ICE locator");
            transfer.from_facility_id = Some(self.facilities[first]);
            self.story.custody_events.push(transfer);
        }
        let first = self.held[0].1;
        let event = self.custody_event(CustodyEventKind::Detained, detained, first, "the person");
        self.story.custody_events.push(event);
        self.story.detained_on = detained;
    }

    /// Credible fear, the first master hearings and the asylum application, as far as `until`.
    fn early_stages(&mut self, until: NaiveDate) {
        let start = self.story.detained_on;
        let steps = [
            (K::CredibleFearInterview, 8, Outcome::Unknown),
            (K::CredibleFearFinding, 11, Outcome::Granted),
            (K::MasterHearing, 45, Outcome::Unknown),
            (K::AsylumApplicationFiled, 70, Outcome::Unknown),
            (K::MasterHearing, 100, Outcome::Unknown),
        ];
        for (kind, days, outcome) in steps {
            let date = Self::after(start, days);
            if date < until {
                self.legal(kind, date, outcome);
            }
        }
    }

    /// The history of someone detained long enough to have had their individual hearing,
    /// decided `decided_days_ago`; returns the decision date.
    fn denied_after_detention(&mut self, decided_days_ago: i64, at_least: i64) -> NaiveDate {
        self.decision_after_detention(decided_days_ago, at_least, Outcome::Denied)
    }

    fn decision_after_detention(
        &mut self,
        decided_days_ago: i64,
        at_least: i64,
        outcome: Outcome,
    ) -> NaiveDate {
        let detained = decided_days_ago + self.rng.range(at_least, at_least + 150);
        self.detain(detained);
        let decision = self.ago(decided_days_ago);
        self.early_stages(decision);
        self.legal(K::IndividualHearing, decision, Outcome::Unknown);
        self.legal(K::IjDecision, decision, outcome);
        decision
    }

    fn release(&mut self, on: NaiveDate, how: ReleaseType, source: &str) {
        let place = self.place_on(on);
        let mut event = self.custody_event(CustodyEventKind::Released, on, place, source);
        event.release_type = Some(how);
        self.story.custody_events.push(event);
        self.story.custody = CustodyStatus::Released;
        self.story.held_until = on;
    }

    fn custody(&mut self, kind: CustodyEventKind, on: NaiveDate, source: &str) {
        let event = self.custody_event(kind, on, self.place_on(on), source);
        self.story.custody_events.push(event);
    }

    fn custody_event(
        &self,
        kind: CustodyEventKind,
        date: NaiveDate,
        place: usize,
        source: &str,
    ) -> CustodyEvent {
        CustodyEvent {
            case_id: None,
            kind,
            date: Some(date),
            facility_id: Some(self.facilities[place]),
            from_facility_id: None,
            release_type: None,
            source: short(source),
            note: LongText::default(),
        }
    }

    /// Where the person was held on `date`.
    fn place_on(&self, date: NaiveDate) -> usize {
        self.held
            .iter()
            .rev()
            .find(|(from, _)| *from <= date)
            .or(self.held.first())
            .map(|(_, place)| *place)
            .unwrap_or(self.story.place)
    }

    fn legal(&mut self, kind: K, date: NaiveDate, outcome: Outcome) {
        let place = &PLACES[self.place_on(date)];
        let source = self
            .rng
            .pick(&["EOIR status line", "attorney", "the person"]);
        let judge = matches!(
            kind,
            K::MasterHearing | K::IndividualHearing | K::IjDecision
        )
        .then(|| *self.rng.pick(JUDGES));
        self.story.legal_events.push(LegalEvent {
            case_id: None,
            kind,
            date: Some(date),
            time: None,
            time_zone: None,
            court: if kind == K::CredibleFearInterview {
                ShortText::default()
            } else {
                short(place.court)
            },
            judge: judge.map(short).unwrap_or_default(),
            outcome,
            appeal_waived: false,
            source: short(source),
            note: LongText::default(),
        });
    }

    /// A hearing `days_ahead`, at a time local to the court.
    fn hearing(&mut self, kind: K, days_ahead: i64) {
        let date = self.today + Days::new(days_ahead as u64);
        self.legal(kind, date, Outcome::Pending);
        let place = &PLACES[self.story.place];
        let times = [(8, 30), (9, 0), (13, 0), (13, 30)];
        let (h, m) = *self.rng.pick(&times);
        if let Some(event) = self.story.legal_events.last_mut() {
            event.time = NaiveTime::from_hms_opt(h, m, 0);
            event.time_zone = Some(place.time_zone);
        }
    }
}

pub fn short(text: &str) -> ShortText {
    ShortText::new(text).expect("demo texts are one short line")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pristan_core::casebook::case_status;
    use pristan_core::domain::Stored;

    #[test]
    fn stories_are_dated_consistently_and_some_are_removal_imminent() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let facilities: Vec<EntityId> = (0..PLACES.len())
            .map(|i| EntityId::from_bytes([i as u8 + 1; 16]))
            .collect();
        let mut imminent = 0;
        let mut deadlines_soon = 0;
        for i in 0..300 {
            let mut rng = Rng::stream(9, i);
            let story = story(&mut rng, today, &facilities);
            assert!(story.detained_on <= story.held_until && story.held_until <= today);
            for e in &story.custody_events {
                assert!(e.date.unwrap() <= today && e.date.unwrap() >= story.detained_on);
            }
            let events: Vec<Stored<LegalEvent>> = story
                .legal_events
                .into_iter()
                .enumerate()
                .map(|(n, record)| Stored {
                    id: EntityId::from_bytes([n as u8; 16]),
                    record,
                })
                .collect();
            for e in &events {
                let future = e.record.date.unwrap() > today;
                assert!(!future || e.record.outcome == Outcome::Pending, "{e:?}");
            }
            let status = case_status(&events, &[], story.custody, today);
            imminent += usize::from(status.removal_imminent);
            deadlines_soon += status
                .deadlines
                .iter()
                .filter(|d| {
                    d.met_by.is_none() && d.due >= today && (d.due - today).num_days() <= 14
                })
                .count();
        }
        assert!(imminent > 10, "{imminent}");
        assert!(deadlines_soon > 20, "{deadlines_soon}");
    }
}
