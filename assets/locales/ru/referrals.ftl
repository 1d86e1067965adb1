# Записи координатора (задача 13): проверка, направления, рейсы и история дела.

role-refusal-confirm-activity = Подтверждать политическую деятельность человека может только координатор. Обратитесь к координатору.
role-refusal-confirm-twice = Вы уже подтвердили это дело. Второе подтверждение должен дать другой координатор.
role-refusal-referral = Отмечать направления и менять список программ может только координатор. Обратитесь к координатору.
role-refusal-record-flight = Записывать рейсы депортации и связывать с ними дела может только координатор. Расскажите координатору, что вы узнали.

referral-refusal-no-recipient = В направлении не указан получатель. Укажите, кому оно направляется, и запишите согласие человека с этим получателем.
referral-refusal-no-consent = Человек не давал согласия на направление сведений получателю «{ $recipient }». Спросите его и запишите согласие на передачу сведений государству с этим получателем.
referral-refusal-consent-withdrawn = Человек отозвал согласие на направление сведений получателю «{ $recipient }» { $date }. Ничего нельзя отправлять, пока он не согласится снова.
referral-refusal-consent-not-yet-given = Согласие на направление сведений получателю «{ $recipient }» датировано { $date }, то есть позже сегодняшнего дня. Исправьте дату, если человек уже согласился.

activity-verdict-unconfirmed = Политическая деятельность ещё не подтверждена координатором
activity-verdict-one-coordinator = Подтверждено одним координатором: нужно подтверждение другого координатора
activity-verdict-verified = Политическая деятельность проверена двумя координаторами

checklist-evidence-recorded = Записаны доказательства политической деятельности
checklist-evidence-documented = Доказательства подкреплены документом
checklist-evidence-corroborated = Доказательства подтверждены независимым источником
checklist-evidence-verified = Доказательства проверены координатором
checklist-first-confirmation = Деятельность подтверждена первым координатором
checklist-second-confirmation = Деятельность подтверждена вторым, другим координатором
checklist-referral-consent = Согласие на передачу сведений государству с указанием получателя

triage-group-final-order-no-stay = Окончательное решение о депортации, приостановления нет, ничего не подано
triage-group-pending-motion = Подано ходатайство или жалоба, депортация не приостановлена
triage-group-stayed = Депортация приостановлена
triage-group-no-final-order = Окончательного решения нет

history-kind-edit = Изменение на этом устройстве
history-kind-import = Изменение с другого устройства
history-kind-conflict-resolution = Конфликт разрешён
history-kind-verification-step = Проверка
history-kind-referral = Направление
history-kind-flight = Рейс

field-evidence-id = Доказательство
field-level = Уровень
field-attachment-sha256 = Подтверждающий файл
field-checked = Что проверено
field-country = Страна
field-legal-basis = Правовое основание
field-notes = Примечания
field-retired = Больше не предлагается
field-pathway-id = Программа
field-candidate-on = Кандидат с
field-dossier-prepared-on = Досье подготовлено
field-submitted-on = Отправлено
field-decided-on = Дата решения
field-decision = Решение
field-decision-note = О решении
field-recommendation = Рекомендация координатора
field-route = Маршрут или пункт назначения
field-flight-id = Рейс

# The sections of a referral dossier, as the export dialog names them (pristan_model::DossierSection).
dossier-section-cover = Титульная страница
dossier-section-person = О человеке
dossier-section-family = Семья и связи
dossier-section-custody = Содержание под стражей и правовое положение
dossier-section-basis = Основания обращения
dossier-section-need = Почему нужно переселение
dossier-section-deadlines = Сроки
dossier-section-evidence = Перечень доказательств
dossier-section-recommendation = Рекомендация координатора
dossier-section-consents = Согласия и заявления

## Выгрузка досье (раздел направлений на странице дела)

