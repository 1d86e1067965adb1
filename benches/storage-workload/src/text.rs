//! Invented names and visit notes for the workload: a few hundred characters each, in English,
//! in Russian, or both, in the style of the demo vault's notes (`pristan-cli/src/demo/notes.rs`),
//! and the searches `pristan bench --queries` times.

/// SplitMix64: the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A random id in the core's text form (32 hex digits).
    pub fn id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
}

const GIVEN: &[(&str, &str)] = &[
    ("Ivan", "Иван"),
    ("Dmitry", "Дмитрий"),
    ("Fyodor", "Фёдор"),
    ("Pyotr", "Пётр"),
    ("Artyom", "Артём"),
    ("Oleg", "Олег"),
    ("Anna", "Анна"),
    ("Olga", "Ольга"),
    ("Alyona", "Алёна"),
    ("Irina", "Ирина"),
];

const SURNAMES: &[(&str, &str)] = &[
    ("Petrov", "Петров"),
    ("Ivanov", "Иванов"),
    ("Smirnov", "Смирнов"),
    ("Sokolov", "Соколов"),
    ("Solovyov", "Соловьёв"),
    ("Morozov", "Морозов"),
    ("Volkov", "Волков"),
    ("Lebedev", "Лебедев"),
    ("Kozlov", "Козлов"),
    ("Novikov", "Новиков"),
    ("Orlov", "Орлов"),
    ("Zaytsev", "Зайцев"),
];

const ENGLISH: &[&str] = &[
    "{n} looked tired but was glad to see us and talked for most of the hour.",
    "{n} says sleep is hard because the lights in the dorm stay on all night.",
    "The food is the hardest part: mostly rice and beans, no fresh fruit.",
    "Nobody else in the unit speaks Russian, and {n} feels very isolated.",
    "Blood pressure medication ran out; the clinic said a refill would take a week.",
    "Asked for reading glasses (+2.5); the commissary does not sell them.",
    "The attorney has the file and asked us to bring a copy of the I-589 receipt next time.",
    "{n} has not been able to call home for two weeks; the phone account is empty.",
    "Would like books in Russian, especially Chekhov or Dovlatov.",
    "Needs warm socks and a sweater: the unit is very cold at night.",
    "We waited 70 minutes before the visit started.",
    "The video link dropped twice; the officer reconnected it.",
];

const RUSSIAN: &[&str] = &[
    "{n} говорит, что плохо спит: в блоке всю ночь горит свет.",
    "Тяжелее всего с едой: в основном рис и фасоль, свежих фруктов нет.",
    "В блоке никто не говорит по-русски, {n} чувствует себя очень одиноко.",
    "Лекарство от давления закончилось; в медчасти сказали, что новое будет через неделю.",
    "Просит очки для чтения (+2,5): в магазине их не продают.",
    "Адвокат просит в следующий раз принести копию квитанции о подаче I-589.",
    "Две недели не может позвонить домой: на телефонном счёте нет денег.",
    "Хочет книги на русском, особенно Чехова или Довлатова.",
    "Нужны тёплые носки и свитер: ночью в блоке очень холодно.",
    "Ждали 70 минут до начала визита.",
];

/// The searches timed: the same kinds as `pristan bench --queries` (names, words in notes, a
/// rare word, two words, a very common word).
pub const SEARCHES: &[&str] = &[
    "Petrov",
    "Петров",
    "Соловьев",
    "glasses",
    "очки",
    "Dovlatov",
    "warm socks",
    "the",
];

/// A person: (Latin name, Cyrillic name).
pub fn person(rng: &mut Rng) -> (String, String) {
    let (given_en, given_ru) = GIVEN[rng.below(GIVEN.len())];
    let (sur_en, sur_ru) = SURNAMES[rng.below(SURNAMES.len())];
    (
        format!("{given_en} {sur_en}"),
        format!("{given_ru} {sur_ru}"),
    )
}

/// A note about `given` (Latin, Cyrillic): three to six sentences in English, Russian or both.
pub fn note(rng: &mut Rng, given: (&str, &str)) -> String {
    let language = rng.below(11); // 5 English, 4 Russian, 2 both, as the demo's notes
    let count = 3 + rng.below(4);
    let mut sentences: Vec<String> = Vec::with_capacity(count);
    let mut tries = 0;
    while sentences.len() < count && tries < 40 {
        tries += 1;
        let russian = match language {
            0..=4 => false,
            5..=8 => true,
            _ => rng.below(2) == 1,
        };
        let sentence = if russian {
            rng.pick(RUSSIAN).replace("{n}", given.1)
        } else {
            rng.pick(ENGLISH).replace("{n}", given.0)
        };
        if !sentences.contains(&sentence) {
            sentences.push(sentence);
        }
    }
    sentences.join(" ")
}
