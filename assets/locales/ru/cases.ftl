# Pristan — русские тексты картотеки: навигация, сводка, список дел, новое дело, страница дела.
# Каждый идентификатор здесь должен быть и в ../en/cases.ftl (это проверяет tests/locales.rs).
# Юридические термины США даны по-русски, а в скобках — по-английски, как их называют адвокаты.
# Какие слова выбраны и почему — в docs/glossary.md; новые сообщения следуют ему.

## Навигация

nav-label = Главное меню
nav-dashboard = Сводка
nav-cases = Дела
nav-new-case = Новое дело

## Общие слова

loading = Загрузка…
save = Сохранить
saving = Сохранение…
cancel = Отмена
edit = Изменить
delete = Удалить
delete-confirm = Удалить?
delete-yes = Да, удалить
delete-no = Оставить
not-recorded = не указано
none-chosen = не выбрано
estimate-disclaimer = Это оценка — уточните у адвоката, ведущего дело.
in-days = { $days ->
    [0] сегодня
    [1] завтра
    [one] через { $days } день
    [few] через { $days } дня
    [many] через { $days } дней
   *[other] через { $days } дня
}
overdue-days = { $days ->
    [one] просрочено на { $days } день
    [few] просрочено на { $days } дня
    [many] просрочено на { $days } дней
   *[other] просрочено на { $days } дня
}
text-too-long = здесь { $found ->
    [one] { $found } знак
    [few] { $found } знака
    [many] { $found } знаков
   *[other] { $found } знака
}, а можно не больше { $max }. Пожалуйста, сократите.
text-one-line = пожалуйста, напишите это в одну строку.
date-echo = = { $date }
date-order = порядок в поле: { $order }
date-order-day = ДД
date-order-month = ММ
date-order-year = ГГГГ

## Сводка

dashboard-title = Сводка
dashboard-intro = Что требует внимания — самое срочное сверху.
dashboard-empty-title = Дел пока нет — добавьте первое
dashboard-empty-body = Когда вы добавите людей, которых навещаете, здесь соберутся их сроки, посещения и задачи.
dashboard-add-first = Добавить первое дело
dashboard-removal-advice = Убедитесь, что адвокат, ведущий дело, об этом знает. Просить о приостановлении депортации нужно до того, как человека посадят в самолёт.
dashboard-deadlines-title = Сроки на ближайшие 14 дней
dashboard-deadlines-none = В ближайшие 14 дней сроков нет.
dashboard-visits-title = Предстоящие посещения
dashboard-visits-none = Посещений не запланировано.
dashboard-tasks-title = Открытые задачи
dashboard-tasks-none = Открытых задач нет.
dashboard-drafts-title = Незаконченные отчёты о посещениях
dashboard-drafts-none = Незаконченных отчётов нет.
dashboard-draft-saved = последнее сохранение: { $when }
dashboard-case-count = { $count ->
    [one] В хранилище { $count } дело
    [few] В хранилище { $count } дела
    [many] В хранилище { $count } дел
   *[other] В хранилище { $count } дела
}
dashboard-no-case = без привязки к делу

## Список дел и поиск

cases-title = Дела
cases-search-label = Поиск по делам
cases-search-hint = Имя латиницей или кириллицей, A‑номер или слова из заметок и доказательств.
cases-none = Дел пока нет.
cases-no-match = По запросу «{ $query }» ничего не найдено.
cases-count = { $count ->
    [one] { $count } дело
    [few] { $count } дела
    [many] { $count } дел
   *[other] { $count } дела
}
cases-match-note = В заметке
cases-match-evidence = В доказательствах
cases-match-relative = У родственника
cases-match-task = В задаче
cases-match-attachment = В файле
cases-show-more = Показать ещё
cases-match-other = Совпадение

## Новое дело

new-case-title = Новое дело
new-case-intro = Сейчас нужно только имя; всё остальное можно добавить позже.
new-case-name = Имя латиницей
new-case-name-hint = Как в документах человека, например Ivan Petrov.
new-case-native-name = Имя на родном языке
new-case-native-name-hint = Например, Иван Петров.
new-case-a-number = A‑номер
new-case-a-number-hint = 8 или 9 цифр из документов человека, например A‑123‑456‑789.
new-case-dob = Дата рождения
new-case-nationality = Гражданство
new-case-languages = Языки
new-case-languages-hint = Например: русский, немного английский.
new-case-facility = Учреждение
new-case-submit = Добавить дело
new-case-working = Добавляем дело…
new-case-name-missing = Напишите имя человека латиницей.

## Ошибки в A‑номере (проверяются до сохранения)

