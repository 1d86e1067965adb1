# Pristan — русские тексты синхронизации: экран «Синхронизация», «Координатор → Устройства»,
# «Координатор → Конфликты», а также разделы страницы дела о закреплении и об удалении всех
# сведений о человеке. Термины — по docs/glossary.md.
# Каждый идентификатор здесь должен быть и в ../en/sync.ftl (это сверяет tests/locales.rs).

nav-sync = Синхронизация

## Экран синхронизации

sync-title = Синхронизация
sync-back = Назад к синхронизации
sync-working = Подождите…
sync-setup-intro = Чтобы делиться делами со своей группой, это устройство должно войти в организацию. Координатор создаёт её, волонтёры присоединяются.
sync-start-title = Создать организацию
sync-start-explain = Для координаторов. На этом устройстве будут храниться ключи организации: оно открывает пакеты всех волонтёров и подтверждает их устройства.
sync-start-name = Название организации
sync-start-name-hint = Так, как его знают ваши волонтёры, например «Группа посещений по вторникам».
sync-start-name-missing = Пожалуйста, введите название организации.
sync-start-submit = Создать организацию
sync-join-title = Присоединиться по приглашению
sync-join-explain = Для волонтёров. Координатор даст вам приглашение — блок текста по электронной почте, в мессенджере или на флешке.
sync-join-invitation = Приглашение
sync-join-invitation-hint = Вставьте приглашение целиком, от первой до последней строки.
sync-join-missing = Сначала вставьте приглашение.
sync-join-submit = Присоединиться
sync-join-org = Это приглашение от организации «{ $name }».
sync-join-org-fingerprint = Её отпечаток:
sync-join-compare-explain = Приглашение, присланное по почте или в мессенджере, могут подменить по дороге — и тогда ваши заметки уйдут чужим людям. Позвоните координатору по номеру, который вы уже знаете (не из того же сообщения), и сверьте отпечаток вслух, группу за группой.
sync-join-compared = Мы сверили отпечаток вслух, все группы совпадают
sync-join-compare-first = Сначала сверьте отпечаток организации с координатором и поставьте отметку.
sync-device-name-field = Название этого компьютера
sync-start-device-hint = Так волонтёры будут видеть это устройство, например «Ноутбук в офисе». Можно оставить пустым.
sync-join-device-hint = Так координатор будет видеть это устройство, например «Ноутбук Анны». Выберите название, которое он узнает.

sync-this-device = Это устройство
sync-organisation = Организация
sync-device-name = Название устройства
sync-role = Роль
sync-role-coordinator = Координатор
sync-role-volunteer = Волонтёр
sync-awaiting-approval = Координатор ещё не подтвердил это устройство. Позвоните ему и прочитайте отпечаток ниже, затем выгрузите пакет и передайте ему. Подтверждение придёт с его следующим пакетом для вас.
sync-fingerprint-explain = Отпечаток этого устройства. Прежде чем подтвердить устройство, координатор позвонит вам и сверит его с тем, что видит у себя, группа за группой.
sync-fingerprint-explain-coordinator = Отпечаток этого устройства. Волонтёры и другие координаторы могут сверить его с отпечатком на экране «Устройства», чтобы убедиться, что речь идёт именно об этом ноутбуке.

sync-coordinator-title = Координатор
sync-open-devices = Устройства
sync-open-conflicts = Конфликты
sync-waiting-count = ждут: { $count }
sync-invite-title = Пригласить волонтёра
sync-invite-explain = Создайте приглашение и отправьте его волонтёру. Когда он присоединится, он покажет вам отпечаток своего устройства: сверьте его по телефону, прежде чем подтверждать в разделе «Устройства».
sync-invite-fingerprint = Отпечаток организации. Прочитайте его волонтёру вслух по телефону до того, как он присоединится, — так он отличит ваше приглашение от подменённого:
sync-make-invitation = Создать приглашение
sync-invitation-label = Приглашение для отправки
sync-copy = Копировать
sync-copied = Скопировано. Вставьте его в сообщение волонтёру.
sync-copy-selected = Приглашение выделено: нажмите Ctrl+C, чтобы скопировать.

