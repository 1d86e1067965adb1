# Pristan — writing up a visit, and a case's notes, in English.
# Every id here must also exist in ../ru/visits.ftl (a test compares them).

## Note kinds, shared by the write-up and the notes on a case page

note-kind-welfare = Welfare
note-kind-medical = Medical
note-kind-legal = Legal
note-kind-family = Family
note-kind-needs = Needs
note-kind-observation = Observation
note-not-verbatim = Volunteer’s notes — not verbatim
note-restricted-label = Restricted (sensitive)

## Writing up a visit

visit-title = Visit write-up
visit-back = Back to the case
visit-loading = Opening the write-up…
visit-for = Visit to { $name }
visit-resumed = Resumed your unfinished write-up from { $time }.
visit-resumed-earlier = Resumed your unfinished write-up from { $when }.
visit-resumed-plain = Resumed your unfinished write-up.
visit-reminder-title = Volunteer’s notes — not verbatim
visit-reminder-consent = Write down only what the person agreed you may note.
visit-reminder-own-words = Use your own words and keep it short. Leave out the story of why they fled unless their attorney asked for it: if your notes differ from what they later tell the judge, it can count against them.
visit-reminder-restricted = Tick “restricted” for anything sensitive: health, family, anything that could put someone in danger.

visit-details-title = The visit
visit-facility = Facility
visit-facility-none = Not chosen
visit-facility-add-option = Add a facility…
visit-facility-empty = No facilities are saved yet. Choose “Add a facility…” to add one, or leave it for now.
visit-facility-new-label = Name of the new facility
visit-facility-new-add = Add the facility
visit-facility-new-adding = Adding…
visit-date = Date
visit-time = Start time
visit-mode = Visit type
visit-mode-in-person = In person
visit-mode-video = Video
visit-mode-phone = Phone
visit-language = Language
visit-language-hint = The language you spoke in, e.g. Russian.
visit-interpreter = Interpreter
visit-interpreter-hint = Their name, or leave it empty if there was none.

visit-notes-title = Notes
visit-notes-intro = Write what you want to remember in each section; empty sections are left out.
note-hint-welfare = How they are: mood, sleep, food, how staff treat them, contact with others.
note-hint-medical = Health problems, medicines, whether they can see a doctor — only what they want noted.
note-hint-legal = Facts they mention: next hearing, attorney, papers received or filed. No advice.
note-hint-family = Relatives and where they are, messages to pass on (only with their consent).
note-hint-needs = What they ask for: money for calls or the commissary, clothes, books, documents.
note-hint-observation = What you saw yourself: conditions, injuries, how the visit went.
visit-restricted = Restricted (sensitive): hidden until someone chooses to show it

visit-finish = Finish and save
visit-finish-shortcut = or press Ctrl+Enter
visit-finishing = Saving the visit…
visit-discard = Discard
visit-discard-question = Discard this write-up? What you typed will be deleted, and it cannot be brought back.
visit-discard-confirm = Yes, discard it
visit-discard-cancel = Keep writing
visit-discarding = Discarding…

## The autosave line

visit-autosave-idle = Your write-up is saved as you type.
visit-autosave-saving = Saving…
visit-autosave-saved = Saved a moment ago.
visit-autosave-saved-at = Saved at { $time }.
visit-autosave-failed = Not saved yet: { $reason } Your text is still here, and Pristan will try again in a few seconds; please keep this window open.

## Problems when finishing

visit-error-no-date = Please enter the date of the visit.
visit-error-too-long = The “{ $kind }” note is too long to save: { $shown } characters, and at most { $max } fit. Please shorten it.
visit-error-language = The language is too long: please keep it under 200 characters.
visit-error-interpreter = The interpreter’s name is too long: please keep it under 200 characters.
visit-error-facility-name = Please type the facility’s name first.

## Notes on a case page

note-saved-at = Saved { $when }
note-restricted-hidden = This note is restricted. It stays hidden so that nobody sees it on this screen by accident.
note-show = Show restricted note
note-hide = Hide
note-versions = edited · { $count ->
    [one] { $count } version
   *[other] { $count } versions
}
note-history = History
note-history-hide = Hide history
note-history-title = All versions, oldest first
note-history-loading = Loading the history…
note-history-version = Version { $number } · { $when }
note-history-current = current
note-edit = Edit
note-edit-title = Edit this note
note-edit-explain = Saved notes are never changed; your edit is saved as a new version and the old one stays in the history.
note-edit-text = Note
note-edit-kind = Section
note-edit-save = Save as a new version
note-edit-saving = Saving…
note-edit-cancel = Cancel
note-edit-empty = A note cannot be empty. To leave it as it was, choose Cancel.
note-edit-too-long = This is { $shown } characters long; at most { $max } fit. Please shorten it.
note-list-empty = No notes yet.