a-number-empty = A‑номер не введён.
a-number-digit-count = { $found ->
    [one] Здесь { $found } цифра, а в A‑номере их 8 или 9. Пожалуйста, сверьте с документами человека.
    [few] Здесь { $found } цифры, а в A‑номере их 8 или 9. Пожалуйста, сверьте с документами человека.
    [many] Здесь { $found } цифр, а в A‑номере их 8 или 9. Пожалуйста, сверьте с документами человека.
   *[other] Здесь { $found } цифры, а в A‑номере их 8 или 9. Пожалуйста, сверьте с документами человека.
}
a-number-letter = Буква «{ $letter }» здесь не подходит: A‑номер — это 8 или 9 цифр, перед ними может стоять только буква A.
a-number-character = Знак «{ $character }» здесь не подходит: вводите только цифры, между ними можно ставить пробелы или дефисы.
a-number-zeros = A‑номер не может состоять из одних нулей. Пожалуйста, сверьте с документами человека.

## Учреждения

facility-none = Учреждение не выбрано
facility-add = Добавить учреждение
facility-add-title = Новое учреждение
facility-name = Название учреждения
facility-name-missing = Напишите название учреждения.
facility-state = Штат
facility-state-hint = Код штата из двух латинских букв, например TX (Техас).
facility-time-zone = Часовой пояс
facility-submit = Сохранить учреждение
facility-local-time = Там сейчас: { $time } — { $zone }
facility-no-time-zone = Часовой пояс учреждения не указан.
# По сообщению на каждый часовой пояс, который предлагает Pristan (pristan_model::time_zones).
time-zone-america-new-york = Восточное время США (Нью-Йорк)
time-zone-america-detroit = Восточное время США (Детройт)
time-zone-america-indiana-indianapolis = Восточное время США (Индианаполис)
time-zone-america-kentucky-louisville = Восточное время США (Луисвилл)
time-zone-america-chicago = Центральное время США (Чикаго)
time-zone-america-indiana-knox = Центральное время США (Нокс, Индиана)
time-zone-america-denver = Горное время США (Денвер)
time-zone-america-boise = Горное время США (Бойсе)
time-zone-america-phoenix = Время Аризоны (Финикс, без перехода на летнее время)
time-zone-america-los-angeles = Тихоокеанское время США (Лос-Анджелес)
time-zone-america-anchorage = Время Аляски (Анкоридж)
time-zone-pacific-honolulu = Гавайское время (Гонолулу)
time-zone-america-puerto-rico = Атлантическое время (Пуэрто-Рико)
time-zone-pacific-guam = Время Чаморро (Гуам)
time-zone-other = часовой пояс { $zone }

## Где человек находится

custody-status = Где находится
custody-status-detained = Под стражей
custody-status-released = На свободе
custody-status-removed = Депортирован(а) из США
custody-status-left-country = Уехал(а) из страны
custody-status-unknown = Неизвестно

## Страница дела: шапка и общие сведения

case-back = Все дела
case-a-number = A‑номер
case-no-a-number = A‑номер не указан
case-facility = Учреждение
case-removal-banner = Окончательное решение о депортации, приостановления нет: депортировать могут в любой день.
case-removal-banner-advice = Убедитесь сегодня же, что адвокат, ведущий дело, об этом знает. Просить о приостановлении депортации нужно до того, как человека посадят в самолёт. Ни жалоба в федеральный апелляционный суд (petition for review), ни ходатайство о повторном рассмотрении (motion to reconsider) или о возобновлении дела (motion to reopen) сами по себе депортацию не останавливают.
case-stayed-note = Сейчас депортация приостановлена — поданной апелляцией или решением о приостановлении.
case-final-order = Решение о депортации окончательное с { $date }
case-sections = На этой странице
case-overview = Общие сведения
case-name = Имя латиницей
case-native-name = Имя на родном языке
case-aliases = Другие имена
case-dob = Дата рождения
case-nationality = Гражданство
case-languages = Языки
case-not-found = Это дело не найдено. Возможно, его удалили.

## Адвокат

attorney-title = Адвокат, ведущий дело
attorney-name = Адвокат
attorney-contact = Контакты
attorney-none = Адвокат не указан.
attorney-g28 = G‑28 (в ICE и DHS)
attorney-eoir28 = EOIR‑28 (в иммиграционном суде)
attorney-eoir27 = EOIR‑27 (в Апелляционном совете, BIA)
attorney-g28-why = ICE сообщает адвокату о переводе человека в другое учреждение, только если подана форма G‑28.
filing-unknown = неизвестно
filing-not-filed = не подана
filing-filed = подана

