# Режим для семьи (issue 14): родственник открывает карточку на чужом компьютере.

family-window-title = Pristan: карточка о человеке
family-title = Открыть карточку
family-intro = Волонтёры прислали вам файл карточки и парольную фразу из нескольких слов. Откройте карточку здесь и узнайте, как дела у вашего близкого.
family-choose-file = Выбрать файл карточки
family-drop-here = или перетащите файл карточки в эту рамку
family-paste-label = или вставьте сюда текст карточки
family-card-ready = Карточка готова, её можно открыть.
family-passphrase-label = Парольная фраза: слова, которые вам сообщили
family-passphrase-hint = Заглавные буквы и лишние пробелы не важны.
family-show-passphrase = Показать слова
family-open = Открыть карточку
family-opening = Карточка открывается. Это займёт несколько секунд.
family-close = Закрыть
family-open-another = Открыть другую карточку
family-idle-note = Окно закроется само, если им не пользоваться { $minutes } мин. На этом компьютере ничего не останется.

family-error-no-card = Сначала выберите файл карточки, перетащите его сюда или вставьте её текст.
family-error-empty-passphrase = Введите слова парольной фразы.
family-error-wrong-passphrase = Эти слова не открывают карточку. Проверьте каждое слово и попробуйте ещё раз; можно попросить волонтёров прочитать их ещё раз.
family-error-not-a-card = Этот файл — не карточка Pristan. Попросите волонтёров прислать карточку ещё раз.
family-error-damaged = Карточка повреждена: возможно, её скопировали не полностью. Попросите волонтёров прислать её ещё раз.
family-error-too-much-work = Эта карточка требует гораздо больше вычислений, чем настоящая, поэтому её не стали открывать. Попросите волонтёров прислать карточку ещё раз.
family-error-newer-version = Карточка сделана более новой версией Pristan. Обновите Pristan или попросите карточку ещё раз.
family-error-wrong-window = Это можно сделать только в окне карточки.
family-error-vault-open = Сначала заблокируйте картотеку, потом откройте карточку.
family-error-close = Окно не закрылось. Закройте его кнопкой самого окна.
family-error-unreadable = Файл не удалось прочитать. Попробуйте выбрать его ещё раз.

family-status-heading = Как дела: { $name }
family-status-now = Сейчас
family-custody-detained = Под стражей в иммиграционном центре
family-custody-released = На свободе: освобождение из-под стражи
family-custody-removed = Депортация из США уже состоялась
family-custody-left_country = Выезд из США: сейчас за пределами США
family-custody-unknown = Пока неизвестно
family-facility-heading = Где
family-local-time = Местное время там сейчас: { $time }
family-visiting-heading = Посещение: часы и правила
family-hearing-heading = Ближайшее заседание
family-hearing-at = { $date }, { $time } по местному времени суда ({ $zone })
family-hearing-on = { $date }
family-no-hearing = Заседание пока не назначено.
family-last-visit-heading = Последнее посещение волонтёра
family-no-visit = Посещений пока не было.
family-message-heading = Сообщение от волонтёра
family-call-heading = Куда звонить
family-refreshed = Карточка обновлена: { $date }

family-start-choice = Я родственник: открыть карточку
family-start-choice-hint = Откроется отдельное окно для карточки. Картотека для этого не нужна, и на компьютере ничего не останется.
