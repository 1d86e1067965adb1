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
