# The coordinator's records (issue 13): verification, referrals, flights and case history. Ids the
# core sends (refusals, verdicts, checklist lines, triage groups, history kinds, fields).

role-refusal-confirm-activity = Only a coordinator confirms a person's political activity. Ask your coordinator.
role-refusal-confirm-twice = You have already confirmed this case. A second, different coordinator must confirm it.
role-refusal-referral = Only a coordinator marks referrals and edits the list of pathways. Ask your coordinator.
role-refusal-record-flight = Only a coordinator records removal flights and links cases to them. Tell your coordinator what you heard.

referral-refusal-no-recipient = This referral names no recipient. Write whom it goes to, then record the person's consent naming that recipient.
referral-refusal-no-consent = The person has not agreed to a referral to { $recipient }. Ask them, and record their consent to a government referral naming this recipient.
referral-refusal-consent-withdrawn = The person withdrew their consent to a referral to { $recipient } on { $date }. Nothing may be sent unless they agree again.
referral-refusal-consent-not-yet-given = The consent to a referral to { $recipient } is dated { $date }, after today. Correct the date if they have already agreed.

activity-verdict-unconfirmed = Political activity not yet confirmed by a coordinator
activity-verdict-one-coordinator = Confirmed by one coordinator: a second, different coordinator must confirm it
activity-verdict-verified = Political activity verified by two coordinators

checklist-evidence-recorded = Evidence of political activity recorded
checklist-evidence-documented = Evidence backed by a document
checklist-evidence-corroborated = Evidence corroborated by an independent source
checklist-evidence-verified = Evidence verified by a coordinator
checklist-first-confirmation = Activity confirmed by a first coordinator
checklist-second-confirmation = Activity confirmed by a second, different coordinator
checklist-referral-consent = Consent to a government referral, naming the recipient

triage-group-final-order-no-stay = Final order, no stay, nothing pending
triage-group-pending-motion = A motion or petition is pending, removal not stopped
triage-group-stayed = Removal stayed
triage-group-no-final-order = No final order

history-kind-edit = Change made here
history-kind-import = Change received from another device
history-kind-conflict-resolution = Conflict resolved
history-kind-verification-step = Verification
history-kind-referral = Referral
history-kind-flight = Flight

field-evidence-id = Evidence
field-level = Level
field-attachment-sha256 = Supporting file
field-checked = What was checked
field-country = Country
field-legal-basis = Legal basis
field-notes = Notes
field-retired = No longer offered
field-pathway-id = Pathway
field-candidate-on = Candidate since
field-dossier-prepared-on = Dossier prepared on
field-submitted-on = Submitted on
field-decided-on = Decided on
field-decision = Decision
field-decision-note = About the decision
field-recommendation = Coordinator's recommendation
field-route = Route or destination
field-flight-id = Flight

# The sections of a referral dossier, as the export dialog names them (pristan_model::DossierSection).
dossier-section-cover = Cover
dossier-section-person = The person
dossier-section-family = Family and ties
dossier-section-custody = Custody and legal summary
dossier-section-basis = Basis of the claim
dossier-section-need = Need for resettlement
dossier-section-deadlines = Deadlines
dossier-section-evidence = Evidence register
dossier-section-recommendation = The coordinator's recommendation
dossier-section-consents = Consents and declarations

## Exporting a referral dossier (the case page's referrals section)

dossier-export-open = Export a dossier (PDF)…
dossier-dialog-title = Export a referral dossier
dossier-dialog-intro = A PDF for the working group, in English, marked confidential on every page. It can leave only if the person agreed to a referral naming its recipient.
dossier-referral = Which referral
dossier-refused = This dossier cannot be exported yet.
dossier-go-to-consents = Go to the person's consents
dossier-sections = What to include
dossier-sections-always = The cover and the person's consents are always included. Untick a section to leave it out: its heading stays and says it was withheld.
dossier-notes = Notes
dossier-notes-none = This case has no notes.
dossier-notes-intro = No note is included unless you tick it. A restricted note is included only after you say yes a second time.
dossier-note-restricted-ask = This note is restricted (sensitive). Print it in a document that goes to a government?
dossier-note-restricted-yes = Yes, include this note
dossier-note-restricted-no = No, leave it out
dossier-export = Export the dossier
dossier-typesetting = Preparing the PDF…
dossier-saved = Saved: { $path } ({ $size }).

export-folder = Save in this folder
export-folder-hint = Leave it empty to save in your Downloads folder. The folder must already exist.
export-keep-safe = This file holds the person's details and is not encrypted. Keep it on an encrypted drive, and delete it once it has been sent.
export-close = Close

## Editing the list of pathways

pathways-edit = Edit the list of pathways
pathways-title = Pathways
pathways-intro = A retired pathway is no longer offered for new referrals; referrals that name it keep it. Changes reach the other coordinators with the next sync.
pathways-done = Done
pathway-retired = No longer offered
pathway-goes-to = Referrals go to: { $recipient }
pathway-rename = Rename
pathway-retire = Retire
pathway-restore = Offer it again
pathway-name-needed = Please give the pathway a name.
referral-pathway-retired = { $name } (no longer offered)

## The case page's removal flights

case-flights-title = Removal flights
case-flights-none = This person is not linked to any reported removal flight.
case-flights-volunteer = Your coordinator links cases to flights. Tell them if you hear of one.
case-flights-none-recorded = No upcoming flight is recorded.
case-flights-no-other = No other upcoming flight is recorded.
case-flights-go = Record one on the Flights page
case-flights-choose = Please choose a flight.
case-flights-link-label = A flight this person is believed to be on
case-flights-link = Link to this flight

## The working group's list (the deadlines board)

wg-export-open = Export the working group's list (CSV)…
wg-export-title = The working group's list
wg-export-intro = One row per referral whose person agreed to a referral naming its recipient: names, priority, pathway, status, verification and the next deadline. Never the story. People without that consent are left out, and you will see who.
wg-delimiter = Separator between columns
wg-delimiter-comma = Comma (LibreOffice, Excel in English)
wg-delimiter-semicolon = Semicolon (Excel in Russian)
wg-delimiter-tab = Tab
wg-export-save = Export the list
wg-saved = { $count ->
    [one] Saved { $count } case: { $path } ({ $size }).
   *[other] Saved { $count } cases: { $path } ({ $size }).
}
wg-none-left-out = Nobody was left out.
wg-left-out = { $count ->
    [one] { $count } referral was left out for lack of consent:
   *[other] { $count } referrals were left out for lack of consent:
}
