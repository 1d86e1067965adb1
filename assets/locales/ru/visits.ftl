# Pristan — отчёт о посещении и заметки в деле, по-русски. Термины — по docs/glossary.md.
# Все идентификаторы должны совпадать с ../en/visits.ftl (это проверяет тест).

## Разделы заметок: общие для отчёта о посещении и для страницы дела

note-kind-welfare = Самочувствие
note-kind-medical = Здоровье
note-kind-legal = Юридические вопросы
note-kind-family = Семья
note-kind-needs = Потребности
note-kind-observation = Наблюдения
note-not-verbatim = Заметки волонтёра — не дословно
note-restricted-label = Ограниченный доступ (деликатное)

## Отчёт о посещении

visit-title = Отчёт о посещении
visit-back = Назад к делу
visit-loading = Открываем отчёт…
visit-for = Посещение: { $name }
visit-resumed = Открыт ваш незаконченный отчёт, сохранённый в { $time }.
visit-resumed-earlier = Открыт ваш незаконченный отчёт, сохранённый { $when }.
visit-resumed-plain = Открыт ваш незаконченный отчёт.
visit-reminder-title = Заметки волонтёра — не дословно
visit-reminder-consent = Записывайте только то, что человек разрешил записать.
visit-reminder-own-words = Пишите коротко и своими словами. Не записывайте историю преследования, если об этом не попросил адвокат: если ваши заметки разойдутся с тем, что человек потом расскажет судье, это может обернуться против него.
visit-reminder-restricted = Отмечайте «ограниченный доступ» для всего деликатного: сведений о здоровье, о семье и всего, что может кому-то навредить.

visit-details-title = О встрече
visit-facility = Учреждение
visit-facility-none = Не выбрано
visit-facility-add-option = Добавить учреждение…
visit-facility-empty = Учреждений пока нет. Выберите «Добавить учреждение…», чтобы добавить его, или оставьте поле пустым.
visit-facility-new-label = Название нового учреждения
visit-facility-new-add = Добавить учреждение
visit-facility-new-adding = Добавляем…
visit-date = Дата
visit-time = Начало
visit-mode = Формат встречи
visit-mode-in-person = Лично
visit-mode-video = По видеосвязи
visit-mode-phone = По телефону
visit-language = Язык
visit-language-hint = На каком языке вы говорили, например: русский.
visit-interpreter = Переводчик
visit-interpreter-hint = Имя переводчика; оставьте поле пустым, если его не было.

visit-notes-title = Заметки
visit-notes-intro = Запишите в каждом разделе то, что хотите запомнить; пустые разделы не сохраняются.
note-hint-welfare = Как человек себя чувствует: настроение, сон, еда, как с ним обращается персонал, общается ли он с другими.
note-hint-medical = Болезни, лекарства, может ли он попасть к врачу — только то, что человек сам хочет записать.
note-hint-legal = Факты, которые он называет: следующее заседание, адвокат, полученные или поданные документы. Без советов.
note-hint-family = Родственники и где они сейчас, что им передать (только с согласия человека).
note-hint-needs = О чём просит: деньги на звонки или на ларёк (commissary), одежда, книги, документы.
note-hint-observation = Что вы видели сами: условия содержания, следы травм, как прошла встреча.
visit-restricted = Ограниченный доступ (деликатное): заметка скрыта, пока её не откроют намеренно

visit-finish = Завершить и сохранить
visit-finish-shortcut = или нажмите Ctrl+Enter
visit-finishing = Сохраняем посещение…
visit-discard = Удалить черновик
visit-discard-question = Удалить этот черновик? Всё, что вы напечатали в этом отчёте, будет удалено, и вернуть это будет нельзя.
visit-discard-confirm = Да, удалить
visit-discard-cancel = Продолжить писать
visit-discarding = Удаляем…

## Строка автосохранения

visit-autosave-idle = Отчёт сохраняется по мере того, как вы печатаете.
visit-autosave-saving = Сохраняем…
visit-autosave-saved = Сохранено только что.
visit-autosave-saved-at = Сохранено в { $time }.
visit-autosave-failed = Пока не сохранено: { $reason } Ваш текст на месте, и Pristan попробует сохранить его снова через несколько секунд; пожалуйста, не закрывайте окно.

## Что мешает завершить отчёт

visit-error-no-date = Пожалуйста, укажите дату встречи.
visit-error-too-long = Заметка в разделе «{ $kind }» слишком длинная, чтобы её сохранить: { $shown } { $count ->
    [one] знак
    [few] знака
   *[many] знаков
}, а помещается не больше { $max }. Пожалуйста, сократите её.
visit-error-language = Название языка слишком длинное: пожалуйста, уложитесь в 200 знаков.
visit-error-interpreter = Имя переводчика слишком длинное: пожалуйста, уложитесь в 200 знаков.
visit-error-facility-name = Сначала введите название учреждения.

## Заметки на странице дела

note-saved-at = Сохранено { $when }
note-restricted-hidden = Это заметка с ограниченным доступом. Она скрыта, чтобы никто не увидел её на экране случайно.
note-show = Показать заметку с ограниченным доступом
note-hide = Скрыть
note-versions = изменено · { $count ->
    [one] { $count } версия
    [few] { $count } версии
   *[many] { $count } версий
}
note-history = История
note-history-hide = Скрыть историю
note-history-title = Все версии, от первой к последней
note-history-loading = Загружаем историю…
note-history-version = Версия { $number } · { $when }
note-history-current = текущая
note-edit = Изменить
note-edit-title = Изменить заметку
note-edit-explain = Сохранённые заметки никогда не меняются: ваша правка сохранится как новая версия, а прежняя останется в истории.
note-edit-text = Текст заметки
note-edit-kind = Раздел
note-edit-save = Сохранить как новую версию
note-edit-saving = Сохраняем…
note-edit-cancel = Отмена
note-edit-empty = Заметка не может быть пустой. Чтобы оставить её как была, нажмите «Отмена».
note-edit-too-long = Заметка слишком длинная: { $shown } { $count ->
    [one] знак
    [few] знака
   *[many] знаков
}, а помещается не больше { $max }. Пожалуйста, сократите её.
note-list-empty = Заметок пока нет.