sync-outbox-title = Отправить изменения
sync-unsent = { $count ->
    [0] Всё отправлено.
    [one] Не отправлено { $count } изменение.
    [few] Не отправлено { $count } изменения.
    [many] Не отправлено { $count } изменений.
   *[other] Не отправлено { $count } изменения.
}
sync-export-folder = Папка для пакета
sync-export-folder-hint = Флешка или папка, общая с координатором. Пакет зашифрован: открыть его могут только координаторы вашей организации.
sync-folder-suggestions = Предложения:
sync-folder-missing = Пожалуйста, укажите папку.
sync-export = Выгрузить пакет
sync-export-written = Пакет № { $number } сохранён: { $ops ->
    [one] { $ops } изменение
    [few] { $ops } изменения
    [many] { $ops } изменений
   *[other] { $ops } изменения
}, { $attachments ->
    [0] без вложений
    [one] { $attachments } вложение
    [few] { $attachments } вложения
    [many] { $attachments } вложений
   *[other] { $attachments } вложения
}, { $size }.
sync-export-split = Пакет разделён на { $count ->
    [one] { $count } файл
    [few] { $count } файла
    [many] { $count } файлов
   *[other] { $count } файла
}, чтобы каждый был допустимого размера. Передайте их все.
sync-results-clock-ahead = Часы отправителя спешат примерно на { $hours } ч по сравнению с этим компьютером. Попросите отправителя проверить дату и время на своём ноутбуке или проверьте их на этом. Ничего не потеряно.
sync-export-next = Передайте этот файл координатору или оставьте его в общей папке.
sync-export-nothing-new = Отправлять нечего: у координаторов уже есть все ваши изменения.
sync-size-kb = { $kb } КБ
sync-size-mb = { $mb } МБ

sync-inbox-title = Получить пакеты
sync-inbox-explain = Пакеты от координатора или от волонтёров. Повторный приём того же пакета ничего не меняет.
sync-import-path = Папка или файл пакета
sync-import-path-hint = Если указать папку, будут приняты все пакеты в ней; если файл — только он.
sync-import-path-missing = Пожалуйста, укажите папку или файл.
sync-import = Принять пакеты

sync-stage-starting = Начинаем…
sync-stage-collecting = Собираем изменения…
sync-stage-compressing = Упаковываем…
sync-stage-encrypting = Шифруем…
sync-stage-writing = Записываем файл…
sync-stage-importing = Принимаем…
sync-stage-done = Завершаем…
sync-progress-count = { $stage } { $done } из { $total }

