//! Translations: the Fluent catalogues for each language, read through a Yew context so that the
//! whole interface re-renders when the language changes.

use std::cell::OnceCell;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use pristan_ipc::Language;
use unic_langid::{langid, LanguageIdentifier};
use yew::prelude::*;

/// Each language's catalogue is split by area, one file each, so that a screen's texts sit together.
/// `tests/locales.rs` checks that the two languages have the same files and the same messages.
macro_rules! catalogue {
    ($lang:literal) => {
        [
            include_str!(concat!("../../assets/locales/", $lang, "/main.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/cases.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/visits.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/visit-guide.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/sync.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/forks.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/family.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/referrals.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/relay.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/coordinator.ftl")),
            include_str!(concat!("../../assets/locales/", $lang, "/security.ftl")),
        ]
    };
}

const ENGLISH_FTL: &[&str] = &catalogue!("en");
const RUSSIAN_FTL: &[&str] = &catalogue!("ru");

/// One parsed bundle per language, each parsed on its first use: the unlock screen, the first thing
/// WebKit must show, parses only the language it is shown in (docs/benchmarks.md, "Cold start: a
/// smaller interface").
#[derive(Default)]
struct Catalogues {
    english: OnceCell<FluentBundle<FluentResource>>,
    russian: OnceCell<FluentBundle<FluentResource>>,
}

impl Catalogues {
    fn bundle(&self, language: Language) -> &FluentBundle<FluentResource> {
        match language {
            Language::En => self
                .english
                .get_or_init(|| load_bundle(langid!("en"), ENGLISH_FTL)),
            Language::Ru => self
                .russian
                .get_or_init(|| load_bundle(langid!("ru"), RUSSIAN_FTL)),
        }
    }
}

fn load_bundle(locale: LanguageIdentifier, sources: &[&str]) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new(vec![locale]);
    // Unicode isolation marks around arguments would show up in copied text and in WebDriver
    // comparisons; our arguments are numbers and dates, which need no isolation.
    bundle.set_use_isolating(false);
    // A syntax error drops only the broken message; the rest of the file still loads, and the
    // locale test in tests/ catches the error before release.
    for &source in sources {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
        // Adding fails only for duplicate ids, and then the first one is kept.
        let _ = bundle.add_resource(resource);
    }
    crate::startup_marks::mark(crate::startup_marks::CATALOGUE_PARSED);
    bundle
}

thread_local! {
    static CATALOGUES: Catalogues = Catalogues::default();
}

/// The current language, provided at the root of the app. Copying it is cheap: the catalogues
/// themselves live in a thread-local.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct I18n {
    pub language: Language,
}

impl I18n {
    pub fn new(language: Language) -> I18n {
        I18n { language }
    }

    /// The message `key` in the current language, or the key itself if it is missing.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with its arguments, e.g. `[("seconds", 30.into())]`.
    pub fn t_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        CATALOGUES.with(|catalogues| {
            let bundle = catalogues.bundle(self.language);
            let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
                return key.to_owned();
            };
            // Formatting errors (a missing argument) still yield readable text, so they are
            // not shown to the user.
            let mut errors = Vec::new();
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned()
        })
    }
}

/// The translations for the current language.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}