## Сроки

deadlines-title = Сроки
deadlines-none = Из записанных юридических событий пока не следует ни одного срока.
deadlines-intro = Pristan вычисляет эти даты по юридическим событиям ниже. Это оценка, чтобы вы знали, о чём спросить, а не юридическая консультация.
deadline-kind-bia-appeal = Апелляция в Апелляционный совет по иммиграционным делам (BIA, форма EOIR‑26)
deadline-kind-petition-for-review = Жалоба в федеральный апелляционный суд (petition for review)
deadline-kind-motion-to-reconsider = Ходатайство о повторном рассмотрении (motion to reconsider)
deadline-kind-motion-to-reopen = Ходатайство о возобновлении дела (motion to reopen)
deadline-kind-credible-fear-review = Проверка судьёй отказа по «обоснованному страху» (credible fear)
deadline-kind-detained-briefing = Письменные позиции в Апелляционный совет (дело задержанного)
deadline-due = Срок: { $date }
deadline-met = Соблюдён
deadline-open = Открыт
deadline-counted-from = { $days ->
    [one] { $days } день после { $date }
    [few] { $days } дня после { $date }
    [many] { $days } дней после { $date }
   *[other] { $days } дня после { $date }
}
deadline-moved-weekend = При простом подсчёте получается { $date } — выходной, поэтому срок переносится на следующий рабочий день.
deadline-moved-holiday = При простом подсчёте получается { $date } — федеральный праздник ({ $holiday }), поэтому срок переносится на следующий рабочий день.
deadline-source = Правило: { $source }
deadline-counting-bia-practice-manual = Дни считаются по правилам Практического руководства BIA ({ $citation }): сам день события не считается, а если последний день выпадает на субботу, воскресенье или федеральный праздник, срок переносится на следующий рабочий день.
deadline-counting-appellate-rules = Дни считаются по федеральным правилам апелляционного производства ({ $citation }): сам день решения не считается, а если последний день выпадает на субботу, воскресенье или федеральный праздник, срок переносится на следующий рабочий день.
deadline-forum-immigration-judge = Последнее решение вынес иммиграционный судья, поэтому ходатайство подаётся ему.
deadline-forum-board = Последнее решение вынес Апелляционный совет (BIA), поэтому ходатайство подаётся в Совет.
deadline-forum-unknown = Ходатайство подаётся тому, кто вынес окончательное решение: иммиграционному судье или, если последним решал Апелляционный совет (BIA), — в Совет. Уточните у адвоката.
holiday-new-years-day = Новый год
holiday-martin-luther-king-day = День рождения Мартина Лютера Кинга
holiday-washingtons-birthday = День рождения Вашингтона (День президентов)
holiday-memorial-day = День поминовения
holiday-juneteenth = День освобождения от рабства (Джунтинс)
holiday-independence-day = День независимости
holiday-labor-day = День труда
holiday-columbus-day = День Колумба
holiday-veterans-day = День ветеранов
holiday-thanksgiving-day = День благодарения
holiday-christmas-day = Рождество
holiday-inauguration-day = День инаугурации президента
deadline-note-bia-appeal = Апелляция должна поступить в Апелляционный совет к этой дате: отправить её вовремя недостаточно. До этой даты, а также пока поданная вовремя апелляция рассматривается, депортация приостановлена.
deadline-note-petition-for-review = Суд не может продлить этот срок. Подача жалобы депортацию не останавливает: о приостановлении депортации нужно просить отдельно.
deadline-note-motion-to-reconsider = Подача ходатайства не останавливает депортацию и не продлевает срок подачи жалобы в федеральный апелляционный суд (petition for review).
deadline-note-motion-to-reopen = Из этого срока есть исключения — например, если в стране, куда человека могут выслать, изменилась обстановка. Подача ходатайства не останавливает депортацию и не продлевает срок подачи жалобы в федеральный апелляционный суд (petition for review).
deadline-note-credible-fear-review = Судья должен закончить проверку в этот срок, по возможности — в течение суток.
deadline-note-detained-briefing = Позиции обеих сторон должны поступить в Апелляционный совет в один и тот же день; по просьбе Совет может продлить срок.

## Юридические события

