# Pristan — English texts of the casebook: navigation, dashboard, case list, new case, case page.
# Every message id here must also exist in ../ru/cases.ftl (tests/locales.rs compares them).

## Navigation

nav-label = Main
nav-dashboard = Dashboard
nav-cases = Cases
nav-new-case = New case

## Shared words

loading = Loading…
save = Save
saving = Saving…
cancel = Cancel
edit = Edit
delete = Delete
delete-confirm = Delete it?
delete-yes = Yes, delete
delete-no = Keep it
not-recorded = not recorded
none-chosen = none
estimate-disclaimer = Estimate — confirm with the attorney of record.
in-days = { $days ->
    [0] today
    [1] tomorrow
   *[other] in { $days } days
}
overdue-days = { $days ->
    [one] overdue by { $days } day
   *[other] overdue by { $days } days
}
text-too-long = this is { $found } characters long; please shorten it to at most { $max }.
text-one-line = please keep this on one line.
date-echo = = { $date }
date-order = order in the box: { $order }
date-order-day = DD
date-order-month = MM
date-order-year = YYYY

## Dashboard

dashboard-title = Dashboard
dashboard-intro = What needs attention, most urgent first.
dashboard-empty-title = No cases yet — add the first one
dashboard-empty-body = When you add the people you visit, their deadlines, visits and tasks will gather here.
dashboard-add-first = Add the first case
dashboard-removal-advice = Make sure the attorney of record knows. A stay has to be asked for before the person is put on a plane.
dashboard-deadlines-title = Deadlines in the next 14 days
dashboard-deadlines-none = No deadlines in the next 14 days.
dashboard-visits-title = Upcoming visits
dashboard-visits-none = No visits planned.
dashboard-tasks-title = Open tasks
dashboard-tasks-none = No open tasks.
dashboard-drafts-title = Unfinished visit write-ups
dashboard-drafts-none = No unfinished write-ups.
dashboard-draft-saved = last saved { $when }
dashboard-case-count = { $count ->
    [one] { $count } case in this vault
   *[other] { $count } cases in this vault
}
dashboard-no-case = not linked to a case

## Case list and search

cases-title = Cases
cases-search-label = Search cases
cases-search-hint = Names in Latin or Cyrillic letters, an A-number, or words from notes and evidence.
cases-none = No cases yet.
cases-no-match = Nothing matches “{ $query }”.
cases-count = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
cases-match-note = In a note
cases-match-evidence = In evidence
cases-match-relative = In a relative
cases-match-task = In a task
cases-match-attachment = In a file
cases-show-more = Show more
cases-match-other = Match

## New case

new-case-title = New case
new-case-intro = Only the name is needed now; you can add everything else later.
new-case-name = Name in Latin letters
new-case-name-hint = As on the person's papers, e.g. Ivan Petrov.
new-case-native-name = Name in their own script
new-case-native-name-hint = e.g. Иван Петров.
new-case-a-number = A-number
new-case-a-number-hint = 8 or 9 digits from the person's papers, e.g. A-123-456-789.
new-case-dob = Date of birth
new-case-nationality = Nationality
new-case-languages = Languages
new-case-languages-hint = e.g. Russian, some English.
new-case-facility = Facility
new-case-submit = Add the case
new-case-working = Adding the case…
new-case-name-missing = Type the person's name in Latin letters.

## A-numbers typed wrongly (checked before saving)

a-number-empty = No A-number was typed.
a-number-digit-count = { $found ->
    [one] This has { $found } digit, but an A-number has 8 or 9. Please check it against the person's papers.
   *[other] This has { $found } digits, but an A-number has 8 or 9. Please check it against the person's papers.
}
a-number-letter = “{ $letter }” is not allowed here: an A-number is 8 or 9 digits, with at most an A before them.
a-number-character = “{ $character }” is not allowed here: type only digits, with spaces or dashes between them if you like.
a-number-zeros = An A-number cannot be all zeros. Please check it against the person's papers.

## Facilities

