//! The message catalogue: every sentence `qms` says to a person, in
//! Vietnamese and English, as Fluent messages (`messages/vi.ftl`,
//! `messages/en.ftl`, embedded in the binary). Code names a message by id
//! and gives its arguments; the language is chosen once per command
//! (`--lang`, then `language` in qms.yaml, then `LANG`).
//!
//! Fluent (Mozilla's `fluent-bundle`) was chosen over gettext-style crates
//! because its messages carry named arguments and plural/select rules in
//! the catalogue itself, so a translator can reorder a Vietnamese sentence
//! without touching code.

pub mod format;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::config::Language;

const VI: &str = include_str!("messages/vi.ftl");
const EN: &str = include_str!("messages/en.ftl");

/// The catalogue's source text for `lang`, for the completeness tests.
pub fn source(lang: Language) -> &'static str {
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
        // The catalogues are part of the binary and a unit test parses
        // them; a broken entry is left out rather than stopping the program.
        let resource = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text(String),
    Number(f64),
    /// Another message of the catalogue, in the same language (a stage's
    /// name inside a sentence).
    Message(Box<Msg>),
}

/// A message of the catalogue with its arguments, not yet in a language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// A number, which the catalogue may select a plural form by.
    pub fn num(mut self, name: &'static str, value: impl Into<f64>) -> Msg {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    /// Another message, in the same language, as an argument.
    pub fn msg_arg(mut self, name: &'static str, message: Msg) -> Msg {
        self.args.push((name, Arg::Message(Box::new(message))));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`; the id itself when the catalogue lacks it
    /// (a test keeps that from shipping).
    pub fn text(&self, lang: Language) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(message) => FluentValue::from(message.text(lang)),
            };
            args.set(*name, value);
        }
        format(lang, self.id, Some(&args))
    }
}

/// The text of message `id` in `lang`, without arguments.
pub fn text(lang: Language, id: &'static str) -> String {
    format(lang, id, None)
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

    /// The ids a catalogue defines, in order.
    fn ids(lang: Language) -> Vec<String> {
        let resource = match FluentResource::try_new(source(lang).to_string()) {
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

    #[test]
    fn both_catalogues_parse_and_define_the_same_messages() {
        for lang in [Language::Vi, Language::En] {
            if let Err((_, errors)) = FluentResource::try_new(source(lang).to_string()) {
                panic!("{lang:?} catalogue: {errors:?}");
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
    fn a_message_can_name_another() {
        let text = Msg::new("record-problem-already-at")
            .msg_arg("stage", Msg::new("stage-verified"))
            .text(Language::Vi);
        assert!(text.contains("đã kiểm tra hiệu lực"), "{text}");
    }
}
