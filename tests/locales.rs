//! The English and Russian interface texts have exactly the same messages, and each parses.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;

const FILES: &[&str] = &[
    "main.ftl",
    "cases.ftl",
    "visits.ftl",
    "visit-guide.ftl",
    "sync.ftl",
    "forks.ftl",
    "family.ftl",
    "referrals.ftl",
    "relay.ftl",
    "coordinator.ftl",
    "security.ftl",
];

fn message_ids(lang: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for file in FILES {
        for id in file_message_ids(lang, file) {
            assert!(
                ids.insert(id.clone()),
                "{lang}: message {id} is defined twice"
            );
        }
    }
    ids
}

fn file_message_ids(lang: &str, file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/{lang}/{file}"));
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resource = parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[test]
fn english_and_russian_have_the_same_messages() {
    let en = message_ids("en");
    let ru = message_ids("ru");
    assert!(en.len() > 50, "suspiciously few messages: {}", en.len());
    let only_en: Vec<_> = en.difference(&ru).collect();
    let only_ru: Vec<_> = ru.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_ru.is_empty(),
        "only in en: {only_en:?}; only in ru: {only_ru:?}"
    );
}

// The ids the core sends instead of sentences: every one has a message in both languages, so no
// English from the core can reach a Russian screen (issue 11).
#[test]
fn every_id_the_core_sends_has_a_message_in_both_languages() {
    use pristan_model::views::{Counting, DeadlineKind, Forum};
    use pristan_model::{fields, time_zones, Holiday, Refusal};

    let mut needed: Vec<String> = Vec::new();
    needed.extend(Refusal::examples().iter().map(Refusal::message_id));
    needed.extend(Holiday::ALL.iter().map(|h| h.message_id()));
    needed.extend(Counting::ALL.iter().map(|c| c.message_id().to_owned()));
    needed.extend(Forum::ALL.iter().map(|f| f.message_id().to_owned()));
    needed.extend(
        pristan_model::DossierSection::ALL
            .iter()
            .map(|s| s.message_id().to_owned()),
    );
    for kind in DeadlineKind::ALL {
        let name = serde_json::to_value(kind).unwrap();
        let name = name.as_str().unwrap().replace('_', "-");
        needed.push(format!("deadline-kind-{name}"));
        needed.push(format!("deadline-note-{name}"));
    }
    needed.extend(
        fields::FIELD_IDS
            .iter()
            .filter_map(|f| fields::message_id(f)),
    );
    needed.push("field-other".into());
    needed.extend(
        time_zones::OFFERED
            .iter()
            .filter_map(|z| time_zones::message_id(*z)),
    );
    needed.push("time-zone-other".into());
    // Family mode: every card error, every custody status a card can carry.
    use pristan_family_card::CardError;
    needed.extend(
        [
            CardError::TooLarge { found: 0 },
            CardError::NotACard,
            CardError::NotForPassphrase,
            CardError::EmptyPassphrase,
            CardError::WrongPassphrase,
            CardError::TooMuchWork {
                required: 0,
                allowed: 0,
            },
            CardError::Damaged,
            CardError::NewerVersion { version: 0 },
            CardError::Encryption,
        ]
        .iter()
        .map(|e| e.message_id().to_owned()),
    );
    needed.extend(
        pristan_model::CustodyStatus::ALL
            .iter()
            .map(|s| format!("family-custody-{}", s.as_str())),
    );
    // The coordinator's ids (issue 13): refusals to export a referral, verdicts, checklist
    // lines, triage groups and history kinds.
    {
        use pristan_model::TriageGroup;
        use pristan_model::{ActivityVerdict, ChecklistItem, HistoryKind, ReferralRefusal};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let recipient = String::new();
        for refusal in [
            ReferralRefusal::NoRecipient,
            ReferralRefusal::NoConsent {
                recipient: recipient.clone(),
            },
            ReferralRefusal::ConsentWithdrawn {
                recipient: recipient.clone(),
                withdrawn_on: day,
            },
            ReferralRefusal::ConsentNotYetGiven {
                recipient,
                given_on: day,
            },
        ] {
            needed.push(refusal.message_id().to_owned());
        }
        for verdict in [
            ActivityVerdict::Unconfirmed,
            ActivityVerdict::OneCoordinator,
            ActivityVerdict::Verified,
        ] {
            needed.push(verdict.message_id().to_owned());
        }
        needed.extend(ChecklistItem::ALL.iter().map(|i| i.message_id().to_owned()));
        for group in [
            TriageGroup::FinalOrderNoStay,
            TriageGroup::PendingMotion,
            TriageGroup::Stayed,
            TriageGroup::NoFinalOrder,
        ] {
            needed.push(group.message_id().to_owned());
        }
        needed.extend(
            HistoryKind::ALL
                .iter()
                .map(|k| format!("history-kind-{}", k.as_str().replace('_', "-"))),
        );
    }
    needed.extend(
        pristan_model::relay::RelayProblem::ALL
            .iter()
            .map(|p| p.message_id()),
    );
    // The case page's refused card refreshes.
    needed.extend(
        pristan_ipc::FamilyCardRefusal::ALL
            .iter()
            .map(|r| r.message_id().to_owned()),
    );
    // Why a card just issued from the case page is not on the relay.
    needed.extend(
        [
            pristan_ipc::NotPublished::NoRelay,
            pristan_ipc::NotPublished::Relay(pristan_model::relay::RelayProblem::Unreachable),
            pristan_ipc::NotPublished::Failed,
        ]
        .iter()
        .map(|p| p.message_id().to_owned()),
    );
    // The family window's fetch by card code.
    needed.extend(
        pristan_relay_client::CardFetchProblem::ALL
            .iter()
            .map(|p| p.message_id()),
    );
    for lang in ["en", "ru"] {
        let ids = message_ids(lang);
        let missing: Vec<&String> = needed.iter().filter(|id| !ids.contains(*id)).collect();
        assert!(missing.is_empty(), "{lang} has no message for {missing:?}");
    }
}