legal-title = Юридическая история
legal-none = Юридических событий пока нет.
legal-add = Добавить юридическое событие
legal-add-title = Новое юридическое событие
legal-kind = Что произошло
legal-date = Дата
legal-time = Время (для заседаний)
legal-time-zone = Часовой пояс суда
legal-court = Суд
legal-judge = Судья
legal-outcome = Результат
legal-appeal-waived = От апелляции отказались (решение окончательное в тот же день)
legal-source = Источник
legal-source-hint = Кто сообщил: адвокат, телефонная служба суда, сам человек.
legal-note = Заметка
legal-submit = Сохранить событие
legal-date-missing = Выберите дату события: от неё считаются сроки.
legal-time-at = { $time } по времени суда — { $zone }
legal-court-judge = { $court }, судья { $judge }
legal-event-credible-fear-interview = Собеседование об «обоснованном страхе» (credible fear)
legal-event-credible-fear-finding = Решение по «обоснованному страху»
legal-event-credible-fear-review = Проверка судьёй решения по «обоснованному страху»
legal-event-asylum-application-filed = Подано заявление об убежище
legal-event-master-hearing = Предварительное заседание (master calendar hearing)
legal-event-individual-hearing = Заседание по существу (individual hearing)
legal-event-ij-decision = Решение иммиграционного судьи
legal-event-bia-appeal-filed = Подана апелляция в Апелляционный совет (BIA)
legal-event-bia-briefing-schedule = График подачи позиций в Апелляционный совет
legal-event-bia-decision = Решение Апелляционного совета (BIA)
legal-event-petition-for-review-filed = Подана жалоба в федеральный апелляционный суд (petition for review)
legal-event-motion-to-reopen-filed = Подано ходатайство о возобновлении дела (motion to reopen)
legal-event-motion-to-reconsider-filed = Подано ходатайство о повторном рассмотрении (motion to reconsider)
legal-event-stay-requested = Подана просьба о приостановлении депортации
legal-event-stay-decision = Решение о приостановлении депортации
legal-event-bond-hearing = Заседание об освобождении под залог (bond hearing)
legal-event-habeas-petition-filed = Подана петиция хабеас корпус в федеральный суд (habeas)
legal-event-final-order = Окончательное решение о депортации
outcome-unknown = Неизвестно
outcome-pending = Ожидается
outcome-granted = Удовлетворено
outcome-denied = Отказано
outcome-dismissed = Отклонено (решение в силе)
outcome-sustained = Удовлетворено (человек выиграл)
outcome-remanded = Возвращено судье
outcome-withdrawn = Отозвано
outcome-lifted = Приостановление снято

## Задержание и переводы

custody-title = История задержания
custody-none = Событий задержания пока нет.
custody-add = Добавить событие
custody-add-title = Новое событие задержания
custody-kind = Что произошло
custody-date = Дата
custody-to = Учреждение
custody-from = Из учреждения
custody-release-type = Основание освобождения
custody-source = Источник
custody-source-hint = Например: поиск задержанных на сайте ICE, адвокат, сам человек.
custody-note = Заметка
custody-submit = Сохранить событие
custody-update-case = Заодно обновить, где человек сейчас (статус и учреждение)
custody-event-detained = Задержание
custody-event-transferred = Перевод
custody-event-released = Освобождение
custody-event-removed = Депортация из США
custody-event-left-country = Выезд из страны
custody-released-on = — { $how }
custody-transfer = из «{ $from }» в «{ $to }»
release-parole = по паролю (parole)
release-bond = под залог
release-recognizance = под обязательство явиться
release-other = другое
custody-source-shown = Источник: { $source }

## Посещения и черновики

case-visits-title = Посещения
case-visits-none = Посещений пока нет.
case-write-up-visit = Написать отчёт о посещении
case-drafts-title = Незаконченные отчёты о посещениях
case-draft-item = Отчёт начат, последнее сохранение: { $when }
case-draft-resume = Продолжить
case-visit-mode-in-person = Лично
case-visit-mode-video = По видео
case-visit-mode-phone = По телефону
case-visit-language = язык: { $language }
case-visit-interpreter = переводчик: { $name }
case-visit-visitors = посетители: { $names }
case-notes-title = Заметки

## Доказательства политической деятельности

evidence-title = Доказательства политической деятельности
evidence-none = Доказательств пока нет.
evidence-add = Добавить доказательство
evidence-add-title = Новое доказательство
evidence-category = Вид
evidence-summary = Что оно показывает
evidence-date = Дата
evidence-verification = Проверка
evidence-verified-by = Кто проверил
evidence-verified-on = Когда проверено
evidence-verified-line = проверил(а) { $who }, { $date }
evidence-submit = Сохранить доказательство
evidence-summary-missing = Опишите доказательство в нескольких словах.
evidence-category-protest = Протест
evidence-category-membership = Членство в организации
evidence-category-publication = Публикация
evidence-category-criminal-case-in-russia = Уголовное дело в России
evidence-category-mobilisation-evasion = Уклонение от мобилизации
evidence-category-desertion = Дезертирство
evidence-category-other = Другое
verification-claimed = Со слов
verification-documented = Есть документы
verification-corroborated = Подтверждено другими
verification-verified = Проверено
verification-change = Изменить уровень проверки

