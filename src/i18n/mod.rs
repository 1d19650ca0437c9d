//! The message catalogue: every sentence `qms` says to a person, in
//! Vietnamese and English, as Fluent messages (`messages/vi.ftl`,
//! `messages/en.ftl`, embedded in the binary). Code names a message by id
//! and gives its arguments; the language is chosen once per command
//! (`--lang`, then `language` in qms.yaml, then `LANG`) and set for the
//! process with [`set_language`], so that a message travelling inside an
//! error or a finding is shown in it wherever it is printed (as gettext
//! does). Code that renders for a named language uses [`Msg::text`].
//!
//! Fluent (Mozilla's `fluent-bundle`) was chosen over gettext-style crates
//! because its messages carry named arguments and plural/select rules in
//! the catalogue itself, so a translator can reorder a Vietnamese sentence
//! without touching code.

pub(crate) mod format;

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::config::Language;

/// Each language's catalogue: its sentences, then its labels (the words of
/// tables, headings and generated records, read through [`label`]).
const VI: [&str; 2] = [include_str!("messages/vi.ftl"), include_str!("messages/labels-vi.ftl")];
const EN: [&str; 2] = [include_str!("messages/en.ftl"), include_str!("messages/labels-en.ftl")];

/// The catalogue's source files for `lang`, for the completeness tests.
pub(crate) fn sources(lang: Language) -> [&'static str; 2] {
    match lang {
        Language::Vi => VI,
        Language::En => EN,
    }
}

fn bundle(lang: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Language::Vi => &BUNDLES[0],
        Language::En => &BUNDLES[1],
    };
    slot.get_or_init(|| {
        let tag = match lang {
            Language::Vi => "vi",
            Language::En => "en",
        };
        let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a valid language tag")]);
        // Isolation marks (U+2068/U+2069) around arguments would land in
        // terminals, CSV cells and commit messages.
        bundle.set_use_isolating(false);
        // Numbers read the language's way (`2,5` in Vietnamese) while
        // still selecting plural forms.
        bundle.set_formatter(Some(match lang {
            Language::Vi => |value, _| number_in(value, Language::Vi),
            Language::En => |value, _| number_in(value, Language::En),
        }));
        // The catalogues are part of the binary and a unit test parses
        // them; a broken entry is left out rather than stopping the program.
        for source in sources(lang) {
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The language messages are displayed in: English until the command line
/// has chosen (library tests rely on that default).
static LANGUAGE: AtomicU8 = AtomicU8::new(1);

/// Sets the language every [`Msg`] is displayed in from now on.
pub(crate) fn set_language(lang: Language) {
    LANGUAGE.store(
        match lang {
            Language::Vi => 0,
            Language::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language set by [`set_language`].
pub(crate) fn language() -> Language {
    match LANGUAGE.load(Ordering::Relaxed) {
        0 => Language::Vi,
        _ => Language::En,
    }
}

/// Builds a [`Msg`]: `msg!("check-unknown-owner", owner = front.owner)`;
/// every argument goes in as text (use [`Msg::num`] for a count that
/// selects a plural).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), &$value))*
    };
}

fn number_in(value: &FluentValue<'_>, lang: Language) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(format::number(n.value, lang)),
        _ => None,
    }
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text(String),
    Number(f64),
    Date(jiff::civil::Date),
    /// Another message of the catalogue, in the same language (a stage's
    /// name inside a sentence).
    Message(Box<Msg>),
}

/// A message of the catalogue with its arguments, not yet in a language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Msg {
    /// Empty for a verbatim text.
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub(crate) fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    /// Text that is the same in every language (a parser's own words, a
    /// path): shown as it is.
    pub(crate) fn verbatim(text: impl Into<String>) -> Msg {
        Msg {
            id: "",
            args: vec![("text", Arg::Text(text.into()))],
        }
    }

    /// Several messages joined by `separator`, each in the language shown.
    pub(crate) fn joined(parts: Vec<Msg>, separator: &'static str) -> Msg {
        Msg {
            id: "",
            args: parts
                .into_iter()
                .enumerate()
                .flat_map(|(i, part)| {
                    let gap = (i > 0).then(|| ("text", Arg::Text(separator.to_string())));
                    gap.into_iter().chain([("text", Arg::Message(Box::new(part)))])
                })
                .collect(),
        }
    }

    pub(crate) fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// A number, which the catalogue may select a plural form by.
    pub(crate) fn num(mut self, name: &'static str, value: impl Into<f64>) -> Msg {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    /// A calendar date, written the language's way (`22/11/2026`) when the
    /// message is shown, not when it is made.
    pub(crate) fn date(mut self, name: &'static str, value: jiff::civil::Date) -> Msg {
        self.args.push((name, Arg::Date(value)));
        self
    }

    /// Another message, in the same language, as an argument.
    pub(crate) fn msg_arg(mut self, name: &'static str, message: Msg) -> Msg {
        self.args.push((name, Arg::Message(Box::new(message))));
        self
    }

    /// The message in `lang`; the id itself when the catalogue lacks it
    /// (a test keeps that from shipping).
    pub(crate) fn text(&self, lang: Language) -> String {
        if self.id.is_empty() {
            return self
                .args
                .iter()
                .map(|(_, value)| match value {
                    Arg::Text(text) => text.clone(),
                    Arg::Number(n) => format::number(*n, lang),
                    Arg::Date(date) => format::date(*date, lang),
                    Arg::Message(message) => message.text(lang),
                })
                .collect();
        }
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Date(date) => FluentValue::from(format::date(*date, lang)),
                Arg::Message(message) => FluentValue::from(message.text(lang)),
            };
            args.set(*name, value);
        }
        format(lang, self.id, Some(&args))
    }
}

/// In the language set for the process.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(language()))
    }
}

