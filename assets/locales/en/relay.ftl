# Syncing through the organisation's relay (issue 12).

relay-title = Sync online
relay-explain = When this laptop is online, Sync now sends your changes to the organisation's relay and brings back what waits for you. The relay only ever holds locked (encrypted) bundles: it cannot read them.
relay-address = Relay: { $url }
relay-none-volunteer = Your organisation has no relay yet, so bundles travel by folder or USB stick. Your coordinator can add one.
relay-none-coordinator = Your organisation has no relay yet, so bundles travel by folder or USB stick. Add the relay's address below once someone runs one.
relay-last-synced = Last synced: { $when }
relay-never-synced = Not synced online yet.
relay-waiting = { $count ->
    [0] Nothing waits to go.
    [one] One bundle waits to go.
   *[other] { $count } bundles wait to go.
}
relay-held-back = { $count ->
    [one] The relay refused one of them as too large or because its mailbox is full. It stays here; you can also carry it by folder.
   *[other] The relay refused { $count } of them as too large or because its mailbox is full. They stay here; you can also carry them by folder.
}
relay-reachable = The relay answers.
relay-unreachable = The relay cannot be reached right now.
relay-reachable-unknown = Not checked yet.
relay-check = Check the relay
relay-sync-now = Sync now
relay-auto-sync = Sync by itself every few minutes while Pristan is unlocked
relay-auto-sync-hint = Off unless you turn it on, for this laptop only. When the relay cannot be reached, it waits longer before each new try.
relay-awaiting-approval = Your first bundle goes to the coordinators through the relay. Once a coordinator has compared your fingerprint by phone and approved this laptop, the next Sync now brings the approval back.

relay-settings-title = Relay address
relay-settings-explain = The address of your organisation's relay, as the person running it gave it (for example https://relay.example.org). It is signed with the organisation's key and reaches every volunteer with their next case packet.
relay-address-label = Relay address
relay-address-save = Save the address
relay-address-clear = Remove the relay
relay-address-saved = Saved. Volunteers receive it with their next case packet.
relay-address-invalid = This is not a relay address. Type it as the person running the relay gave it, starting with https://.
relay-invitation-carries = New invitations carry the relay address ({ $url }), so a new volunteer can send their first bundle without a folder.

relay-result-title = Sync result
relay-result-counts = Sent { $sent } and received { $received } bundles.
relay-result-unreachable = The relay could not be reached. Nothing is lost: everything waits here and goes with the next sync.
relay-result-nothing-new = Nothing new was waiting for this laptop.
relay-result-still-queued = { $count ->
    [0] Nothing waits to go.
    [one] One bundle still waits to go.
   *[other] { $count } bundles still wait to go.
}

relay-stage-uploading = Sending to the relay…
relay-stage-downloading = Fetching from the relay…

relay-problem-unreachable = The relay could not be reached: there is no network, or the relay is down. Everything stays here and goes with the next sync.
relay-problem-no-relay = Your organisation has no relay address yet. Ask your coordinator.
relay-problem-not-approved-yet = This laptop is not approved yet and its invitation cannot be used online. Hand your first bundle to the coordinator by folder or USB stick.
relay-problem-unsigned = The relay did not accept this laptop's signature. Try again; if it keeps happening, tell your coordinator.
relay-problem-bad-signature = The relay did not accept this laptop's signature. Try again; if it keeps happening, tell your coordinator.
relay-problem-stale-time = This computer's clock is more than ten minutes off. Set the correct date and time, then sync again.
relay-problem-replayed = The relay asked to try again. Press Sync now once more.
relay-problem-challenge-expired = The connection was too slow. Press Sync now once more.
relay-problem-unknown-device = The relay does not know this laptop yet. A coordinator must approve it and sync first.
relay-problem-revoked-device = This laptop was removed from the organisation. Talk to your coordinator.
relay-problem-wrong-organisation = This relay belongs to another organisation. Check its address with your coordinator.
relay-problem-ticket-invalid = The relay did not accept your invitation. Ask your coordinator for a new one.
relay-problem-ticket-used-up = Your invitation cannot send more online, or has expired. Wait for the coordinator's approval, or ask for a new invitation.
relay-problem-not-yours = The relay refused: that mailbox belongs to another device.
relay-problem-hash-mismatch = A bundle was damaged on the way. It was not imported and will be fetched again next time.
relay-problem-too-large = A bundle is larger than the relay accepts. It stays here; carry it by folder or USB stick.
relay-problem-over-quota = The relay's mailbox is full. The bundle stays here and goes when there is room.
relay-problem-rate-limited = The relay is busy. Try again in a few minutes.
relay-problem-not-found = A bundle was no longer on the relay.
relay-problem-malformed = The relay could not read this Pristan's request. Please update Pristan.
relay-problem-unavailable = The relay cannot store anything right now. Try again later; nothing is lost.
relay-problem-unexpected-answer = The relay answered something this Pristan does not understand. Check the address, or update Pristan.
relay-problem-card-revoked = The organisation has revoked this status card. Ask the visitors whether there is a new one.