facility-none = No facility
facility-add = Add a facility
facility-add-title = New facility
facility-name = Facility name
facility-name-missing = Type the facility's name.
facility-state = State
facility-state-hint = Two letters, e.g. TX.
facility-time-zone = Time zone
facility-submit = Save the facility
facility-local-time = Local time there: { $time }
facility-no-time-zone = The facility's time zone is not recorded.
# One message per time zone Pristan offers (pristan_model::time_zones::OFFERED), named by
# region and a city in it.
time-zone-america-new-york = Eastern time (New York)
time-zone-america-detroit = Eastern time (Detroit)
time-zone-america-indiana-indianapolis = Eastern time (Indianapolis)
time-zone-america-kentucky-louisville = Eastern time (Louisville)
time-zone-america-chicago = Central time (Chicago)
time-zone-america-indiana-knox = Central time (Knox, Indiana)
time-zone-america-denver = Mountain time (Denver)
time-zone-america-boise = Mountain time (Boise)
time-zone-america-phoenix = Arizona time (Phoenix, no daylight saving)
time-zone-america-los-angeles = Pacific time (Los Angeles)
time-zone-america-anchorage = Alaska time (Anchorage)
time-zone-pacific-honolulu = Hawaii time (Honolulu)
time-zone-america-puerto-rico = Atlantic time (Puerto Rico)
time-zone-pacific-guam = Chamorro time (Guam)
time-zone-other = time zone { $zone }

## Custody status

custody-status = Custody
custody-status-detained = Detained
custody-status-released = Released
custody-status-removed = Removed from the US
custody-status-left-country = Left the country
custody-status-unknown = Not known

## The case page: header and overview

case-back = All cases
case-a-number = A-number
case-no-a-number = No A-number recorded
case-facility = Facility
case-removal-banner = Final order, no stay: removal could happen any day.
case-removal-banner-advice = Make sure the attorney of record knows today. A stay of removal has to be asked for before the person is put on a plane; a petition for review or a motion does not stop removal by itself.
case-stayed-note = Removal is stayed for now, by a pending appeal or a stay order.
case-final-order = Removal order final since { $date }.
case-sections = On this page
case-overview = Overview
case-name = Name in Latin letters
case-native-name = Name in their own script
case-aliases = Other names
case-dob = Date of birth
case-nationality = Nationality
case-languages = Languages
case-not-found = This case could not be found. It may have been deleted.

## Attorney of record

attorney-title = Attorney of record
attorney-name = Attorney
attorney-contact = Contact
attorney-none = No attorney recorded.
attorney-g28 = G-28 (with ICE and DHS)
attorney-eoir28 = EOIR-28 (with the immigration court)
attorney-eoir27 = EOIR-27 (with the Board of Immigration Appeals)
attorney-g28-why = ICE tells an attorney about a transfer only if a G-28 is on file.
filing-unknown = not known
filing-not-filed = not filed
filing-filed = filed

## Deadlines

deadlines-title = Deadlines
deadlines-none = No deadlines follow from the legal events recorded so far.
deadlines-intro = Pristan works these dates out from the legal events below. They are estimates to help you ask the right questions, not legal advice.
deadline-kind-bia-appeal = Appeal to the Board of Immigration Appeals (Form EOIR-26)
deadline-kind-petition-for-review = Petition for review in the federal court of appeals
deadline-kind-motion-to-reconsider = Motion to reconsider
deadline-kind-motion-to-reopen = Motion to reopen
deadline-kind-credible-fear-review = Judge's review of the negative credible fear finding
deadline-kind-detained-briefing = Briefs to the Board (detained case)
deadline-due = Due { $date }
deadline-met = Met
deadline-open = Open
deadline-counted-from = { $days ->
    [one] { $days } day from { $date }
   *[other] { $days } days from { $date }
}
deadline-moved-weekend = Counted plainly it would be { $date }, a weekend, so it moves to the next business day.
deadline-moved-holiday = Counted plainly it would be { $date }, a federal holiday ({ $holiday }), so it moves to the next business day.
deadline-source = Rule: { $source }
deadline-counting-bia-practice-manual = Days are counted as the BIA Practice Manual describes ({ $citation }): the day of the event itself is not counted, and a last day on a Saturday, Sunday or federal holiday moves to the next business day.
deadline-counting-appellate-rules = Days are counted as the federal appellate rules describe ({ $citation }): the day of the order itself is not counted, and a last day on a Saturday, Sunday or federal holiday moves to the next business day.
deadline-forum-immigration-judge = The last decision was the immigration judge's, so the motion is filed with the judge.
deadline-forum-board = The last decision was the Board's (BIA), so the motion is filed with the Board.
deadline-forum-unknown = The motion is filed with whoever made the final order: the immigration judge, or the Board (BIA) if it decided last. Ask the attorney which.
holiday-new-years-day = New Year's Day
holiday-martin-luther-king-day = Birthday of Martin Luther King, Jr.
holiday-washingtons-birthday = Washington's Birthday
holiday-memorial-day = Memorial Day
holiday-juneteenth = Juneteenth National Independence Day
holiday-independence-day = Independence Day
holiday-labor-day = Labor Day
holiday-columbus-day = Columbus Day
holiday-veterans-day = Veterans Day
holiday-thanksgiving-day = Thanksgiving Day
holiday-christmas-day = Christmas Day
holiday-inauguration-day = Inauguration Day
deadline-note-bia-appeal = The Board must receive the appeal by this date: posting it in time is not enough. Removal is stayed until then, and while an appeal filed in time is pending.
deadline-note-petition-for-review = The court cannot extend this deadline. Filing does not stop removal; a stay has to be asked for separately.
deadline-note-motion-to-reconsider = Filing does not stop removal and does not extend the deadline for a petition for review.
deadline-note-motion-to-reopen = There are exceptions (for example, changed conditions in the country the person could be sent to). Filing does not stop removal and does not extend the deadline for a petition for review.
deadline-note-credible-fear-review = The judge should finish the review within this time, within a day where practicable.
deadline-note-detained-briefing = Both sides' briefs must reach the Board on the same day; the Board may extend the time if asked.

