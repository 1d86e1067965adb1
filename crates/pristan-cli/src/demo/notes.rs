//! Invented visit notes: a few sentences each, in English, Russian or both, in the words a
//! volunteer would use. They follow the visiting programmes' guidance (DOMAIN.md): practical and
//! procedural, no legal advice, and no account of what happened to the person in Russia, which is
//! left to the attorney and the declaration.

use pristan_core::domain::NoteKind;

use super::rng::Rng;

const WELFARE_EN: &[&str] = &[
    "{n} looked tired but was glad to see us and talked for most of the hour.",
    "{n} says sleep is hard because the lights in the dorm stay on all night.",
    "The food is the hardest part: mostly rice and beans, no fresh fruit.",
    "Spirits seemed better than last week; {n} has started a Spanish class with a cellmate.",
    "Nobody else in the unit speaks Russian, and {n} feels very isolated.",
    "{n} asked us to thank everyone who sent letters; they get read many times over.",
    "{n} is worried about rumours of transfers and asked what happens to property on a move.",
    "Calm and talkative today. We spoke about books and the weather back home.",
    "The unit was on lockdown for two days this week, with no recreation time.",
    "Noticeable weight loss compared with our first visit.",
    "We reminded {n} that we are independent volunteers and cannot give legal advice.",
    "The visit was cut short after 25 minutes because of a count.",
];

const WELFARE_RU: &[&str] = &[
    "{n} говорит, что плохо спит: в блоке всю ночь горит свет.",
    "Тяжелее всего с едой: в основном рис и фасоль, свежих фруктов нет.",
    "Настроение лучше, чем на прошлой неделе; {n} начинает учить испанский с соседом.",
    "В блоке никто не говорит по-русски, {n} чувствует себя очень одиноко.",
    "Просит передать спасибо всем, кто пишет письма: их перечитывают по многу раз.",
    "Беспокоится из-за слухов о переводе и спрашивает, что будет с вещами.",
    "Сегодня спокойное настроение. Говорили о книгах и о погоде дома.",
    "На этой неделе блок два дня был закрыт, прогулок не было.",
    "Заметно похудение по сравнению с первым визитом.",
    "Напомнили, что мы независимые волонтёры и не даём юридических советов.",
    "Визит прервали через 25 минут из-за пересчёта.",
];

const MEDICAL_EN: &[&str] = &[
    "Blood pressure medication ran out on {d}; the clinic said a refill would take a week.",
    "{n} has had a toothache for ten days; two sick-call requests have gone unanswered.",
    "Asked for reading glasses (+2.5); the commissary does not sell them.",
    "Reports headaches and trouble sleeping; a nurse gave ibuprofen once.",
    "An old knee injury makes the upper bunk hard to reach; {n} asked for a lower bunk.",
    "The medical unit has no interpreter, so appointments happen in English and gestures.",
    "Needs a follow-up for a skin rash; the cream from the clinic did not help.",
    "Asked how to get a copy of the medical records from the facility.",
    "Feeling low most days; we told the coordinator, who will follow up today.",
];

const MEDICAL_RU: &[&str] = &[
    "Лекарство от давления закончилось; в медчасти сказали, что новое будет через неделю.",
    "Десять дней болит зуб; две заявки к врачу остались без ответа.",
    "Просит очки для чтения (+2,5): в магазине их не продают.",
    "Жалуется на головные боли и бессонницу; медсестра один раз дала ибупрофен.",
    "Старая травма колена: трудно забираться на верхнюю койку, просит нижнюю.",
    "В медчасти нет переводчика, приём идёт на английском и жестами.",
    "Нужен повторный осмотр из-за сыпи; крем из медчасти не помог.",
    "Спрашивает, как получить копию медицинской карты.",
];

const LEGAL_EN: &[&str] = &[
    "The next hearing is on the court's calendar; {n} has the notice and knows the time is the court's local time.",
    "The attorney has the file and asked us to bring a copy of the I-589 receipt next time.",
    "{n} has no lawyer yet; we gave the list of free legal service providers and told the coordinator.",
    "Asked what the BIA appeal deadline means; we said we cannot advise and that the attorney will call.",
    "{n} wants the court to have the new mailing address; we passed this to the attorney.",
    "The video hearing was postponed because the interpreter line did not connect.",
    "We did not ask about events in Russia: the attorney asked us to leave that for the declaration.",
    "The G-28 was signed last week; the attorney confirmed by email.",
    "Checked the EOIR status line together: no new dates since last visit.",
];

const LEGAL_RU: &[&str] = &[
    "Следующее заседание уже в календаре суда; уведомление на руках, время местное для суда.",
    "Адвокат просит в следующий раз принести копию квитанции о подаче I-589.",
    "Адвоката пока нет; дали список бесплатных юридических организаций и сообщили координатору.",
    "Спрашивает про срок апелляции в BIA; объяснили, что советов не даём, адвокат позвонит.",
    "Заседание по видео перенесли: не подключился переводчик.",
    "О событиях в России не расспрашивали: адвокат просил оставить это для заявления.",
    "Форма G-28 подписана на прошлой неделе, адвокат подтвердил по почте.",
];