/// Every Russian message, by id, as its text: the words of every variant, with each placeable
/// (`{ $date }`) replaced by "0", since what fills it is checked where it is made.
fn russian_messages() -> Vec<(String, String)> {
    use fluent_syntax::ast::{Expression, Pattern, PatternElement};

    fn words(pattern: &Pattern<&str>, out: &mut String) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable { expression } => match expression {
                    Expression::Select { variants, .. } => {
                        for variant in variants {
                            out.push('\n');
                            words(&variant.value, out);
                        }
                    }
                    // A number stands in for what fills the placeable.
                    Expression::Inline(_) => out.push('0'),
                },
            }
        }
    }

    let mut messages = Vec::new();
    for file in FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/ru/{file}"));
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = parser::parse(source.as_str()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
        for entry in &resource.body {
            if let Entry::Message(message) = entry {
                let mut text = String::new();
                if let Some(pattern) = &message.value {
                    words(pattern, &mut text);
                }
                messages.push((message.id.name.to_owned(), text));
            }
        }
    }
    messages
}

#[path = "e2e/latin.rs"]
mod latin;

// A Russian screen shows no English beyond the glossary's allow-list (docs/glossary.md); the
// end-to-end test `russian_screens` checks the screens themselves, with the data on them.
#[test]
fn russian_messages_hold_no_english_outside_the_glossary() {
    // The sample Latin spelling of a person's name in the new-case hint.
    let sample_names = ["Ivan Petrov".to_owned()];
    let found: Vec<String> = russian_messages()
        .into_iter()
        .filter_map(|(id, text)| {
            let foreign = latin::foreign_words(&text, &sample_names);
            (!foreign.is_empty()).then(|| format!("ru {id}: {foreign:?} in {text:?}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "English in Russian messages:\n{}",
        found.join("\n")
    );
}

// The terms of docs/glossary.md: one word for each thing, and none of the misleading ones.
#[test]
fn russian_messages_use_the_glossary_terms_and_typography() {
    let banned = [
        ("Пристань", "the product is Pristan"),
        ("слушани", "a hearing is «заседание»"),
        ("символ", "a character is «знак»"),
        ("не относится к делу", "say «без привязки к делу»"),
        ("Не относится к делу", "say «Без привязки к делу»"),
        ("условно", "parole is «по паролю (parole)»"),
        (
            "о пересмотре",
            "petition for review and motion to reconsider have their own names",
        ),
        ("забыть", "say «удалить все сведения о человеке»"),
        ("Забыть", "say «Удалить все сведения о человеке»"),
        ("обстановка в стране)", "say which country"),
        ("America/", "time zones are named in words"),
        ("№ ", "a non-breaking space follows «№»"),
        ("G-28", "form names take a non-breaking hyphen"),
        ("EOIR-", "form names take a non-breaking hyphen"),
        ("A-номер", "«A‑номер» takes a non-breaking hyphen"),
    ];
    let unit = regex::Regex::new(r"(\d|\})[ \t](МБ|КБ|ч)\b").unwrap();
    let note_as_record =
        regex::Regex::new(r"(?i)\bзапис(ь|и|ей|ям)\b.{0,20}(волонт|заметк)").unwrap();
    for (id, text) in russian_messages() {
        for (word, why) in banned {
            assert!(!text.contains(word), "ru {id}: {word:?} — {why}: {text}");
        }
        assert!(
            !unit.is_match(&text),
            "ru {id}: a non-breaking space goes before a unit: {text}"
        );
        assert!(
            !note_as_record.is_match(&text),
            "ru {id}: a note is «заметка»: {text}"
        );
    }
}

/// Formats a Russian message with `count` (and placeholder values for its other arguments).
fn russian(id: &str, arg: &str, count: i64) -> String {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};

    let mut bundle = FluentBundle::new(vec!["ru"
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap()]);
    bundle.set_use_isolating(false);
    for file in FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/ru/{file}"));
        let resource = FluentResource::try_new(std::fs::read_to_string(path).unwrap()).unwrap();
        bundle.add_resource(resource).unwrap();
    }
    let message = bundle.get_message(id).unwrap_or_else(|| panic!("no {id}"));
    let mut args = FluentArgs::new();
    args.set(arg, count);
    for other in [
        "numbers", "sender", "size", "stage", "done", "total", "date", "found", "max",
    ] {
        if other != arg {
            args.set(other, "…");
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(message.value().unwrap(), Some(&args), &mut errors)
        .into_owned()
}

// Russian plurals at the numbers where they go wrong: 1, 2, 5, 11, 21, 22, 25, 101 (and 12, 111).
#[test]
fn russian_plurals_agree_with_their_numbers() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, i64, &str)] = &[
        ("sync-gap", "count", 1, "Нет пакета №"),
        ("sync-gap", "count", 2, "Нет пакетов №"),
        ("sync-gap", "count", 21, "Нет пакетов №"),
        ("sync-gap", "count", 101, "Нет пакетов №"),
        ("auto-lock-minutes", "minutes", 1, "через 1 минуту бездействия"),
        ("auto-lock-minutes", "minutes", 2, "через 2 минуты бездействия"),
        ("auto-lock-minutes", "minutes", 5, "через 5 минут бездействия"),
        ("auto-lock-minutes", "minutes", 11, "через 11 минут бездействия"),
        ("auto-lock-minutes", "minutes", 21, "через 21 минуту бездействия"),
        ("auto-lock-minutes", "minutes", 22, "через 22 минуты бездействия"),
        ("auto-lock-minutes", "minutes", 25, "через 25 минут бездействия"),
        ("in-days", "days", 0, "сегодня"),
        ("in-days", "days", 1, "завтра"),
        ("in-days", "days", 2, "через 2 дня"),
        ("in-days", "days", 5, "через 5 дней"),
        ("in-days", "days", 11, "через 11 дней"),
        ("in-days", "days", 21, "через 21 день"),
        ("in-days", "days", 22, "через 22 дня"),
        ("in-days", "days", 25, "через 25 дней"),
        ("in-days", "days", 101, "через 101 день"),
        ("in-days", "days", 111, "через 111 дней"),
        ("overdue-days", "days", 1, "просрочено на 1 день"),
        ("overdue-days", "days", 12, "просрочено на 12 дней"),
        ("overdue-days", "days", 21, "просрочено на 21 день"),
        ("deadline-counted-from", "days", 21, "21 день после"),
        ("deadline-counted-from", "days", 30, "30 дней после"),
        ("deadline-counted-from", "days", 90, "90 дней после"),
        ("deadline-counted-from", "days", 7, "7 дней после"),
        ("unlock-attempts-left", "count", 1, "ещё 1 раз,"),
        ("unlock-attempts-left", "count", 2, "ещё 2 раза,"),
        ("unlock-attempts-left", "count", 5, "ещё 5 раз,"),
        ("error-too-many-attempts", "seconds", 21, "через 21 секунду"),
        ("error-too-many-attempts", "seconds", 30, "через 30 секунд"),
        ("dashboard-case-count", "count", 1, "1 дело"),
        ("dashboard-case-count", "count", 22, "22 дела"),
        ("dashboard-case-count", "count", 25, "25 дел"),
        ("dashboard-case-count", "count", 101, "101 дело"),
        ("sync-unsent", "count", 21, "Не отправлено 21 изменение"),
        ("sync-unsent", "count", 11, "Не отправлено 11 изменений"),
        ("sync-result-imported", "count", 21, "Принят 21 пакет"),
        ("sync-result-imported", "count", 22, "Принято 22 пакета"),
        ("sync-result-already", "count", 11, "11 пакетов уже были"),
        ("sync-count-notes", "count", 22, "22 новые заметки"),
        ("sync-count-notes", "count", 25, "25 новых заметок"),
        ("sync-count-forgotten", "count", 1, "сведения о 1 человеке"),
        ("sync-count-forgotten", "count", 21, "сведения о 21 человеке"),
        ("sync-count-forgotten", "count", 22, "сведения о 22 людях"),
        ("sync-count-forgotten", "count", 11, "сведения о 11 людях"),
        ("sync-results-conflicts", "count", 21, "21 поле изменили"),
        ("sync-results-conflicts", "count", 5, "5 полей изменили"),
        ("note-versions", "count", 21, "21 версия"),
        ("note-versions", "count", 12, "12 версий"),
        ("text-too-long", "found", 21, "здесь 21 знак,"),
        ("text-too-long", "found", 101, "здесь 101 знак,"),
        ("a-number-digit-count", "found", 7, "Здесь 7 цифр,"),
        ("a-number-digit-count", "found", 2, "Здесь 2 цифры,"),
        ("devices-revoked-after", "seq", 120, "по №\u{a0}120 включительно"),
    ];
    for &(id, arg, n, expected) in cases {
        let text = russian(id, arg, n);
        assert!(
            text.contains(expected),
            "{id} at {n}: {text:?}, expected {expected:?}"
        );
    }
}

