# Pristan — English interface text.
# Every message id here must also exist in ../ru/main.ftl (a test compares them).

## The app and the shell

app-title = Pristan
language-label = Language
settings-button = Settings
lock-button = Lock
lock-button-title = Lock the vault now (Ctrl+Shift+L)

## Starting

starting-title = Opening Pristan…
start-failed-title = Pristan could not start
start-failed-body = The part of Pristan that keeps your notes did not answer. Your notes are not affected.
start-retry = Try again

## Choosing a passphrase (shared by several screens)

passphrase-mismatch-hint = The two passphrases are not the same yet.
strength-label = Passphrase strength
strength-empty = A few ordinary words that only you would put together make a good passphrase.
strength-score-0 = Very easy to guess
strength-score-1 = Easy to guess
strength-score-2 = Could be stronger
strength-score-3 = Good
strength-score-4 = Strong
strength-acceptable = Strong enough.
strength-not-acceptable = Not strong enough yet.
hint-too-short = Make it longer.
hint-use-more-words = Add another word or two.
hint-avoid-common-words = Avoid common words and well-known phrases.
hint-avoid-repeats = Avoid repeats such as “aaa” or “abcabc”.
hint-avoid-sequences = Avoid sequences such as “abc”, “1234” or “qwerty”.
hint-avoid-personal-info = Avoid names, dates and other things people could know about you.

## Creating the vault

create-title = Welcome to Pristan
create-intro = Pristan is a private notebook for your visits. It keeps the people you support, their cases, your visit notes, deadlines and tasks — all on this computer, locked with a passphrase that only you know.
create-passphrase-advice = Choose a passphrase you will remember. Nobody, not even the people who make Pristan, can open your notes without it.
create-recovery-warning = If you forget the passphrase, the only way back in is the recovery code you will see on the next screen. Without one or the other, the notes cannot be recovered.
create-passphrase-label = Passphrase
create-confirm-label = Type the passphrase again
create-submit = Create the vault
create-working = Creating your vault… This takes a few seconds.

## The recovery code

recovery-title = Your recovery code
recovery-new-passphrase-set = Your new passphrase is set and the vault is open. It is now locked with a new key, so earlier copies of it no longer open.
recovery-intro = This code opens the vault if you ever forget your passphrase. It is shown only this once.
recovery-code-label = Recovery code
recovery-write-down = Write it down on paper now, and keep the paper somewhere safe, away from this laptop. Please do not photograph it or save it on this computer.
recovery-old-code-void = Your old recovery code no longer works. Keep this new one instead.
recovery-ack = I have written down the recovery code
recovery-continue = Continue

## Unlocking

unlock-title = Unlock your vault
unlock-intro = Enter your passphrase to open your notes.
unlock-passphrase-label = Passphrase
unlock-submit = Unlock
unlock-working = Opening… This takes a few seconds.
unlock-working-long = Still opening. The first time after Pristan is updated, a large vault can take a minute or two to prepare. Please keep this window open: your notes are safe.
unlock-wrong = That passphrase did not open the vault.
unlock-attempts-left = { $count ->
    [one] You can try once more before a short wait.
   *[other] You can try { $count } more times before a short wait.
}
lock-note-inactivity = Locked because of inactivity. Your notes are safe.
go-recover = Forgot the passphrase? Use the recovery code

## Recovering with the recovery code

recover-title = Open with the recovery code
recover-intro = Enter the recovery code you wrote down when you created the vault, then choose a new passphrase.
recover-code-label = Recovery code
recover-new-label = New passphrase
recover-confirm-label = Type the new passphrase again
recover-submit = Open and set the new passphrase
recover-working = Opening the vault… This takes a few seconds.
recover-wrong-code = That recovery code did not open the vault. Please check it character by character and try again.
recover-code-invalid = That does not look like a recovery code. It has 25 letters and digits in five groups of five; please compare it with your paper copy.
recover-back = Back to unlocking with the passphrase

## Home

home-visit-guide = Paper visit guide
home-visit-guide-hint = Visiting where laptops are not allowed? Print a guide to fill in by hand.

## Settings