const FAMILY_EN: &[&str] = &[
    "{n} has not been able to call home for two weeks; the phone account is empty.",
    "The family in Russia knows only that {n} is \"in America\"; {n} asked us not to contact them.",
    "A brother is held at another facility; {n} wants to know where, and whether they can write.",
    "The children are with a foster family; the case worker's contact is with the coordinator.",
    "Relatives at home had a visit from the police asking where {n} is.",
    "Mother's birthday is next week; {n} asked if we can help send a card.",
    "{n} asked us to send photos of the daughter's letters to the attorney.",
];

const FAMILY_RU: &[&str] = &[
    "Две недели не может позвонить домой: на телефонном счёте нет денег.",
    "Родные в России знают только, что {n} «в Америке»; просит с ними не связываться.",
    "Брат содержится в другом центре; хочет узнать где и можно ли переписываться.",
    "Дети в приёмной семье; контакт соцработника у координатора.",
    "К родным домой приходила полиция и спрашивала, где {n}.",
    "У мамы день рождения на следующей неделе, просит помочь отправить открытку.",
];

const NEEDS_EN: &[&str] = &[
    "Asked for $30 on the commissary account for phone calls.",
    "Needs shoes, US size {x}; the ones issued are falling apart.",
    "Would like books in Russian, especially Chekhov or Dovlatov.",
    "Asked for an English–Russian dictionary and a notebook.",
    "Needs warm socks and a sweater: the unit is very cold at night.",
    "Asked for stamps and envelopes to write to family.",
];

const NEEDS_RU: &[&str] = &[
    "Просит положить $30 на счёт для звонков.",
    "Нужна обувь, размер {y}: выданная разваливается.",
    "Хочет книги на русском, особенно Чехова или Довлатова.",
    "Просит англо-русский словарь и тетрадь.",
    "Нужны тёплые носки и свитер: ночью в блоке очень холодно.",
    "Просит марки и конверты, чтобы писать родным.",
];

const OBSERVATION_EN: &[&str] = &[
    "The visiting room was crowded and loud; we had to lean in to hear.",
    "The front desk asked for the A-number again although it was on the list.",
    "We waited 70 minutes before the visit started.",
    "There is a new notice that books may only come from publishers.",
    "The video link dropped twice; the officer reconnected it.",
    "{n} was brought in handcuffs, which had not happened before.",
];

const OBSERVATION_RU: &[&str] = &[
    "В комнате для свиданий было людно и шумно.",
    "Ждали 70 минут до начала визита.",
    "Видеосвязь дважды обрывалась.",
    "На входе снова спросили A-номер, хотя он был в списке.",
    "Появилось объявление: книги только от издательств.",
];

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

fn banks(kind: NoteKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        NoteKind::Welfare => (WELFARE_EN, WELFARE_RU),
        NoteKind::Medical => (MEDICAL_EN, MEDICAL_RU),
        NoteKind::Legal => (LEGAL_EN, LEGAL_RU),
        NoteKind::Family => (FAMILY_EN, FAMILY_RU),
        NoteKind::Needs => (NEEDS_EN, NEEDS_RU),
        NoteKind::Observation => (OBSERVATION_EN, OBSERVATION_RU),
    }
}

/// A note of `kind` about someone called `given` (Latin, Cyrillic): three to six sentences in
/// English, in Russian, or (now and then) both.
pub fn note_text(rng: &mut Rng, kind: NoteKind, given: (&str, &str)) -> String {
    let (english, russian) = banks(kind);
    let language = rng.weighted(&[5, 4, 2]); // English, Russian, both
    let count = rng.range(3, 6) as usize;
    let mut sentences: Vec<String> = Vec::with_capacity(count);
    let mut tries = 0;
    while sentences.len() < count && tries < 40 {
        tries += 1;
        let in_russian = match language {
            0 => false,
            1 => true,
            _ => rng.chance(0.5),
        };
        let template = if in_russian {
            rng.pick(russian)
        } else {
            rng.pick(english)
        };
        let sentence = template
            .replace("{n}", if in_russian { given.1 } else { given.0 })
            .replace("{d}", rng.pick::<&str>(WEEKDAYS))
            .replace("{x}", &rng.range(7, 12).to_string())
            .replace("{y}", &rng.range(39, 45).to_string());
        if !sentences.contains(&sentence) {
            sentences.push(sentence);
        }
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pristan_core::domain::LongText;

    #[test]
    fn notes_are_a_few_valid_sentences_with_the_name_filled_in() {
        let mut rng = Rng::new(3);
        for kind in NoteKind::ALL.iter().copied().cycle().take(120) {
            let text = note_text(&mut rng, kind, ("Fyodor", "Фёдор"));
            assert!(!text.contains('{'), "{text}");
            assert!(text.len() > 100, "{text}");
            assert!(LongText::new(&text).is_ok());
        }
    }
}