sync-results-title = Что принесли пакеты
sync-results-no-files = Там не нашлось ни одного пакета.
sync-results-files = По файлам
sync-result-imported = { $count ->
    [one] Принят { $count } пакет
    [few] Принято { $count } пакета
    [many] Принято { $count } пакетов
   *[other] Принято { $count } пакета
}
sync-result-already = { $count ->
    [one] { $count } пакет уже был принят раньше
    [few] { $count } пакета уже были приняты раньше
    [many] { $count } пакетов уже были приняты раньше
   *[other] { $count } пакета уже были приняты раньше
}
sync-result-quarantined = { $count ->
    [one] { $count } пакет отложен (см. ниже)
    [few] { $count } пакета отложены (см. ниже)
    [many] { $count } пакетов отложены (см. ниже)
   *[other] { $count } пакета отложены (см. ниже)
}
sync-result-rejected = { $count ->
    [one] { $count } файл не удалось прочитать
    [few] { $count } файла не удалось прочитать
    [many] { $count } файлов не удалось прочитать
   *[other] { $count } файла не удалось прочитать
}
sync-count-cases = { $count ->
    [one] { $count } новое дело
    [few] { $count } новых дела
    [many] { $count } новых дел
   *[other] { $count } новых дела
}
sync-count-notes = { $count ->
    [one] { $count } новая заметка
    [few] { $count } новые заметки
    [many] { $count } новых заметок
   *[other] { $count } новых заметки
}
sync-count-records = { $count ->
    [one] { $count } другая новая запись
    [few] { $count } другие новые записи
    [many] { $count } других новых записей
   *[other] { $count } других новых записи
}
sync-count-fields = { $count ->
    [one] { $count } обновлённое поле
    [few] { $count } обновлённых поля
    [many] { $count } обновлённых полей
   *[other] { $count } обновлённых поля
}
sync-count-attachments = { $count ->
    [one] { $count } вложение
    [few] { $count } вложения
    [many] { $count } вложений
   *[other] { $count } вложения
}
sync-count-forgotten = { $count ->
    [one] удалены все сведения о { $count } человеке
    [few] удалены все сведения о { $count } людях
    [many] удалены все сведения о { $count } людях
   *[other] удалены все сведения о { $count } людях
}
sync-count-nothing = ничего нового
sync-results-conflicts = { $count ->
    [one] { $count } поле изменили на двух устройствах одновременно — нужен выбор координатора.
    [few] { $count } поля изменили на двух устройствах одновременно — нужен выбор координатора.
    [many] { $count } полей изменили на двух устройствах одновременно — нужен выбор координатора.
   *[other] { $count } поля изменили на двух устройствах одновременно — нужен выбор координатора.
}
sync-file-name = Файл
sync-file-outcome = Что произошло
sync-outcome-imported = От «{ $sender }»: { $what }.
sync-outcome-already = Уже был принят раньше (от «{ $sender }»).
sync-outcome-waiting = Отложен до подтверждения устройства: { $reason }
sync-outcome-quarantined = Отложен: { $reason }
sync-outcome-rejected = Не принят: { $reason }
refusal-unreadable = файл не удалось прочитать. Проверьте папку или флешку и попробуйте ещё раз.
refusal-too-large = размер файла — { $size }, а пакет может быть не больше { $max }. Это не пакет Pristan, или файл повреждён.
refusal-not-age = это не зашифрованный пакет Pristan.
refusal-age-header = заголовок шифрования файла повреждён, или файл создан другой программой.
refusal-too-many-stanzas = файл зашифрован для { $found ->
    [one] { $found } ключа
    [few] { $found } ключей
    [many] { $found } ключей
   *[other] { $found } ключей
}, а у пакета их может быть не больше { $max }: его создал не Pristan.
refusal-not-for-us = этот пакет зашифрован не для вашей организации и не для этого устройства. Возможно, он из другой организации или предназначен другому волонтёру.
refusal-damaged = пакет не удалось расшифровать: он повреждён или записан не полностью. Попросите отправителя выгрузить его ещё раз.
refusal-unknown-version = пакет создан более новой версией Pristan (формат { $found }, а эта версия читает формат { $supported }). Обновите Pristan и примите пакет ещё раз.
refusal-header-too-large = заголовок пакета занимает { $size }, а допускается не больше { $max }: пакет создал не Pristan.
refusal-malformed-header = заголовок пакета повреждён. Попросите отправителя выгрузить пакет ещё раз.
refusal-wrong-organisation = пакет из другой организации.
refusal-no-organisation = это устройство ещё не вошло в организацию. Сначала создайте организацию (координатор) или присоединитесь по приглашению (волонтёр).
refusal-unknown-signer = пакет пришёл с устройства, которое ещё не подтверждено («{ $name }», отпечаток { $fingerprint }). Он будет принят, как только координатор подтвердит это устройство.
refusal-revoked-signer = пакет пришёл с отозванного устройства («{ $name }»): в нём изменение № { $bundle_last }, а с этого устройства сохранены изменения только по № { $last_good } включительно. Пакет остаётся отложенным.
refusal-bad-signature = подпись пакета недействительна: его изменили после создания или подделали. Из него ничего не принято.
refusal-recipient-mismatch = пакет заново зашифровал кто-то другой, а не отправитель. Из него ничего не принято.
refusal-payload-mismatch = содержимое пакета не совпадает с его подписанным заголовком: пакет изменён или повреждён.
refusal-decompressed-too-large = после распаковки содержимое пакета занимает больше { $max }: это не настоящий пакет.
refusal-malformed-payload = содержимое пакета повреждено. Попросите отправителя выгрузить пакет ещё раз.
refusal-no-recipients = не для кого зашифровать пакет. Проверьте, что ключи координаторов организации настроены, и выгрузите пакет ещё раз.
refusal-encrypt = пакет не удалось зашифровать, поэтому ничего не выгружено. Попробуйте ещё раз; если это повторится, сообщите координатору.
refusal-export-too-large = пакет занял бы { $size }, а другие устройства принимают не больше { $max }. Одно вложение или изменение слишком велико для отправки: удалите или уменьшите его.
refusal-invalid-operation-case-packet-not-from-coordinator = пакет дел может прислать только координатор. Из пакета ничего не принято.
refusal-invalid-operation-unsigned-operations = в пакете есть изменения, которые отправитель не подписывал. Из него ничего не принято.
refusal-invalid-operation-from-revoked-device = в пакете есть изменения с отозванного устройства. Из него ничего не принято.
refusal-invalid-operation-invalid-value = в пакете есть изменение со значением, которое эта версия Pristan не может принять. Из пакета ничего не принято; обновите Pristan или попросите отправителя проверить свою версию.
refusal-not-permitted = в пакете есть изменение, которого не позволяет роль его автора: { $why } Из пакета ничего не принято.
refusal-clock-too-far-ahead = в пакете есть изменения, датированные на { $days ->
    [one] { $days } день
    [few] { $days } дня
    [many] { $days } дней
   *[other] { $days } дня
} позже часов этого компьютера, а допускается не больше { $max ->
    [one] { $max } дня
    [few] { $max } дней
    [many] { $max } дней
   *[other] { $max } дней
}: часы отправителя или этого компьютера идут неверно. Проверьте дату и время на обоих; пакет ждёт и будет принят повторно, а проверив даты с отправителем, вы сможете принять его и так.
refusal-clock-unusable = в пакете есть изменение со временем, за которым часы этого компьютера не могут последовать: пакет повреждён или подделан. Из него ничего не принято.
refusal-revoked-signer-not-held = пакет пришёл с отозванного устройства («{ $name }») и содержит его изменение № { $seq }, которого у организации не было, когда устройство отозвали: оно могло быть написано после пропажи устройства, поэтому пакет остаётся отложенным.
refusal-attachment-too-large = в пакете есть вложение размером { $size }, а Pristan хранит не больше { $max }: пакет создан не Pristan или изменён.
refusal-unreferenced-attachment = в пакете есть вложение, которое не упомянуто ни в одном изменении: пакет создан не Pristan или изменён.
refusal-quarantine-full = для отложенных пакетов больше нет места ({ $files ->
    [one] { $files } файл
    [few] { $files } файла
    [many] { $files } файлов
   *[other] { $files } файла
}, { $size }). Удалите ненужные, затем примите этот файл ещё раз (он не сохранён).
refusal-organisation = список устройств в пакете или ключи отправителя не приняты: возможно, пакет не из вашей организации. Обратитесь к координатору.
refusal-too-many-pending-devices = подтверждения уже ждут { $max ->
    [one] { $max } устройство
    [few] { $max } устройства
    [many] { $max } устройств
   *[other] { $max } устройства
} — больше Pristan не показывает. Подтвердите или отклоните часть из них, затем примите этот пакет ещё раз (он не сохранён).
refusal-unrecorded = пакет не принят. Он хранится в зашифрованном виде; попробуйте ещё раз после обновления Pristan или обратитесь к координатору.

