# Two copies of one vault in use under one device identity (a fork), and a vault that moved to a
# new device identity (restored, copied, or after a fork). docs/sync-plan.md, "Forks".

forks-title = Two copies of a vault are in use
forks-explain = Nothing was lost: the changes that conflict are kept aside. To resolve it, revoke the old identity at its last shared change. Both laptops then move to new identities by themselves and send their changes again; approve the new identities under Devices after comparing fingerprints by phone.
forks-explain-volunteer = Nothing was lost: the changes that conflict are kept aside. Tell your coordinator: they revoke the old identity at its last shared change, and the copies then move to new identities and send their changes again.
forks-item = { $device }: two different copies of this vault are in use — bundle { $number } conflicts with what was received before.
forks-item-unnumbered = { $device }: two different copies of this vault are in use — a bundle conflicts with what was received before.
forks-detail = { $count ->
    [one] One change waits aside.
   *[other] { $count } changes wait aside.
} Last change both copies share: { $seq }.
forks-revoke = Revoke at change { $seq }
forks-revoke-confirm = Revoke this identity after change { $seq }? Both copies will move to new identities, which you then approve under Devices.
forks-revoke-yes = Yes, revoke

identity-moved-title = This laptop now has a new identity
identity-moved-restored = This vault was restored from a backup, so it now works under a new device identity.
identity-moved-copied = This vault's folder was copied or moved to another disk, so it now works under a new device identity.
identity-moved-fork-seen = A case packet held changes that another copy of this vault made. So that the two copies never mix up their changes, this one now works under a new device identity.
identity-moved-revoked = Your coordinator revoked this laptop's old identity (usually because two copies of this vault were in use). This vault now works under a new device identity.
identity-moved-reissued = { $count ->
    [one] One change made after the copies parted was sent again under the new identity.
   *[other] { $count } changes made after the copies parted were sent again under the new identity.
}
identity-moved-next = Nothing was lost. Export a bundle and give it to your coordinator: they will see that this laptop replaces the old one, and approve it after comparing the fingerprint with you by phone.
identity-moved-dismiss = I understand

devices-replaces = Replaces { $name }: a restored or copied vault continuing under a new identity. Compare the fingerprint by phone before approving.
devices-replaces-approved = replaces { $name }
