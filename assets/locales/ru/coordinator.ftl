# Pristan — русские тексты экранов координатора: сроки по всем делам, очерёдность дел, где
# депортация возможна в любой день.
# Каждый идентификатор здесь должен быть и в ../en/coordinator.ftl (это проверяет tests/locales.rs).
# Термины — по docs/glossary.md.

nav-board = Сроки

## Почему дело стоит в очереди там, где стоит

removal-rank = № { $rank }
removal-flight = Рейс депортации { $route }, { $date } — { $when }
removal-flight-no-route = Рейс депортации { $date } — { $when }
removal-no-attorney = Нет адвоката, ведущего дело (не подана ни G‑28, ни EOIR‑28, ни EOIR‑27)
removal-attorney = Адвокат, ведущий дело, есть
removal-no-stay-motion = О приостановлении депортации не просили
removal-stay-motion-pending = Ходатайство о приостановлении депортации подано, решения ещё нет
removal-final-order = { $days ->
    [0] Окончательное решение о депортации — сегодня ({ $date })
    [one] Окончательное решение о депортации — { $days } день назад ({ $date })
    [few] Окончательное решение о депортации — { $days } дня назад ({ $date })
    [many] Окончательное решение о депортации — { $days } дней назад ({ $date })
   *[other] Окончательное решение о депортации — { $days } дня назад ({ $date })
}
removal-last-contact = { $days ->
    [0] Последнее посещение — сегодня
    [one] Последнее посещение — { $days } день назад ({ $date })
    [few] Последнее посещение — { $days } дня назад ({ $date })
    [many] Последнее посещение — { $days } дней назад ({ $date })
   *[other] Последнее посещение — { $days } дня назад ({ $date })
}
removal-never-contacted = Посещений ещё не было
removal-order-explained = Порядок: сначала те, кто в списке на рейс депортации, затем те, у кого нет адвоката, ведущего дело, затем те, кто не просил о приостановлении депортации, затем — чьё окончательное решение старше, затем — кого дольше всех не посещали.

## Сводка для координатора

dashboard-removal-count = Дел, где депортация возможна в любой день: { $count }
dashboard-removal-open-board = Открыть сроки по всем делам
dashboard-removal-more = и ещё { $count } — в сроках по всем делам

## Сроки по всем делам

board-title = Сроки по всем делам
board-intro = Открытые сроки всех дел. Сначала те, кого могут депортировать в любой день, — самые срочные сверху; затем остальные, по ближайшему сроку.
board-keys = Клавиши: ↓ или «j» — следующее дело, ↑ или «k» — предыдущее, Enter — открыть дело.
board-count = { $total ->
    [one] Показано { $shown } из { $total } дела
    [few] Показано { $shown } из { $total } дел
    [many] Показано { $shown } из { $total } дел
   *[other] Показано { $shown } из { $total } дела
}
board-removal-count = из них депортация возможна в любой день: { $count }
board-filters = Отбор
board-filter-facility = Учреждение
board-filter-volunteer = Волонтёр
board-filter-custody = Где человек
board-filter-referral = Направление
board-filter-any = все
board-filter-clear = Сбросить отбор
board-referral-none = не направлено
board-none = Под этот отбор не подходит ни одно дело.
board-none-at-all = Открытых сроков нет, и нет никого с окончательным решением о депортации без приостановления.
board-removal-badge = Депортация в любой день
board-deadline-more = { $count ->
    [one] и ещё { $count } срок
    [few] и ещё { $count } срока
    [many] и ещё { $count } сроков
   *[other] и ещё { $count } срока
}
board-no-open-deadline = Открытых сроков нет
board-facility-unknown = учреждение не указано
board-volunteers = Волонтёры: { $names }
board-show-more = Показать ещё { $count }
board-rows-label = Дела в сроках

## Направления (отбор в сроках и страница дела)

referral-status-candidate = Кандидат
referral-status-dossier-prepared = Досье готово
referral-status-submitted = Направлено
referral-status-decision = Есть решение
referral-priority-emergency = Экстренно
referral-priority-urgent = Срочно
referral-priority-normal = Обычно
referral-decision-accepted = Принято
referral-decision-declined = Отказано
referral-decision-withdrawn = Отозвано