// A Russian plural needs three forms (1 / 2–4 / 5–20, and 21, 22, 25 again): a select on a number
// that uses plural categories must give `one`, `few` and `many` (exact numbers like `[0]` may be
// added). `sync-gap` once had only `one` and `other`, and read wrong at 21.
#[test]
fn russian_plural_selects_have_all_three_forms() {
    use fluent_syntax::ast::{Expression, Pattern, PatternElement, VariantKey};

    fn check(id: &str, pattern: &Pattern<&str>, problems: &mut Vec<String>) {
        for element in &pattern.elements {
            let PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } = element
            else {
                continue;
            };
            let keys: Vec<&str> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    VariantKey::Identifier { name } => Some(*name),
                    VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            let plural = keys.iter().any(|k| ["one", "few", "many"].contains(k));
            if plural && !["one", "few", "many"].iter().all(|k| keys.contains(k)) {
                problems.push(format!("{id}: {keys:?}"));
            }
            for variant in variants {
                check(id, &variant.value, problems);
            }
        }
    }

    let mut problems = Vec::new();
    for file in FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/ru/{file}"));
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = parser::parse(source.as_str()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
        for entry in &resource.body {
            if let Entry::Message(message) = entry {
                if let Some(pattern) = &message.value {
                    check(message.id.name, pattern, &mut problems);
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "incomplete Russian plurals: {problems:?}"
    );
}
