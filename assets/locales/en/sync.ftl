# Pristan — English texts for sync: the Sync screen, Coordinator → Devices, Coordinator → Conflicts,
# and the case page's assignment and "forget this person" sections.
# Every message id here must also exist in ../ru/sync.ftl (tests/locales.rs compares them).

nav-sync = Sync

## Sync screen

sync-title = Sync
sync-back = Back to Sync
sync-working = Working…
sync-setup-intro = To share cases with your group, this device needs to belong to an organisation. A coordinator starts one; volunteers join it.
sync-start-title = Start an organisation
sync-start-explain = For coordinators. This device will hold the organisation's keys: it reads every volunteer's bundle and approves their devices.
sync-start-name = Name of the organisation
sync-start-name-hint = As your volunteers know it, for example "Tuesday visitors group".
sync-start-name-missing = Please enter a name for the organisation.
sync-start-submit = Start the organisation
sync-join-title = Join with an invitation
sync-join-explain = For volunteers. Your coordinator gives you an invitation: a block of text sent by e-mail, chat or on a USB stick.
sync-join-invitation = Invitation
sync-join-invitation-hint = Paste the whole invitation here, from its first line to its last.
sync-join-missing = Please paste the invitation first.
sync-join-submit = Join the organisation
sync-join-org = This invitation is for the organisation “{ $name }”.
sync-join-org-fingerprint = Its fingerprint:
sync-join-compare-explain = An invitation sent by e-mail or chat can be swapped on the way, and a swapped one would send your notes to someone else. Call your coordinator on a number you already know (not one from the same message) and compare the fingerprint aloud, one group at a time.
sync-join-compared = We compared it aloud, and every group is the same
sync-join-compare-first = Please compare the organisation’s fingerprint with your coordinator first, and tick the box.
sync-device-name-field = Name of this computer
sync-start-device-hint = How volunteers will see this device, for example "Office laptop". You can leave it empty.
sync-join-device-hint = How your coordinator will see this device, for example "Anna's laptop". Use a name they will recognise.

sync-this-device = This device
sync-organisation = Organisation
sync-device-name = Device name
sync-role = Role
sync-role-coordinator = Coordinator
sync-role-volunteer = Volunteer
sync-awaiting-approval = Your coordinator has not approved this device yet. Call them and read out the fingerprint below, then export a bundle and give it to them. Their next bundle to you completes the approval.
sync-fingerprint-explain = This device's fingerprint. Your coordinator will call you and compare it with what they see, group by group, before approving this device.
sync-fingerprint-explain-coordinator = This device's fingerprint. Volunteers and other coordinators can compare it with the one on the Devices screen to be sure they are dealing with this laptop.

sync-coordinator-title = Coordinator
sync-open-devices = Devices
sync-open-conflicts = Conflicts
sync-waiting-count = { $count } waiting
sync-invite-title = Invite a volunteer
sync-invite-explain = Make an invitation and send it to the volunteer. When they have joined, they will show you their device's fingerprint: compare it on the phone before you approve them under Devices.
sync-invite-fingerprint = The organisation’s fingerprint. Read it aloud to the volunteer by phone before they join, so that they can tell your invitation from a swapped one:
sync-make-invitation = Make an invitation
sync-invitation-label = Invitation to send
sync-copy = Copy
sync-copied = Copied. Paste it into a message to the volunteer.
sync-copy-selected = The invitation is selected: press Ctrl+C to copy it.

sync-outbox-title = Send your changes
sync-unsent = { $count ->
    [0] Everything has been sent.
    [one] { $count } change not yet sent.
   *[other] { $count } changes not yet sent.
}
sync-export-folder = Folder to save the bundle in
sync-export-folder-hint = A USB stick or a folder you share with your coordinator. The bundle is encrypted: only your organisation's coordinators can open it.
sync-folder-suggestions = Suggestions:
sync-folder-missing = Please enter a folder.
sync-export = Export bundle
sync-export-written = Bundle { $number } saved: { $ops ->
    [one] { $ops } change
   *[other] { $ops } changes
}, { $attachments ->
    [0] no attachments
    [one] { $attachments } attachment
   *[other] { $attachments } attachments
}, { $size }.
sync-export-split = It was split into { $count } files so that each stays a size other computers accept. Carry all of them.
sync-results-clock-ahead = A sender's clock is about { $hours } hours ahead of this computer's. Ask them to check the date and time on their laptop, or check this one. Nothing was lost.
sync-export-next = Give this file to your coordinator, or leave it in your shared folder.
sync-export-nothing-new = Nothing new to send: your coordinators already have all your changes.
sync-size-kb = { $kb } KB
sync-size-mb = { $mb } MB