impl std::error::Error for Msg {}

/// As text in the process's language: JSON readers are people too.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An error as a person reads it: our messages in the chosen language, a
/// system error by its kind in that language, and libgit2's own wording
/// left out after a message of ours that says the same (`QMS_VERBOSE=1`
/// keeps it, for a bug report).
pub fn describe_error(error: &anyhow::Error) -> String {
    let verbose = std::env::var_os("QMS_VERBOSE").is_some_and(|v| !v.is_empty());
    let mut parts: Vec<String> = Vec::new();
    let mut after_ours = false;
    for cause in error.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            parts.push(io_error(io).to_string());
        } else if after_ours && !verbose && crate::repo::is_git_library_error(cause) {
            continue;
        } else {
            parts.push(cause.to_string());
        }
        after_ours = cause.downcast_ref::<Msg>().is_some();
    }
    parts.join(": ")
}

/// A system error by its kind, in the process's language; the system's
/// own (English) wording only where the kind says nothing.
pub(crate) fn io_error(error: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    let id = match error.kind() {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-permission-denied",
        ErrorKind::AlreadyExists => "io-already-exists",
        ErrorKind::IsADirectory => "io-is-a-directory",
        ErrorKind::NotADirectory => "io-not-a-directory",
        ErrorKind::StorageFull => "io-storage-full",
        ErrorKind::ReadOnlyFilesystem => "io-read-only",
        ErrorKind::InvalidData => "io-invalid-data",
        _ => return Msg::verbatim(error.to_string()),
    };
    Msg::new(id)
}

const HELP_VI: &str = include_str!("messages/help-vi.ftl");

fn help_bundle() -> &'static FluentBundle<FluentResource> {
    static BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec!["vi".parse().expect("a valid language tag")]);
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(HELP_VI.to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The Vietnamese `--help` text under `id` (see `cli::help`), when the
/// catalogue has one. English help lives in the doc comments.
pub(crate) fn help_text(id: &str) -> Option<String> {
    let bundle = help_bundle();
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, None, &mut errors).into_owned())
}

/// Every id of the help catalogue, for the test that none is stale.
#[cfg(test)]
pub(crate) fn help_ids() -> Vec<String> {
    message_ids(HELP_VI)
}