## Legal events

legal-title = Legal timeline
legal-none = No legal events recorded yet.
legal-add = Add a legal event
legal-add-title = New legal event
legal-kind = What happened
legal-date = Date
legal-time = Time (hearings)
legal-time-zone = Court's time zone
legal-court = Court
legal-judge = Judge
legal-outcome = Outcome
legal-appeal-waived = The appeal was waived (the decision is final on the day)
legal-source = Source
legal-source-hint = Who told you: the attorney, the court's phone line, the person.
legal-note = Note
legal-submit = Save the event
legal-date-missing = Choose the date of the event: deadlines are counted from it.
legal-time-at = { $time } court time — { $zone }
legal-court-judge = { $court }, judge { $judge }
legal-event-credible-fear-interview = Credible fear interview
legal-event-credible-fear-finding = Credible fear finding
legal-event-credible-fear-review = Judge's review of credible fear
legal-event-asylum-application-filed = Asylum application filed
legal-event-master-hearing = Master calendar hearing
legal-event-individual-hearing = Individual (merits) hearing
legal-event-ij-decision = Immigration judge's decision
legal-event-bia-appeal-filed = Appeal filed with the Board of Immigration Appeals
legal-event-bia-briefing-schedule = Board's briefing schedule
legal-event-bia-decision = Board of Immigration Appeals decision
legal-event-petition-for-review-filed = Petition for review filed
legal-event-motion-to-reopen-filed = Motion to reopen filed
legal-event-motion-to-reconsider-filed = Motion to reconsider filed
legal-event-stay-requested = Stay of removal requested
legal-event-stay-decision = Decision on a stay of removal
legal-event-bond-hearing = Bond hearing
legal-event-habeas-petition-filed = Habeas petition filed
legal-event-final-order = Final order of removal
outcome-unknown = Not known
outcome-pending = Pending
outcome-granted = Granted
outcome-denied = Denied
outcome-dismissed = Dismissed (the order stands)
outcome-sustained = Sustained (the person won)
outcome-remanded = Sent back to the judge
outcome-withdrawn = Withdrawn
outcome-lifted = Stay lifted

## Custody events

custody-title = Custody timeline
custody-none = No custody events recorded yet.
custody-add = Add a custody event
custody-add-title = New custody event
custody-kind = What happened
custody-date = Date
custody-to = Facility
custody-from = From facility
custody-release-type = Released on
custody-source = Source
custody-source-hint = e.g. ICE detainee locator, the attorney, the person.
custody-note = Note
custody-submit = Save the event
custody-update-case = Also change where the person is now (custody status and facility)
custody-event-detained = Detained
custody-event-transferred = Transferred
custody-event-released = Released
custody-event-removed = Removed from the US
custody-event-left-country = Left the country
custody-released-on = on { $how }
custody-transfer = from { $from } to { $to }
release-parole = parole
release-bond = bond
release-recognizance = recognizance
release-other = other terms
custody-source-shown = Source: { $source }

## Visits and drafts

case-visits-title = Visits
case-visits-none = No visits recorded yet.
case-write-up-visit = Write up a visit
case-drafts-title = Unfinished write-ups
case-draft-item = Write-up started, last saved { $when }
case-draft-resume = Resume
case-visit-mode-in-person = In person
case-visit-mode-video = Video
case-visit-mode-phone = Phone
case-visit-language = in { $language }
case-visit-interpreter = interpreter: { $name }
case-visit-visitors = visitors: { $names }
case-notes-title = Notes

## Evidence of political activity

