# Family mode (issue 14): a relative opens a status card on a shared computer.

family-window-title = Pristan: status card
family-title = Open a status card
family-intro = You received a status card file from the visitors, and a passphrase of a few words. Open the card here to read how your relative is doing.
family-choose-file = Choose the card file
family-drop-here = or drag the card file into this box
family-paste-label = or paste the card's text here
family-card-ready = The card is ready to open.
family-passphrase-label = Passphrase: the words you were given
family-passphrase-hint = Capital letters and extra spaces do not matter.
family-show-passphrase = Show the words
family-open = Open the card
family-opening = Opening the card. This takes a few seconds.
family-close = Close
family-open-another = Open another card
family-idle-note = This window closes by itself after { $minutes } minutes without use. It leaves nothing on this computer.

family-error-no-card = Choose the card file, drag it here, paste its text, or type its card code first.
family-error-empty-passphrase = Type the words of the passphrase.
family-error-wrong-passphrase = These words do not open this card. Check each word and try again; you can ask the visitors to read them to you once more.
family-error-not-a-card = This file is not a Pristan status card. Ask the visitors to send the card again.
family-error-damaged = This card is damaged, perhaps it was copied only in part. Ask the visitors to send it again.
family-error-too-much-work = This card asks for far more computing than a real status card, so it was not opened. Ask the visitors to send the card again.
family-error-newer-version = This card was made by a newer Pristan. Update Pristan, or ask the visitors for the card again.
family-error-wrong-window = This can only be done in the status card window.
family-error-vault-open = Lock the casebook first, then open a status card.
family-error-close = The window could not be closed. Close it with the window's own button.
family-error-unreadable = The file could not be read. Try choosing it again.

family-or-code = Or fetch the card with its code
family-code-intro = If the visitors gave you an address and a card code, type both here. The card comes over the internet and opens in this window; it is not saved on this computer.
family-relay-label = Address (for example { $example })
family-code-label = Card code (for example { $example })
family-code-hint = Capital letters, spaces and dashes do not matter, and the letter { $letter } is read as the digit 0.
family-fetching = Fetching and opening the card. This takes a few seconds.
family-error-no-relay = Type the address you were given with the card code.

family-fetch-address-invalid = This address does not look right. Type it as you were given it, for example { $example }.
family-fetch-code-wrong-length = A card code has 12 letters and digits. Check that none is missing or added.
family-fetch-code-not-a-symbol = A card code has only Latin letters and digits. Check that the keyboard is set to English.
family-fetch-code-mistyped = There is a mistake in the card code. Check each letter and digit; you can ask the visitors to read it to you once more.
family-fetch-not-found = There is no card under this code. Check the code and the address, or ask the visitors whether the card was sent.
family-fetch-revoked = The organisation has withdrawn this card, so it can no longer be opened. Ask the visitors whether there is a new one.
family-fetch-no-connection = The card could not be fetched: there is no connection to this address. Check that this computer is on the internet and the address is right, then try again.
family-fetch-rate-limited = Too many tries from this computer. Wait a minute, then try again.
family-fetch-unavailable = The address answers but cannot give the card now. Try again later.
family-fetch-unexpected-answer = What came back from this address is not a status card. Check the address.

family-status-heading = How { $name } is doing
family-status-now = Now
family-custody-detained = In immigration detention
family-custody-released = Released from detention
family-custody-removed = Removed (deported) from the United States
family-custody-left_country = Has left the United States
family-custody-unknown = Not known yet
family-facility-heading = Where
family-local-time = Local time there now: { $time }
family-visiting-heading = Visiting
family-hearing-heading = Next hearing
family-hearing-at = { $date }, { $time }, the court's local time ({ $zone })
family-hearing-on = { $date }
family-no-hearing = No hearing is scheduled yet.
family-last-visit-heading = Last visit
family-no-visit = No visit is recorded yet.
family-message-heading = Message from the visitor
family-call-heading = Whom to call
family-refreshed = This card was last updated on { $date }.

family-start-choice = I am a family member: open a status card
family-start-choice-hint = Opens a separate window for a status card. It needs no casebook and leaves nothing on this computer.