## Родственники

relatives-title = Родственники
relatives-none = Родственников пока нет.
relatives-add = Добавить родственника
relatives-add-title = Новый родственник
relative-name = Имя латиницей
relative-native-name = Имя на родном языке
relative-relation = Кем приходится
relative-relation-hint = Например: жена, сын, мать.
relative-whereabouts = Где находится
relative-location = Место
relative-location-hint = Учреждение, приёмная семья или город.
relative-contact = Контакты
relative-note = Заметка
relative-submit = Сохранить родственника
relative-name-missing = Напишите имя родственника.
whereabouts-unknown = Неизвестно
whereabouts-in-us = В США
whereabouts-detained-elsewhere = Под стражей в другом месте
whereabouts-foster-care = В приёмной семье
whereabouts-in-russia = В России
whereabouts-elsewhere-abroad = В другой стране

## Согласия

consents-title = Согласия
consents-intro = Ничего из истории человека нельзя передавать без его разрешения — отдельно для каждой цели.
consents-purpose = Цель
consents-state = Сейчас
consents-recipients = Кому
consents-anyone = любому для этой цели
consents-history = История согласий
consents-none = Согласий пока не записано.
consents-add = Добавить согласие
consents-add-title = Новое согласие
consent-purpose-keep-notes = Вести заметки о человеке
consent-purpose-share-with-coordinator = Передавать координатору
consent-purpose-share-with-attorney = Передавать адвокату
consent-purpose-government-referral = Передавать правительству (например, Канады)
consent-purpose-share-with-relative = Передавать названным родственникам
consent-state-given = Разрешено
consent-state-withdrawn = Отозвано
consent-state-not-asked = Не спрашивали
consent-recipient = Получатель
consent-recipient-hint = Какой адвокат, родственник или правительство; оставьте пустым, если любому.
consent-given-on = Дата согласия
consent-method = Как дано
consent-method-verbal = Устно
consent-method-written = Письменно
consent-note = Заметка
consent-submit = Сохранить согласие
consent-withdraw = Отозвать
consent-withdrawn-on = отозвано { $date }
consent-given-line = дано { $date }
consent-given-missing = Выберите день, когда было дано согласие.

## Задачи

tasks-title = Задачи
tasks-none = Задач пока нет.
tasks-add = Добавить задачу
tasks-add-title = Новая задача
task-title = Задача
task-details = Подробности
task-due = Срок
task-assignee = Кто делает
task-priority = Важность
task-submit = Сохранить задачу
task-title-missing = Напишите, что нужно сделать.
task-due-line = срок: { $date }
priority-low = Низкая
priority-normal = Обычная
priority-high = Высокая
priority-urgent = Срочная
task-status-open = Открыта
task-status-done = Сделана
task-status-cancelled = Отменена

## Файлы

attachments-title = Файлы
attachments-none = Файлов пока нет.
attachments-limit = Фотографии и сканы до 20 МБ каждый. Они хранятся внутри зашифрованного хранилища.
attachment-file = Файл
attachment-choose-file = Выбрать файл…
attachment-no-file = Файл не выбран
attachment-caption = Подпись
attachment-submit = Добавить файл
attachment-working = Добавляем файл…
attachment-too-big = Размер файла — { $size } МБ, а Pristan хранит файлы до 20 МБ. Сделайте фото поменьше или отсканируйте с меньшим разрешением.
attachment-choose = Сначала выберите файл.
attachment-unreadable = Не удалось прочитать файл. Попробуйте ещё раз.
attachment-view = Показать
attachment-hide = Скрыть
attachment-export = Сохранить в «Загрузки»
attachment-exported = Сохранено: { $path }
attachment-export-warning = Эта копия не зашифрована. Удалите её, когда она станет не нужна, и не оставляйте на чужом компьютере.
attachment-size-mb = { $size } МБ
attachment-size-kb = { $size } КБ
attachment-no-preview = Здесь показываются только изображения. Чтобы открыть файл, сохраните его.

share-consent-title = Передача координатору
share-consent-explain = Сначала спросите человека. Если он согласен, это дело — имя, заметки и всё, что добавится потом, — уйдёт координатору вашей организации со следующим пакетом. Если не согласен, дело останется только на этом ноутбуке; можно спросить снова на следующем посещении.
share-consent-label = Человек согласен передать это дело координатору
