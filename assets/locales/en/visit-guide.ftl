# Pristan — the paper visit guide, in English.
# A volunteer prints it, takes it into a facility that bans laptops, fills it in by hand, and types
# it into Pristan afterwards. Every id here must also exist in ../ru/visit-guide.ftl.

## Around the sheet (on screen only, never printed)

guide-title = Paper visit guide
guide-intro = Many facilities do not allow laptops in the visiting room. Print this guide, take it to the visit, write on it by hand, and type your notes into Pristan afterwards.
guide-print-hint = In the print window, choose your printer, or “Print to File” (“Save as PDF” on some computers) to keep a PDF you can print elsewhere. The guide is blank: it holds nothing from your vault.
guide-print = Print
guide-back = Back

## The sheet: heading and the visit's details

guide-sheet-title = Visit notes
guide-not-verbatim = Volunteer’s notes — not verbatim
guide-person = Person (initials are enough)
guide-a-number = A-number
guide-facility = Facility
guide-date = Date (month in words)
guide-start = Start
guide-end = End
guide-mode = Visit
guide-mode-in-person = in person
guide-mode-video = video
guide-mode-phone = phone
guide-language = Language
guide-interpreter = Interpreter
guide-interpreter-none = none
guide-visitors = Visitor(s)

## Before you go in

guide-before-title = Before you go in
guide-before-independent = Say who you are: an independent visitor — not from ICE, the facility or the government, and not a lawyer or a social worker.
guide-before-consent = Ask before you write anything down; say what the notes are for and who will see them. Explain the one limit to privacy: if someone’s safety is at risk, you must tell your coordinator.
guide-before-no-promises = Promise nothing about their case and give no legal advice: pass their questions on to their attorney or your coordinator.
guide-before-own-words = Write briefly, in your own words. Leave out the story of why they fled unless their attorney has asked for it: if your notes differ from what they later tell the judge, it can count against them.
guide-before-sensitive = Tick “restricted” on anything sensitive: health, family, anything that could put someone in danger.
guide-before-initials = If papers may be read or kept at the entrance, write initials, not full names, and leave the A-number blank: add it in Pristan later.
guide-before-share = Share nothing of their story without their consent, purpose by purpose.
guide-before-embassy = Never contact their embassy or consulate.
guide-before-not-anonymous = The facility logs your name and address, and their name and A-number: a visit is not anonymous.

## Consent

guide-consent-title = What they agree to
guide-consent-intro = Ask about each one separately and tick their answer. They can change their mind at any time.
guide-consent-purpose = They agree that…
guide-yes = yes
guide-no = no
guide-consent-keep = you keep notes of your visits
guide-consent-coordinator = you share them with your programme’s coordinator
guide-consent-attorney = you share them with their attorney
guide-consent-referral = their case is referred to the government of a country that may offer protection (for example, Canada)
guide-consent-family = you share news with relatives they name:
guide-consent-family-names = Names and relation

## Notes, one section per kind

guide-notes-title = Notes
guide-restricted = restricted (sensitive)
guide-kind-welfare = Welfare
guide-prompt-welfare = How they are: mood, sleep, food, how staff treat them, contact with others.
guide-kind-medical = Medical
guide-prompt-medical = Health problems, medicines, whether they can see a doctor — only what they want noted.
guide-kind-legal = Legal
guide-prompt-legal = Facts they mention: next hearing, attorney, papers received or filed. Not the story of why they fled, and no advice.
guide-kind-family = Family
guide-prompt-family = Relatives and where they are, messages to pass on (only with their consent).
guide-kind-needs = Needs
guide-prompt-needs = What they ask for: money for calls or the commissary, clothes, books, documents, contacts.
guide-kind-observation = Observation
guide-prompt-observation = What you saw yourself: conditions, injuries, how the visit went.

## Follow-ups

guide-followups-title = Follow-ups
guide-urgent = Tell your coordinator at once if:
guide-urgent-child = they may be a child held with adults
guide-urgent-self-harm = they may harm themselves
guide-urgent-torture = they speak of torture
guide-urgent-solitary = they are held in solitary confinement
guide-task = What to do
guide-task-who = Who
guide-task-due = By when
guide-next-visit = Next visit

## Footer

guide-footer = Volunteer’s notes — not verbatim, not a statement by the person. Type them into Pristan after the visit, then destroy this paper safely: shred it or tear it into small pieces; do not throw it away whole.