evidence-title = Evidence of political activity
evidence-none = No evidence recorded yet.
evidence-add = Add evidence
evidence-add-title = New evidence
evidence-category = Kind
evidence-summary = What it shows
evidence-date = Date
evidence-verification = Verification
evidence-verified-by = Verified by
evidence-verified-on = Verified on
evidence-verified-line = verified by { $who } on { $date }
evidence-submit = Save the evidence
evidence-summary-missing = Describe the evidence in a few words.
evidence-category-protest = Protest
evidence-category-membership = Membership of an organisation
evidence-category-publication = Publication
evidence-category-criminal-case-in-russia = Criminal case in Russia
evidence-category-mobilisation-evasion = Evading mobilisation
evidence-category-desertion = Desertion
evidence-category-other = Other
verification-claimed = Claimed
verification-documented = Documented
verification-corroborated = Corroborated
verification-verified = Verified
verification-change = Change the level

## Relatives

relatives-title = Relatives
relatives-none = No relatives recorded yet.
relatives-add = Add a relative
relatives-add-title = New relative
relative-name = Name in Latin letters
relative-native-name = Name in their own script
relative-relation = Relation
relative-relation-hint = e.g. wife, son, mother.
relative-whereabouts = Where they are
relative-location = Place
relative-location-hint = The facility, foster agency or city.
relative-contact = Contact
relative-note = Note
relative-submit = Save the relative
relative-name-missing = Type the relative's name.
whereabouts-unknown = Not known
whereabouts-in-us = In the US
whereabouts-detained-elsewhere = Detained elsewhere
whereabouts-foster-care = In foster care
whereabouts-in-russia = In Russia
whereabouts-elsewhere-abroad = Elsewhere abroad

## Consents

consents-title = Consents
consents-intro = Share nothing of the person's story without their permission, purpose by purpose.
consents-purpose = Purpose
consents-state = Today
consents-recipients = Who
consents-anyone = anyone for this purpose
consents-history = Record of consents
consents-none = No consent recorded yet.
consents-add = Record a consent
consents-add-title = New consent
consent-purpose-keep-notes = Keep notes about them
consent-purpose-share-with-coordinator = Share with the coordinator
consent-purpose-share-with-attorney = Share with an attorney
consent-purpose-government-referral = Refer to a government (e.g. Canada)
consent-purpose-share-with-relative = Share with named relatives
consent-state-given = Allowed
consent-state-withdrawn = Withdrawn
consent-state-not-asked = Not asked
consent-recipient = Recipient
consent-recipient-hint = Which attorney, relative or government; leave empty for anyone.
consent-given-on = Given on
consent-method = How
consent-method-verbal = Said aloud
consent-method-written = In writing
consent-note = Note
consent-submit = Save the consent
consent-withdraw = Withdraw
consent-withdrawn-on = withdrawn on { $date }
consent-given-line = given on { $date }
consent-given-missing = Choose the day the consent was given.

## Tasks

tasks-title = Tasks
tasks-none = No tasks yet.
tasks-add = Add a task
tasks-add-title = New task
task-title = Task
task-details = Details
task-due = Due
task-assignee = Who
task-priority = Priority
task-submit = Save the task
task-title-missing = Say what needs doing.
task-due-line = due { $date }
priority-low = Low
priority-normal = Normal
priority-high = High
priority-urgent = Urgent
task-status-open = Open
task-status-done = Done
task-status-cancelled = Cancelled

## Attachments

attachments-title = Files
attachments-none = No files yet.
attachments-limit = Photos and scans up to 20 MB each. They are kept inside the encrypted vault.
attachment-file = File
attachment-choose-file = Choose a file…
attachment-no-file = No file chosen
attachment-caption = Caption
attachment-submit = Add the file
attachment-working = Adding the file…
attachment-too-big = This file is { $size } MB; Pristan keeps files up to 20 MB. Take a smaller photo, or scan at a lower resolution.
attachment-choose = Choose a file first.
attachment-unreadable = The file could not be read. Please try again.
attachment-view = Show
attachment-hide = Hide
attachment-export = Export to Downloads
attachment-exported = Saved as { $path }
attachment-export-warning = This copy is not encrypted. Delete it when you no longer need it, and do not leave it on a shared computer.
attachment-size-mb = { $size } MB
attachment-size-kb = { $size } KB
attachment-no-preview = Only pictures are shown here. Export the file to open it.

share-consent-title = Sharing with the coordinator
share-consent-explain = Ask the person first. If they agree, this case — their name, notes and everything added later — goes to your organisation’s coordinator with your next bundle. If they do not agree, it stays on this laptop only; you can ask again at a later visit.
share-consent-label = The person agrees to share this case with the coordinator
