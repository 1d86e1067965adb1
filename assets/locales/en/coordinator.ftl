# Pristan — English texts of the coordinator's screens: the deadlines board, the ranked
# removal-imminent list on the dashboard.
# Every message id here must also exist in ../ru/coordinator.ftl (tests/locales.rs compares them).

nav-board = Deadlines board

## Why a removal-imminent case ranks where it does

removal-rank = No. { $rank }
removal-flight = Removal flight { $route } on { $date } — { $when }
removal-flight-no-route = Removal flight on { $date } — { $when }
removal-no-attorney = No attorney of record (no G-28, EOIR-28 or EOIR-27 on file)
removal-attorney = Attorney of record on file
removal-no-stay-motion = No stay of removal asked for
removal-stay-motion-pending = Stay of removal asked for, not yet decided
removal-final-order = { $days ->
    [0] Final order today ({ $date })
    [one] Final order { $days } day ago ({ $date })
   *[other] Final order { $days } days ago ({ $date })
}
removal-last-contact = { $days ->
    [0] Last contact today
    [one] Last contact { $days } day ago ({ $date })
   *[other] Last contact { $days } days ago ({ $date })
}
removal-never-contacted = No visit recorded yet
removal-order-explained = Ranked: a linked removal flight first, then no attorney of record, then no stay asked for, then the oldest final order, then the longest since the last contact.

## Dashboard at a coordinator's scale

dashboard-removal-count = { $count ->
    [one] { $count } person could be removed any day
   *[other] { $count } people could be removed any day
}
dashboard-removal-open-board = Open the deadlines board
dashboard-removal-more = and { $count } more on the deadlines board

## Deadlines board

board-title = Deadlines board
board-intro = Every case's open deadlines. People who could be removed any day come first, most urgent first; then the others by their next deadline.
board-keys = Keys: ↓ or “j” — next case, ↑ or “k” — previous, Enter — open the case.
board-count = { $shown ->
    [one] { $shown } case shown of { $total }
   *[other] { $shown } cases shown of { $total }
}
board-removal-count = { $count ->
    [one] { $count } could be removed any day
   *[other] { $count } could be removed any day
}
board-filters = Filters
board-filter-facility = Facility
board-filter-volunteer = Assigned volunteer
board-filter-custody = Custody
board-filter-referral = Referral
board-filter-any = any
board-filter-clear = Clear filters
board-referral-none = not referred
board-none = No case matches these filters.
board-none-at-all = No open deadlines, and no one with a final order and no stay.
board-removal-badge = Removal any day
board-deadline-more = { $count ->
    [one] and { $count } more deadline
   *[other] and { $count } more deadlines
}
board-no-open-deadline = No open deadline
board-facility-unknown = facility not recorded
board-volunteers = Assigned: { $names }
board-show-more = Show { $count } more
board-rows-label = Cases on the board

## Referrals (the board's filter and the case page)

referral-status-candidate = Candidate
referral-status-dossier-prepared = Dossier prepared
referral-status-submitted = Submitted
referral-status-decision = Decided
referral-priority-emergency = Emergency
referral-priority-urgent = Urgent
referral-priority-normal = Normal
referral-decision-accepted = Accepted
referral-decision-declined = Declined
referral-decision-withdrawn = Withdrawn

## Case page: verification

verification-title = Verification of political activity
verification-checklist = What the case still needs
checklist-state-done = done
checklist-state-missing = missing
verification-evidence = Each evidence item, step by step
verification-step-by = by { $who }, { $when }
verification-step-how = How: { $method }
verification-step-file = Supporting file: { $file }
verification-step-level = Level reached
verification-step-method = How it was checked
verification-step-method-hint = In words: "court record found on the Moscow city court's site".
verification-step-attachment = Supporting file
verification-step-save = Record this step
verification-confirmations = Confirmations by coordinators
verification-no-confirmation = No coordinator has confirmed this person's activity yet. Two different coordinators must.
verification-confirmed-by = Confirmed by { $who }, { $when }
verification-does-not-count = does not count: the same person, or not a coordinator
verification-confirm-checked = What you checked
verification-confirm-hint = In words: "spoke with the editor of the newspaper he wrote for".
verification-confirm = Confirm this person's activity
verification-unknown-device = a device not in the roster

## Case page: referrals

referrals-title = Referrals
referrals-none = This case has not been put forward for any pathway.
referral-move-to = Move to “{ $status }”
referral-recipient = Goes to: { $recipient } (the person's consent must name this recipient)
referral-pathway = Pathway
referral-priority = Priority
referral-mark = Mark as a candidate
pathway-add = Add a pathway to the list
pathway-name = Pathway's name
pathway-recipient = Whom referrals go to
pathway-recipient-hint = As the person's consent must name it: "Government of Canada (IRCC)".

## Case page: history

history-title = Case history
history-filter = Show
history-none = No changes of this kind.
history-created = added
history-deleted = deleted
history-changed = { $field }: { $from } → { $to }
history-by = on { $who }
history-by-received = on { $who } (received)
history-yes = yes
history-no = no
sync-entity-evidence-review = Review step
sync-entity-activity-confirmation = Confirmation of activity
sync-entity-pathway = Pathway
sync-entity-referral = Referral
sync-entity-flight = Flight
sync-entity-flight-link = Link to a flight

## Flights

nav-flights = Flights
flights-title = Removal flights
flights-intro = When a removal flight is reported, record it, link the people believed to be on it, and call them in the order of the triage list.
flights-none = No flights recorded.
flight-no-date = date not known
flight-source-line = Reported by: { $source }
flight-add = Record a flight
flight-date = Date of the flight
flight-route = Route or destination
flight-route-hint = As reported: "Alexandria LA → Cairo → Moscow".
flight-source = Who reported it
flight-source-hint = "An attorney at the facility", "a relative".
flight-save = Record the flight
flight-too-long = Please keep the route and the source to one short line each.
flight-triage-title = Whom to call first: { $route }
flight-countdown = The flight leaves on { $date } — { $when }.
flight-left = The flight was due on { $date }; it may have left.
flight-no-cases = No case is linked to this flight yet.
flight-triage-order = In order: a final order and no stay first, then pending motions, then stays; within each, no attorney of record first, then the nearest deadline, then the longest since the last contact.
triage-final-order = final order { $date }
flight-unlink = Not on this flight
flight-link-case = Link a case believed to be on it
flight-link-note = Why (optional)
flight-link = Link the case
history-this-device = this device
history-linked-record = a linked record
history-items = { $count ->
    [one] { $count } device
   *[other] { $count } devices
}