/// The ids a catalogue's source defines, in order.
fn message_ids(source: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The text of message `id` in `lang`, without arguments.
pub(crate) fn text(lang: Language, id: &'static str) -> String {
    format(lang, id, None)
}

/// A record form's field table (`Trường | Nội dung`), each row a label id
/// and the value the form asks for.
pub(crate) fn form_fields(lang: Language, fields: impl IntoIterator<Item = (&'static str, String)>) -> String {
    let rows: Vec<Vec<String>> = fields
        .into_iter()
        .map(|(id, value)| vec![label(lang, id).to_string(), value])
        .collect();
    crate::text::markdown_table(&[label(lang, "label-field"), label(lang, "label-value")], &rows)
}

/// The label `id` in `lang` (a column heading, a field name, a state word),
/// borrowed for the life of the program so that it fits wherever a `&str`
/// does (table headers, `format!` arguments). Each label is formatted once
/// per language and kept: the catalogue is finite, so the memory is bounded.
pub(crate) fn label(lang: Language, id: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static LABELS: OnceLock<Mutex<HashMap<(Language, &'static str), &'static str>>> = OnceLock::new();
    let mut labels = LABELS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    labels
        .entry((lang, id))
        .or_insert_with(|| Box::leak(format(lang, id, None).into_boxed_str()))
}

/// Every label whose id starts with `prefix`, keyed by the rest of the id
/// (`handbook-search_placeholder` under `handbook-` is `search_placeholder`):
/// a template reads them all without the code naming each one.
pub(crate) fn labels_under(lang: Language, prefix: &str) -> Vec<(&'static str, &'static str)> {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        sources(Language::En)
            .into_iter()
            .flat_map(message_ids)
            .map(|id| &*Box::leak(id.into_boxed_str()))
            .collect()
    });
    ids.iter()
        .filter_map(|id| Some((id.strip_prefix(prefix)?, label(lang, id))))
        .collect()
}

fn format(lang: Language, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(lang: Language) -> Vec<String> {
        sources(lang).into_iter().flat_map(message_ids).collect()
    }

    #[test]
    fn both_catalogues_parse_and_define_the_same_messages() {
        for lang in [Language::Vi, Language::En] {
            for source in sources(lang) {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("{lang:?} catalogue: {errors:?}");
                }
            }
        }
        let (vi, en) = (ids(Language::Vi), ids(Language::En));
        let missing_vi: Vec<&String> = en.iter().filter(|id| !vi.contains(id)).collect();
        let missing_en: Vec<&String> = vi.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing_vi.is_empty(), "no Vietnamese for {missing_vi:?}");
        assert!(missing_en.is_empty(), "no English for {missing_en:?}");
        let mut sorted = en.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), en.len(), "an id is defined twice");
    }

    #[test]
    fn arguments_go_in_without_isolation_marks() {
        let text = Msg::new("problem-parent-count").num("count", 2).text(Language::Vi);
        assert!(text.contains('2') && !text.contains('\u{2068}'), "{text}");
        assert_eq!(Msg::new("no-such-message").text(Language::En), "no-such-message");
    }

    #[test]
    fn numbers_and_dates_read_the_language_s_way() {
        let message = Msg::new("check-over-limit")
            .arg("code", "1.001")
            .num("steps", 12.5)
            .msg_arg("limit", Msg::verbatim("10"))
            .num("allowed", 10.0);
        assert!(message.text(Language::Vi).contains("12,5"), "{}", message.text(Language::Vi));
        assert!(message.text(Language::En).contains("12.5"), "{}", message.text(Language::En));
        let date = jiff::civil::date(2026, 11, 22);
        let overdue = Msg::new("check-action-overdue").date("due", date);
        assert!(overdue.text(Language::Vi).contains("22/11/2026"));
    }

    #[test]
    fn verbatim_and_joined_messages_keep_their_text() {
        let joined = Msg::joined(vec![Msg::verbatim("a"), Msg::new("stage-open")], "; ");
        assert_eq!(joined.text(Language::Vi), "a; mới mở");
        assert_eq!(joined.text(Language::En), "a; open");
    }

    #[test]
    fn a_message_can_name_another() {
        let text = Msg::new("record-problem-already-at")
            .msg_arg("stage", Msg::new("stage-verified"))
            .text(Language::Vi);
        assert!(text.contains("đã kiểm tra hiệu lực"), "{text}");
    }
}
