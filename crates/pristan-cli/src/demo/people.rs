//! Invented people: detained persons, their relatives, volunteers and attorneys. Russian given
//! names and surnames in Cyrillic with the Latin spelling a passport would use (some with ё, which
//! search must find either way). Combinations that name a well-known person are left out on
//! purpose; any other likeness to a real person is chance.

use super::rng::Rng;

/// (Latin, Cyrillic).
type Name = (&'static str, &'static str);

const MEN: &[Name] = &[
    ("Ivan", "Иван"),
    ("Aleksandr", "Александр"),
    ("Dmitry", "Дмитрий"),
    ("Sergey", "Сергей"),
    ("Andrey", "Андрей"),
    ("Aleksey", "Алексей"),
    ("Maksim", "Максим"),
    ("Mikhail", "Михаил"),
    ("Nikolay", "Николай"),
    ("Pavel", "Павел"),
    ("Fyodor", "Фёдор"),
    ("Pyotr", "Пётр"),
    ("Artyom", "Артём"),
    ("Semyon", "Семён"),
    ("Yegor", "Егор"),
    ("Kirill", "Кирилл"),
    ("Roman", "Роман"),
    ("Yevgeny", "Евгений"),
    ("Oleg", "Олег"),
    ("Konstantin", "Константин"),
    ("Grigory", "Григорий"),
    ("Timofey", "Тимофей"),
    ("Ilya", "Илья"),
    ("Vadim", "Вадим"),
    ("Stanislav", "Станислав"),
    ("Gleb", "Глеб"),
    ("Yury", "Юрий"),
    ("Anton", "Антон"),
    ("Denis", "Денис"),
    ("Matvey", "Матвей"),
];

const WOMEN: &[Name] = &[
    ("Anna", "Анна"),
    ("Mariya", "Мария"),
    ("Yelena", "Елена"),
    ("Olga", "Ольга"),
    ("Tatyana", "Татьяна"),
    ("Natalya", "Наталья"),
    ("Yekaterina", "Екатерина"),
    ("Irina", "Ирина"),
    ("Svetlana", "Светлана"),
    ("Alyona", "Алёна"),
    ("Darya", "Дарья"),
    ("Kseniya", "Ксения"),
    ("Polina", "Полина"),
    ("Yuliya", "Юлия"),
    ("Sofya", "Софья"),
    ("Varvara", "Варвара"),
    ("Lyudmila", "Людмила"),
    ("Vera", "Вера"),
    ("Nadezhda", "Надежда"),
    ("Galina", "Галина"),
];

