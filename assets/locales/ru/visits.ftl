# Пристань — запись о посещении и записи в деле, по-русски.
# Все идентификаторы должны совпадать с ../en/visits.ftl (это проверяет тест).

## Разделы записей: общие для записи о посещении и для страницы дела

note-kind-welfare = Самочувствие
note-kind-medical = Здоровье
note-kind-legal = Юридические вопросы
note-kind-family = Семья
note-kind-needs = Потребности
note-kind-observation = Наблюдения
note-not-verbatim = Записи волонтёра — не дословно
note-restricted-label = Ограниченный доступ (деликатное)

## Запись о посещении

visit-title = Запись о посещении
visit-back = Назад к делу
visit-loading = Открываем запись…
visit-for = Посещение: { $name }
visit-resumed = Открыта ваша незаконченная запись, сохранённая в { $time }.
visit-resumed-earlier = Открыта ваша незаконченная запись, сохранённая { $when }.
visit-resumed-plain = Открыта ваша незаконченная запись.
visit-reminder-title = Записи волонтёра — не дословно
visit-reminder-consent = Записывайте только то, что человек разрешил записать.
visit-reminder-own-words = Пишите коротко и своими словами. Не записывайте историю преследования, если об этом не попросил адвокат: если ваши записи разойдутся с тем, что человек потом расскажет судье, это может обернуться против него.
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

visit-notes-title = Записи
visit-notes-intro = Запишите в каждом разделе то, что хотите запомнить; пустые разделы не сохраняются.
note-hint-welfare = Как человек себя чувствует: настроение, сон, еда, как с ним обращается персонал, общается ли он с другими.
note-hint-medical = Болезни, лекарства, может ли он попасть к врачу — только то, что человек сам хочет записать.
note-hint-legal = Факты, которые он называет: следующее заседание, адвокат, полученные или поданные документы. Без советов.
note-hint-family = Родственники и где они сейчас, что им передать (только с согласия человека).
note-hint-needs = О чём просит: деньги на звонки или на ларёк (commissary), одежда, книги, документы.
note-hint-observation = Что вы видели сами: условия содержания, следы травм, как прошла встреча.
visit-restricted = Ограниченный доступ (деликатное): запись скрыта, пока её не откроют намеренно

visit-finish = Завершить и сохранить
visit-finish-shortcut = или нажмите Ctrl+Enter
visit-finishing = Сохраняем посещение…
visit-discard = Удалить черновик
visit-discard-question = Удалить этот черновик? Всё, что вы напечатали, будет удалено, и вернуть это будет нельзя.
visit-discard-confirm = Да, удалить
visit-discard-cancel = Продолжить писать
visit-discarding = Удаляем…

## Строка автосохранения

visit-autosave-idle = Запись сохраняется по мере того, как вы печатаете.
visit-autosave-saving = Сохраняем…
visit-autosave-saved = Сохранено только что.
visit-autosave-saved-at = Сохранено в { $time }.
visit-autosave-failed = Пока не сохранено: { $reason } Ваш текст на месте, и Пристань попробует сохранить его снова через несколько секунд; пожалуйста, не закрывайте окно.

## Что мешает завершить запись

visit-error-no-date = Пожалуйста, укажите дату встречи.
visit-error-too-long = Запись в разделе «{ $kind }» слишком длинная, чтобы её сохранить: { $shown } { $count ->
    [one] символ
    [few] символа
   *[many] символов
}, а помещается не больше { $max }. Пожалуйста, сократите её.
visit-error-language = Название языка слишком длинное: пожалуйста, уложитесь в 200 символов.
visit-error-interpreter = Имя переводчика слишком длинное: пожалуйста, уложитесь в 200 символов.
visit-error-facility-name = Сначала введите название учреждения.

## Записи на странице дела

note-saved-at = Сохранено { $when }
note-restricted-hidden = Это запись с ограниченным доступом. Она скрыта, чтобы никто не увидел её на экране случайно.
note-show = Показать запись с ограниченным доступом
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
note-edit-title = Изменить запись
note-edit-explain = Сохранённые записи никогда не меняются: ваша правка сохранится как новая версия, а прежняя останется в истории.
note-edit-text = Запись
note-edit-kind = Раздел
note-edit-save = Сохранить как новую версию
note-edit-saving = Сохраняем…
note-edit-cancel = Отмена
note-edit-empty = Запись не может быть пустой. Чтобы оставить её как была, нажмите «Отмена».
note-edit-too-long = Запись слишком длинная: { $shown } { $count ->
    [one] символ
    [few] символа
   *[many] символов
}, а помещается не больше { $max }. Пожалуйста, сократите её.
note-list-empty = Записей пока нет.