sync-inbox-title = Receive bundles
sync-inbox-explain = Bundles from your coordinator or your volunteers. Importing the same bundle twice changes nothing.
sync-import-path = Folder or bundle file
sync-import-path-hint = A folder imports every bundle in it; a file path imports just that bundle.
sync-import-path-missing = Please enter a folder or a file.
sync-import = Import bundles

sync-stage-starting = Starting…
sync-stage-collecting = Gathering changes…
sync-stage-compressing = Packing…
sync-stage-encrypting = Encrypting…
sync-stage-writing = Writing the file…
sync-stage-importing = Importing…
sync-stage-done = Finishing…
sync-progress-count = { $stage } { $done } of { $total }

sync-results-title = What the import brought
sync-results-no-files = No bundle files were found there.
sync-results-files = Each file
sync-result-imported = { $count ->
    [one] { $count } bundle imported
   *[other] { $count } bundles imported
}
sync-result-already = { $count ->
    [one] { $count } bundle was already imported
   *[other] { $count } bundles were already imported
}
sync-result-quarantined = { $count ->
    [one] { $count } bundle kept aside (see below)
   *[other] { $count } bundles kept aside (see below)
}
sync-result-rejected = { $count ->
    [one] { $count } file could not be read
   *[other] { $count } files could not be read
}
sync-count-cases = { $count ->
    [one] { $count } new case
   *[other] { $count } new cases
}
sync-count-notes = { $count ->
    [one] { $count } new note
   *[other] { $count } new notes
}
sync-count-records = { $count ->
    [one] { $count } other new entry
   *[other] { $count } other new entries
}
sync-count-fields = { $count ->
    [one] { $count } updated detail
   *[other] { $count } updated details
}
sync-count-attachments = { $count ->
    [one] { $count } attachment
   *[other] { $count } attachments
}
sync-count-forgotten = { $count ->
    [one] { $count } person forgotten
   *[other] { $count } people forgotten
}
sync-count-nothing = nothing new
sync-results-conflicts = { $count ->
    [one] { $count } detail was changed on two devices at once and needs a coordinator's choice.
   *[other] { $count } details were changed on two devices at once and need a coordinator's choice.
}
sync-file-name = File
sync-file-outcome = What happened
sync-outcome-imported = From { $sender }: { $what }.
sync-outcome-already = Already imported earlier (from { $sender }).
sync-outcome-waiting = Kept aside until its device is approved: { $reason }
sync-outcome-quarantined = Kept aside: { $reason }
sync-outcome-rejected = Not imported: { $reason }

sync-gaps-title = Missing bundles
sync-gap = { $count ->
    [one] Bundle { $numbers } from { $sender } is missing. Ask them to export again.
   *[other] Bundles { $numbers } from { $sender } are missing. Ask them to export again.
}

sync-quarantine-title = Kept aside
sync-quarantine-explain = These files were not imported. Bundles that may still import (waiting for an approval, or for the clocks to agree) are kept, still encrypted, and tried again; any other file is listed by its name and size only. Discard what you do not need.
sync-quarantine-received = Received { $when } · { $size }
sync-waiting-approval = waiting: tried again later
sync-quarantine-listed-only = only its name and size are kept
sync-retry-all = Try all again
sync-discard = Discard
sync-discard-confirm = Discard this bundle?
sync-discard-yes = Yes, discard

## Coordinator → Devices