## Страница дела: проверка

verification-title = Проверка политической деятельности
verification-checklist = Чего ещё не хватает
checklist-state-done = есть
checklist-state-missing = нет
verification-evidence = Каждое доказательство, шаг за шагом
verification-step-by = { $who }, { $when }
verification-step-how = Как проверено: { $method }
verification-step-file = Подтверждающий файл: { $file }
verification-step-level = Достигнутый уровень
verification-step-method = Как проверено
verification-step-method-hint = Словами: «нашли запись в картотеке Мосгорсуда».
verification-step-attachment = Подтверждающий файл
verification-step-save = Записать шаг проверки
verification-confirmations = Подтверждения координаторов
verification-no-confirmation = Ни один координатор ещё не подтвердил деятельность этого человека. Нужны подтверждения двух разных координаторов.
verification-confirmed-by = Подтвердил(а) { $who }, { $when }
verification-does-not-count = не засчитано: тот же человек или не координатор
verification-confirm-checked = Что вы проверили
verification-confirm-hint = Словами: «поговорили с редактором газеты, где он публиковался».
verification-confirm = Подтвердить деятельность этого человека
verification-unknown-device = устройство не из списка организации

## Страница дела: направления

referrals-title = Направления
referrals-none = Дело ещё не предложено ни в одну программу.
referral-move-to = Перевести в «{ $status }»
referral-recipient = Получатель: { $recipient } (в согласии человека должен быть назван этот получатель)
referral-pathway = Программа
referral-priority = Срочность
referral-mark = Отметить как кандидата
pathway-add = Добавить программу в список
pathway-name = Название программы
pathway-recipient = Кому направляются сведения
pathway-recipient-hint = Так же, как получатель назван в согласии человека, слово в слово.

## Страница дела: история

history-title = История дела
history-filter = Показать
history-none = Изменений такого рода нет.
history-created = добавлено
history-deleted = удалено
history-changed = { $field }: { $from } → { $to }
history-by = устройство: { $who }
history-by-received = устройство: { $who } (получено)
history-yes = да
history-no = нет
sync-entity-evidence-review = Шаг проверки
sync-entity-activity-confirmation = Подтверждение деятельности
sync-entity-pathway = Программа
sync-entity-referral = Направление
sync-entity-flight = Рейс
sync-entity-flight-link = Связь с рейсом

## Рейсы

nav-flights = Рейсы
flights-title = Рейсы депортации
flights-intro = Когда становится известно о рейсе депортации, запишите его, отметьте людей, которых, по сведениям, собираются депортировать этим рейсом, и звоните им в порядке очерёдности.
flights-none = Рейсов не записано.
flight-no-date = дата неизвестна
flight-source-line = Сообщил(а): { $source }
flight-add = Записать рейс
flight-date = Дата рейса
flight-route = Маршрут или куда
flight-route-hint = Как сообщили: «Александрия (Луизиана) → Каир → Москва».
flight-source = Кто сообщил
flight-source-hint = «Адвокат в учреждении», «родственник».
flight-save = Записать рейс
flight-too-long = Пожалуйста, уместите маршрут и источник каждый в одну короткую строку.
flight-triage-title = Кому звонить первым: { $route }
flight-countdown = Рейс — { $date }, { $when }.
flight-left = Рейс был назначен на { $date }; возможно, он уже улетел.
flight-no-cases = С этим рейсом ещё не связано ни одно дело.
flight-triage-order = По порядку: сначала окончательное решение о депортации без приостановления, затем поданные ходатайства, затем приостановленные; внутри — сначала без адвоката, ведущего дело, затем по ближайшему сроку, затем кого дольше всех не посещали.
triage-final-order = окончательное решение — { $date }
flight-unlink = Не в списке на этот рейс
flight-link-case = Дело человека, которого, по сведениям, собираются депортировать этим рейсом
flight-link-note = Почему (необязательно)
flight-link = Отметить дело
history-this-device = это устройство
history-linked-record = связанная запись
history-items = { $count ->
    [one] { $count } устройство
    [few] { $count } устройства
    [many] { $count } устройств
   *[other] { $count } устройства
}