sync-gaps-title = Недостающие пакеты
sync-gap = { $count ->
    [1] Нет пакета № { $numbers } от «{ $sender }». Попросите выгрузить его ещё раз.
   *[other] Нет пакетов № { $numbers } от «{ $sender }». Попросите выгрузить их ещё раз.
}

sync-quarantine-title = Отложенные пакеты
sync-quarantine-explain = Эти файлы не приняты. Пакеты, которые ещё можно принять (ждут подтверждения устройства или пока часы совпадут), хранятся в зашифрованном виде, и их попробуют принять снова; от остальных файлов сохранены только имя и размер. Удалите то, что не нужно.
sync-quarantine-received = Получен { $when } · { $size }
sync-waiting-approval = ждёт: попробуем ещё раз позже
sync-quarantine-listed-only = сохранены только имя и размер
sync-retry-all = Попробовать все ещё раз
sync-discard = Удалить
sync-discard-confirm = Удалить этот пакет?
sync-discard-yes = Да, удалить

## Координатор → Устройства

devices-title = Устройства
devices-intro = Все ноутбуки вашей организации и те, что просят присоединиться.
devices-pending-title = Ждут подтверждения
devices-pending-none = Ни одно устройство не ждёт подтверждения.
devices-pending-explain = Позвоните волонтёру и сверьте эти цифры вслух, прежде чем подтверждать. Если не совпадает хотя бы одна группа, не подтверждайте: возможно, кто-то выдаёт себя за волонтёра.
devices-first-seen = Впервые появилось { $when }
devices-fingerprint = Отпечаток
devices-approve-volunteer = Подтвердить как волонтёра
devices-approve-coordinator = Подтвердить как координатора
devices-approve-coordinator-confirm = Координатор может читать все дела. Подтвердить как координатора?
devices-approve-coordinator-yes = Да, подтвердить
devices-roster-title = Подтверждённые устройства
devices-col-device = Устройство
devices-col-role = Роль
devices-col-fingerprint = Отпечаток
devices-col-approved = Подтверждено
devices-col-standing = Состояние
devices-col-actions = Действия
devices-this-device = это устройство
devices-active = Действует
devices-revoked-after = { $seq ->
    [0] Отозвано: от него ничего не сохранено
   *[other] Отозвано: сохранены изменения по № { $seq } включительно
}
devices-revoke = Отозвать…
devices-revoke-title = Отозвать «{ $name }»
devices-revoke-explain = Используйте это, если ноутбук потерян, украден или больше не используется. Его новые пакеты будут откладываться, а не приниматься. Отменить это нельзя: волонтёру придётся присоединиться заново по новому приглашению.
devices-revoke-held = С этого устройства сохраняются изменения № { $held }. После отзыва от него будут приниматься только они.
devices-revoke-nothing-held = С этого устройства сюда ещё ничего не поступало: после отзыва от него ничего не будет принято.
devices-revoke-missing = Изменения № { $missing } с этого устройства сюда не поступили. После отзыва они от него приняты не будут: если они важны, сначала загрузите пакеты, в которых они есть.
devices-last-good-seq = Номер последнего надёжного изменения (необязательно)
devices-last-good-seq-hint = Оставьте пустым, чтобы сохранить всё, что уже получено с этого устройства. Если вы знаете, когда оно пропало, укажите номер последнего изменения, которому доверяете.
devices-seq-invalid = Номер изменения должен быть целым числом, например 120.
devices-revoke-submit = Отозвать устройство
devices-send-packet = Отправить пакет дел…
devices-packet-title = Пакет дел для «{ $name }»
devices-packet-explain = Пакет дел содержит закреплённые за этим волонтёром дела в их нынешнем виде. Открыть его может только его устройство.
devices-packet-submit = Сохранить пакет дел
devices-packet-written = Пакет дел № { $number } сохранён ({ $ops ->
    [one] { $ops } изменение
    [few] { $ops } изменения
    [many] { $ops } изменений
   *[other] { $ops } изменения
}, { $size }) в { $path }.
devices-packet-next = Передайте этот файл волонтёру.