devices-title = Devices
devices-intro = Every laptop in your organisation, and the ones asking to join.
devices-pending-title = Waiting for approval
devices-pending-none = No device is waiting.
devices-pending-explain = Call the volunteer and compare these numbers aloud before approving. If even one group differs, do not approve: someone else may be pretending to be them.
devices-first-seen = First seen { $when }
devices-fingerprint = Fingerprint
devices-approve-volunteer = Approve as volunteer
devices-approve-coordinator = Approve as coordinator
devices-approve-coordinator-confirm = A coordinator can read every case. Approve as coordinator?
devices-approve-coordinator-yes = Yes, approve
devices-roster-title = Approved devices
devices-col-device = Device
devices-col-role = Role
devices-col-fingerprint = Fingerprint
devices-col-approved = Approved
devices-col-standing = Standing
devices-col-actions = Actions
devices-this-device = this device
devices-active = Active
devices-revoked-after = { $seq ->
    [0] Revoked: nothing from it is kept
   *[other] Revoked: changes up to no. { $seq } kept
}
devices-revoke = Revoke…
devices-revoke-title = Revoke { $name }
devices-revoke-explain = Use this when a laptop is lost, stolen or no longer used. Its new bundles will be kept aside instead of imported. This cannot be undone: the volunteer would have to join again from a new invitation.
devices-revoke-held = Changes kept from this device: no. { $held }. Only these will be accepted from it after revoking.
devices-revoke-nothing-held = Nothing from this device has arrived here yet: after revoking, nothing from it will be accepted.
devices-revoke-missing = Changes no. { $missing } from this device never arrived here. After revoking they will not be accepted from it: if they matter, import the bundles that carry them first.
devices-last-good-seq = Last trusted change number (optional)
devices-last-good-seq-hint = Leave empty to keep everything already received from this device. If you know when it went missing, enter the number of the last change you trust.
devices-seq-invalid = The change number must be a whole number, such as 120.
devices-revoke-submit = Revoke this device
devices-send-packet = Send case packet…
devices-packet-title = Case packet for { $name }
devices-packet-explain = A case packet carries the cases assigned to this volunteer, as they stand now. Only their device can open it.
devices-packet-submit = Save case packet
devices-packet-written = Case packet { $number } saved ({ $ops ->
    [one] { $ops } change
   *[other] { $ops } changes
}, { $size }) in { $path }.
devices-packet-next = Give this file to the volunteer.

## Coordinator → Conflicts

conflicts-title = Conflicts
conflicts-intro = Sometimes two people change the same detail before they have seen each other's change. The newest one is shown meanwhile; choose the one that is right, and every device will get it.
conflicts-none = No conflicts
conflicts-none-explain = When two devices change the same detail at once, it will appear here for you to choose.
conflicts-no-case = Not part of a case
conflicts-shown = shown now
conflicts-written-by = { $device }, { $when }
conflicts-keep = Keep this value
conflicts-unknown-device = a device not in the roster
conflicts-empty-value = (empty)
conflicts-yes = Yes
conflicts-no = No
sync-entity-case = Case
sync-entity-facility = Facility
sync-entity-visit = Visit
sync-entity-note = Note
sync-entity-custody-event = Custody event
sync-entity-legal-event = Legal event
sync-entity-task = Task
sync-entity-consent = Consent
sync-entity-relative = Relative
sync-entity-evidence = Evidence
sync-entity-attachment = Attachment

## Case page: assignment and forgetting

assigned-title = Assigned volunteers
assigned-explain = The volunteers whose devices receive this case in their case packets.
assigned-no-volunteers = No volunteer devices are approved yet. Approve them under Sync → Devices.
assigned-save = Save assignment
assigned-saved = Saved. Send the volunteers new case packets so they receive it.
assigned-view-explain = Your coordinator assigned this case to:
assigned-this-device = { $name } (this device)
assigned-unknown-device = A device your roster does not know yet
assigned-none = Not assigned to a volunteer yet.

forget-title = Forget this person
forget-explain = This removes everything about this person — the case, visits, notes, documents and attachments — from this device and from every device that imports the instruction. Use it when the person withdraws consent or asks to be forgotten, or when the case was entered by mistake.
forget-coordinator-only = Only a coordinator can do this, so that the person is removed from every device at once. If this person should be forgotten, tell your coordinator.
forget-open = Forget this person…
forget-cannot-undo = This cannot be undone. Nothing about this person can be recovered afterwards, on any device.
forget-reason = Reason
forget-reason-consent-withdrawn = They withdrew their consent
forget-reason-requested-by-person = They asked to be forgotten
forget-reason-entered-by-mistake = The case was entered by mistake
forget-reason-missing = Please choose a reason.
forget-type-name = To confirm, type the person's name: { $name }
forget-type-name-hint = Exactly as it is written at the top of this page.
forget-submit = Forget this person everywhere

sync-held-back = { $count ->
    [one] { $count } case is not sent: the person has not agreed to share with the coordinator (or has withdrawn that consent). It stays on this laptop until they agree.
   *[other] { $count } cases are not sent: the person has not agreed to share with the coordinator (or has withdrawn that consent). They stay on this laptop until the person agrees.
}
