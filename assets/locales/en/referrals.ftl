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