settings-title = Settings
settings-back = Back
settings-language-title = Language
settings-auto-lock-title = Locking when you step away
settings-auto-lock-intro = If nobody uses Pristan for a while, it locks the vault by itself, so your notes stay safe if you leave the laptop.
settings-auto-lock-label = Lock after
auto-lock-minutes = { $minutes ->
    [one] { $minutes } minute without activity
   *[other] { $minutes } minutes without activity
}
settings-saved = Saved.
settings-passphrase-title = Change the passphrase
settings-passphrase-intro = Your notes stay as they are; only the passphrase that opens them changes. Your recovery code keeps working. The key that encrypts the vault stays the same: a copy of the vault’s files made before now still opens with the old passphrase. If someone may know your old passphrase, also use “My passphrase may be known” below.
settings-current-label = Current passphrase
settings-new-label = New passphrase
settings-confirm-label = Type the new passphrase again
change-submit = Change the passphrase
change-working = Changing the passphrase… This takes a few seconds.
change-done = Your passphrase has been changed. Use the new one the next time you unlock. A copy of the vault made before now still opens with the old one: if that worries you, use “My passphrase may be known” below.
settings-rotate-title = My passphrase may be known
settings-rotate-intro = If someone may have seen your passphrase, or copied this laptop’s files (at a border, say), Pristan can lock the vault with a brand-new key. Any earlier copy of the vault then stays closed, even with your passphrase. Your passphrase stays the same: change it above as well if it may be known.
settings-rotate-code-warning = You will get a new recovery code, and the old one stops working. Have paper and a pen ready.
rotate-submit = Lock the vault with a new key
rotate-working = Locking the vault with a new key… This takes a few seconds. Please do not close Pristan.
rotate-done = The vault is now locked with a new key. Earlier copies of it no longer open, even with your passphrase.
change-wrong-current = The current passphrase is not right.

## Errors

error-locked = The vault is locked. Please unlock it again.
error-wrong-passphrase = That passphrase did not open the vault.
error-too-many-attempts = Too many attempts. Try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
error-no-vault = There is no vault on this computer yet.
error-vault-exists = There is already a vault on this computer.
error-weak-passphrase = That passphrase would be too easy to guess. Please add another word or two.
error-passphrase-mismatch = The two passphrases are not the same.
error-invalid = Something you entered was not accepted. Please check it and try again.
role-refusal-assign-case = Only a coordinator assigns cases. Ask your coordinator to assign this one.
role-refusal-forget = Only a coordinator can forget a person, so that every device forgets them. Ask your coordinator to do it.
role-refusal-verify-evidence = Only a coordinator marks evidence as corroborated or verified. Choose claimed or documented, or ask your coordinator.
role-refusal-resolve-conflict = Only a coordinator chooses between conflicting changes. Your coordinator will choose.
error-damaged = The vault’s files look damaged, or were changed outside Pristan. Please do not delete anything, and ask your coordinator for help.
error-io = Pristan could not read or write its files. Please check that the disk is not full, then try again.
error-internal = Something went wrong inside Pristan. If it happens again, please tell your coordinator what you were doing.
error-details = Details: { $detail }

error-backup-no-destination = That folder does not exist. Plug in the backup drive, or check the folder’s name, then try again.
error-backup-not-a-backup = That folder is not a Pristan backup. Choose the folder whose name starts with “pristan-backup-”.
error-backup-damaged = That backup is damaged and cannot be restored. Nothing was changed. Please try an older backup.
error-backup-destination-not-empty = The folder for the restored vault already holds files. Nothing was changed.

settings-backup-title = Backup
settings-backup-protects = A backup protects your notes if this laptop is lost, stolen or broken. It is a locked copy of your vault: the same passphrase or recovery code opens it.
settings-backup-where = Keep it on a separate encrypted drive, away from this laptop. It is as sensitive as the laptop itself: anyone who learns your passphrase can read it.
settings-backup-coordinator = The other safety net is your coordinator: what you have sent in bundles is kept there too.
settings-backup-last = Last backup: { $when }.
settings-backup-never = No backup has been made yet.
settings-backup-folder = Folder to save the backup in
settings-backup-folder-hint = Your encrypted backup drive. Pristan makes a new folder in it and never overwrites an earlier backup.
settings-backup-submit = Back up now
settings-backup-working = Backing up… Please keep the drive plugged in.
settings-backup-done = Backup saved in { $path }.
settings-backup-reminder = Remind me when the last backup is more than a week old
backup-reminder-due = Your last backup is more than a week old. A backup keeps your notes safe if this laptop is lost or broken.
backup-reminder-never = You have not made a backup yet. A backup keeps your notes safe if this laptop is lost or broken.
backup-reminder-open = Back up now

restore-link = Restore from a backup
restore-title = Restore from a backup
restore-intro = If your laptop was lost or broken, you can bring back your notes from a backup you made. Pristan copies it here; the backup itself is not changed.
restore-identity = The restored vault will take a new identity for sending bundles: your coordinator approves this laptop again, as for a new one. Nothing you sent before is lost.
restore-folder = Backup folder
restore-folder-hint = The folder whose name starts with “pristan-backup-”, on your backup drive.
restore-use-code = I will use my recovery code instead of the passphrase
restore-passphrase = Passphrase of the backup
restore-code = Recovery code
restore-submit = Restore
restore-working = Restoring and checking the backup… This takes a few seconds.
restore-back = Back
restore-done = Your vault was restored. Unlock it with its passphrase.