dossier-export-open = Выгрузить досье (PDF)…
dossier-dialog-title = Выгрузка досье для направления
dossier-dialog-intro = PDF для рабочей группы, на английском, с пометкой о конфиденциальности на каждой странице. Его можно выгрузить, только если человек согласился на направление сведений этому получателю.
dossier-referral = Какое направление
dossier-refused = Это досье пока нельзя выгрузить.
dossier-go-to-consents = К согласиям человека
dossier-sections = Что включить
dossier-sections-always = Титульная страница и согласия человека включаются всегда. Снимите отметку, чтобы не включать раздел: его заголовок останется с пометкой, что сведения не приводятся.
dossier-notes = Заметки
dossier-notes-none = В этом деле нет заметок.
dossier-notes-intro = Заметка включается, только если её отметить. Заметка с ограниченным доступом включается только после второго подтверждения.
dossier-note-restricted-ask = Это заметка с ограниченным доступом (деликатное). Включить её в документ для государства?
dossier-note-restricted-yes = Да, включить эту заметку
dossier-note-restricted-no = Нет, не включать
dossier-export = Выгрузить досье
dossier-typesetting = Готовим PDF…
dossier-saved = Сохранено: { $path } ({ $size }).

export-folder = Сохранить в папку
export-folder-hint = Оставьте пустым, чтобы сохранить в папку «Загрузки». Папка должна уже существовать.
export-keep-safe = В этом файле сведения о человеке, и он не зашифрован. Храните его на зашифрованном диске и удалите, когда он будет отправлен.
export-close = Закрыть

## Список программ

pathways-edit = Изменить список программ
pathways-title = Программы
pathways-intro = Программу, которую больше не предлагают, нельзя выбрать для новых направлений; в уже сделанных направлениях она остаётся. Изменения дойдут до других координаторов при следующей синхронизации.
pathways-done = Готово
pathway-retired = Больше не предлагается
pathway-goes-to = Получатель направлений: { $recipient }
pathway-rename = Переименовать
pathway-retire = Больше не предлагать
pathway-restore = Снова предлагать
pathway-name-needed = Пожалуйста, укажите название программы.
referral-pathway-retired = { $name } (больше не предлагается)

## Рейсы депортации на странице дела

case-flights-title = Рейсы депортации
case-flights-none = Этот человек не связан ни с одним рейсом депортации, о котором сообщали.
case-flights-volunteer = Дела с рейсами связывает координатор. Сообщите ему, если услышите о рейсе.
case-flights-none-recorded = Предстоящих рейсов не записано.
case-flights-no-other = Других предстоящих рейсов не записано.
case-flights-go = Записать рейс на странице «Рейсы»
case-flights-choose = Пожалуйста, выберите рейс.
case-flights-link-label = Рейс, которым, по сведениям, человека собираются депортировать
case-flights-link = Связать с этим рейсом

## Список для рабочей группы (сроки по всем делам)

wg-export-open = Выгрузить список для рабочей группы (CSV)…
wg-export-title = Список для рабочей группы
wg-export-intro = По строке на каждое направление, на которое человек дал согласие с этим получателем: имена, срочность, программа, статус, проверка и ближайший срок. Никогда — сама история. Люди без такого согласия в список не попадут, и вы увидите, кто именно.
wg-delimiter = Разделитель столбцов
wg-delimiter-comma = Запятая (LibreOffice, Excel на английском)
wg-delimiter-semicolon = Точка с запятой (Excel на русском)
wg-delimiter-tab = Табуляция
wg-export-save = Выгрузить список
wg-saved = { $count ->
    [one] Сохранено { $count } дело: { $path } ({ $size }).
    [few] Сохранено { $count } дела: { $path } ({ $size }).
    [many] Сохранено { $count } дел: { $path } ({ $size }).
   *[other] Сохранено { $count } дела: { $path } ({ $size }).
}
wg-none-left-out = Никто не пропущен.
wg-left-out = { $count ->
    [one] { $count } направление не попало в список — нет согласия:
    [few] { $count } направления не попали в список — нет согласия:
    [many] { $count } направлений не попали в список — нет согласия:
   *[other] { $count } направления не попали в список — нет согласия:
}