## Координатор → Конфликты

conflicts-title = Конфликты
conflicts-intro = Бывает, что двое меняют одно и то же поле, ещё не видя изменения друг друга. Пока показывается самое новое значение; выберите верное, и его получат все устройства.
conflicts-none = Конфликтов нет
conflicts-none-explain = Если два устройства одновременно изменят одно и то же поле, оно появится здесь, чтобы вы выбрали значение.
conflicts-no-case = Без привязки к делу
conflicts-shown = показано сейчас
conflicts-written-by = { $device }, { $when }
conflicts-keep = Оставить это значение
conflicts-unknown-device = устройство не из списка
conflicts-empty-value = (пусто)
conflicts-yes = Да
conflicts-no = Нет
sync-entity-case = Дело
sync-entity-facility = Учреждение
sync-entity-visit = Посещение
sync-entity-note = Заметка
sync-entity-custody-event = Событие содержания под стражей
sync-entity-legal-event = Юридическое событие
sync-entity-task = Задача
sync-entity-consent = Согласие
sync-entity-relative = Родственник
sync-entity-evidence = Доказательство
sync-entity-attachment = Вложение
field-name = Имя или название
field-native-name = Имя на родном языке
field-aliases = Другие имена
field-a-number = A‑номер
field-date-of-birth = Дата рождения
field-nationality = Гражданство
field-languages = Языки
field-custody-status = Где находится
field-facility-id = Учреждение
field-attorney-name = Адвокат
field-attorney-contact = Контакты адвоката
field-g28 = G‑28
field-eoir28 = EOIR‑28
field-eoir27 = EOIR‑27
field-assigned-to = Закреплённые волонтёры
field-case-id = Дело
field-title = Название
field-details = Подробности
field-due = Срок
field-assignee = Кто делает
field-priority = Важность
field-status = Состояние
field-purpose = Цель
field-recipient = Получатель
field-given-on = Дата согласия
field-withdrawn-on = Дата отзыва
field-method = Как дано
field-note = Заметка
field-relation = Кем приходится
field-whereabouts = Где находится
field-location = Место
field-contact = Контакты
field-category = Вид
field-summary = Что показывает
field-date = Дата
field-verification = Проверка
field-verified-by = Кто проверил
field-verified-on = Когда проверено
field-operator = Кто управляет учреждением
field-address = Адрес
field-state = Штат
field-time-zone = Часовой пояс
field-visiting-rules = Правила посещений
field-sha256 = Содержимое файла
field-file-name = Имя файла
field-media-type = Тип файла
field-size = Размер
field-caption = Подпись
field-kind = Вид
field-from-facility-id = Из учреждения
field-release-type = Основание освобождения
field-source = Источник
field-time = Время
field-court = Суд
field-judge = Судья
field-outcome = Результат
field-appeal-waived = Отказ от апелляции
field-visit-id = Посещение
field-start-time = Начало
field-mode = Формат встречи
field-language = Язык
field-interpreter = Переводчик
field-visitors = Посетители
field-sensitivity = Ограниченный доступ
field-text = Текст
field-replaces = Прежняя версия
field-other = другое поле