/// Surnames in their masculine form; [`feminine`] makes the other.
const SURNAMES: &[Name] = &[
    ("Petrov", "Петров"),
    ("Ivanov", "Иванов"),
    ("Smirnov", "Смирнов"),
    ("Kuznetsov", "Кузнецов"),
    ("Popov", "Попов"),
    ("Sokolov", "Соколов"),
    ("Lebedev", "Лебедев"),
    ("Kozlov", "Козлов"),
    ("Novikov", "Новиков"),
    ("Morozov", "Морозов"),
    ("Volkov", "Волков"),
    ("Solovyov", "Соловьёв"),
    ("Vorobyov", "Воробьёв"),
    ("Korolyov", "Королёв"),
    ("Kovalyov", "Ковалёв"),
    ("Seleznyov", "Селезнёв"),
    ("Zhuravlyov", "Журавлёв"),
    ("Fyodorov", "Фёдоров"),
    ("Semyonov", "Семёнов"),
    ("Kiselyov", "Киселёв"),
    ("Orlov", "Орлов"),
    ("Belov", "Белов"),
    ("Tikhonov", "Тихонов"),
    ("Gusev", "Гусев"),
    ("Zaytsev", "Зайцев"),
    ("Sorokin", "Сорокин"),
    ("Nikitin", "Никитин"),
    ("Zakharov", "Захаров"),
    ("Yegorov", "Егоров"),
    ("Fomin", "Фомин"),
    ("Danilov", "Данилов"),
    ("Chernov", "Чернов"),
    ("Shcherbakov", "Щербаков"),
    ("Belyayev", "Беляев"),
    ("Gromov", "Громов"),
    ("Golubev", "Голубев"),
    ("Vinogradov", "Виноградов"),
    ("Bogdanov", "Богданов"),
    ("Kalinin", "Калинин"),
    ("Borisov", "Борисов"),
    ("Ilyin", "Ильин"),
    ("Goncharov", "Гончаров"),
    ("Tarasov", "Тарасов"),
    ("Baranov", "Баранов"),
    ("Kudryavtsev", "Кудрявцев"),
    ("Zhdanovsky", "Ждановский"),
    ("Levitsky", "Левицкий"),
    ("Ostrovsky", "Островский"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A person's name in both scripts.
#[derive(Debug, Clone)]
pub struct Person {
    pub given: Name,
    pub latin: String,
    pub native: String,
}

/// A Russian surname's feminine form: Petrov → Petrova, Levitsky → Levitskaya.
pub fn feminine((latin, native): Name) -> (String, String) {
    if let (Some(l), Some(n)) = (latin.strip_suffix("sky"), native.strip_suffix("ский")) {
        return (format!("{l}skaya"), format!("{n}ская"));
    }
    if let (Some(l), Some(n)) = (latin.strip_suffix("tsky"), native.strip_suffix("цкий")) {
        return (format!("{l}tskaya"), format!("{n}цкая"));
    }
    (format!("{latin}a"), format!("{native}а"))
}

fn surname(sex: Sex, name: Name) -> (String, String) {
    match sex {
        Sex::Male => (name.0.to_owned(), name.1.to_owned()),
        Sex::Female => feminine(name),
    }
}

/// Someone with a random given name and `family` as the surname.
pub fn person(rng: &mut Rng, sex: Sex, family: Name) -> Person {
    let given = *rng.pick(match sex {
        Sex::Male => MEN,
        Sex::Female => WOMEN,
    });
    let (last_latin, last_native) = surname(sex, family);
    Person {
        given,
        latin: format!("{} {last_latin}", given.0),
        native: format!("{} {last_native}", given.1),
    }
}

/// A detained person: mostly men (as in the reports that started Pristan), some women.
pub fn detained_person(rng: &mut Rng) -> (Person, Name) {
    let sex = if rng.chance(0.85) {
        Sex::Male
    } else {
        Sex::Female
    };
    let family = *rng.pick(SURNAMES);
    (person(rng, sex, family), family)
}

/// Volunteer visitors, by first name and initial only, as they sign write-ups.
pub const VOLUNTEERS: &[&str] = &[
    "Anna K.", "Mark D.", "Lena S.", "Tom R.", "Irina V.", "Dave P.", "Masha L.", "Ruth B.",
];

pub const INTERPRETERS: &[&str] = &["Olga M.", "Pavel T.", "telephone interpreter line"];

/// Invented attorneys and invented organisations.
pub const ATTORNEYS: &[(&str, &str)] = &[
    (
        "Rebecca Hollis",
        "Riverbend Immigrant Legal Project (fictional)",
    ),
    ("Daniel Okafor", "Okafor & Weiss, LLP (fictional)"),
    ("Marisol Vega", "Desert Light Legal Aid (fictional)"),
    ("Yakov Brenner", "Brenner Immigration Law (fictional)"),
    ("Priya Natarajan", "Open Door Asylum Clinic (fictional)"),
    ("Jonas Whitfield", "pro bono, Whitfield & Carr (fictional)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_take_their_feminine_form() {
        assert_eq!(
            feminine(("Petrov", "Петров")),
            ("Petrova".into(), "Петрова".into())
        );
        assert_eq!(
            feminine(("Solovyov", "Соловьёв")),
            ("Solovyova".into(), "Соловьёва".into())
        );
        assert_eq!(
            feminine(("Levitsky", "Левицкий")),
            ("Levitskaya".into(), "Левицкая".into())
        );
        assert_eq!(
            feminine(("Ostrovsky", "Островский")),
            ("Ostrovskaya".into(), "Островская".into())
        );
    }
}
