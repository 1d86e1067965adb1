## Security: destroying this laptop's vault (duress) and the wrong-passphrase policy (docs/SECURITY.md §6–7)

security-keys-destroyed = Too many wrong passphrases were typed, and as this vault’s settings asked, its keys were destroyed. It can no longer be opened, not even with the recovery code. Your coordinator has a copy of what was synced.

security-wipe-title = Destroy the keys after wrong passphrases
security-wipe-waits = Wrong passphrases always make you wait: after three in a row, each next try waits longer, from 5 seconds up to 15 minutes, even after a restart. This is always on.
security-wipe-label = After wrong passphrases
security-wipe-off = Off: wrong passphrases only make you wait longer (recommended for most people).
security-wipe-after = Destroy the keys after { $count } wrong passphrases in a row
security-wipe-warning = Think carefully before turning this on. After that many wrong passphrases in a row, this laptop’s vault can never be opened again: not with the right passphrase, not with the recovery code. Only what was synced to your coordinator survives. A child, a colleague or you yourself, tired, could trigger it.
security-wipe-save = Save this setting

security-duress-title = Make this laptop’s vault unreadable
security-duress-explain = If you fear this laptop is about to be taken, this destroys the keys of the vault on it in under a second. Afterwards nobody can open it, including you, with the passphrase or the recovery code. Your coordinator’s copy of what was synced is the backup; anything not yet synced is lost.
security-duress-ssd = What it cannot do: on most laptops (with an SSD) traces of the old key file may remain on the drive for a while, and copies or backups made earlier still open with the passphrase. Full-disk encryption, with the laptop switched off, is the protection that holds.
security-duress-word = DESTROY
security-duress-type = To confirm, type { $word }
security-duress-button = Destroy the keys now
security-duress-done = Done. The vault on this laptop can no longer be opened.
security-duress-done-why = Its keys were destroyed from Settings, as you asked. Neither the passphrase nor the recovery code can open it again. What was synced is safe with your coordinator: ask them to set you up again when it is safe.