## Страница дела: закрепление и забвение

assigned-title = Закреплённые волонтёры
assigned-explain = Волонтёры, чьи устройства получают это дело в пакетах дел.
assigned-no-volunteers = Пока нет подтверждённых устройств волонтёров. Подтвердите их в разделе «Синхронизация → Устройства».
assigned-save = Сохранить
assigned-saved = Сохранено. Отправьте волонтёрам новые пакеты дел, чтобы они его получили.
assigned-view-explain = Координатор закрепил это дело за:
assigned-this-device = { $name } (это устройство)
assigned-unknown-device = Устройство, которого ещё нет в вашем списке
assigned-none = Дело пока не закреплено за волонтёром.

forget-title = Удалить все сведения о человеке
forget-explain = Это удалит всё об этом человеке — дело, посещения, заметки, документы и вложения — с этого устройства и с каждого устройства, которое примет это распоряжение. Используйте это, если человек отозвал согласие или попросил удалить сведения о себе, либо если дело заведено по ошибке.
forget-coordinator-only = Это может сделать только координатор — тогда сведения будут удалены сразу со всех устройств. Если сведения об этом человеке нужно удалить, сообщите координатору.
forget-open = Удалить все сведения о человеке…
forget-cannot-undo = Отменить это нельзя. Ничего об этом человеке потом не восстановить ни на одном устройстве.
forget-reason = Причина
forget-reason-consent-withdrawn = Человек отозвал согласие
forget-reason-requested-by-person = Человек попросил удалить сведения о себе
forget-reason-entered-by-mistake = Дело заведено по ошибке
forget-reason-missing = Пожалуйста, выберите причину.
forget-type-name = Для подтверждения введите имя человека: { $name }
forget-type-name-hint = Точно так же, как оно написано вверху страницы.
forget-submit = Удалить все сведения о человеке на всех устройствах
