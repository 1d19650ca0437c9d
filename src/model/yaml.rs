//! Loading YAML that users wrote, defensively.
//!
//! Front-matter and configuration come from many hands, so anchors, aliases,
//! tags, directives and several documents in one block are refused outright
//! (an alias bomb never gets a chance to expand) and every problem carries a
//! line number relative to the YAML text.

use serde::de::DeserializeOwned;

use crate::i18n::Msg;

pub(crate) use serde_yaml::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YamlProblemKind {
    Syntax,
    Anchor,
    Alias,
    Tag,
    Directive,
    SeveralDocuments,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlProblem {
    pub kind: YamlProblemKind,
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column, where known.
    pub column: Option<usize>,
    pub message: String,
}

impl YamlProblem {
    /// What went wrong, for a person: serde's and the parser's English
    /// turned into a catalogue message where its form is known.
    pub(crate) fn text(&self) -> Msg {
        match self.kind {
            YamlProblemKind::Syntax | YamlProblemKind::SeveralDocuments if !self.message.is_empty() => serde_message(&self.message),
            YamlProblemKind::Syntax => Msg::new("yaml-syntax").arg("detail", ""),
            YamlProblemKind::Anchor => Msg::new("yaml-anchor"),
            YamlProblemKind::Alias => Msg::new("yaml-alias"),
            YamlProblemKind::Tag => Msg::new("yaml-tag"),
            YamlProblemKind::Directive => Msg::new("yaml-directive"),
            YamlProblemKind::SeveralDocuments => Msg::new("yaml-several-documents"),
        }
    }

    pub(crate) fn hint(&self) -> Msg {
        Msg::new(match self.kind {
            YamlProblemKind::Syntax => "hint-yaml-syntax",
            YamlProblemKind::Anchor | YamlProblemKind::Alias => "hint-yaml-alias",
            YamlProblemKind::Tag => "hint-yaml-tag",
            YamlProblemKind::Directive => "hint-yaml-directive",
            YamlProblemKind::SeveralDocuments => "hint-yaml-several-documents",
        })
    }
}

/// serde's name of what it found (`string "cao"`, `integer `5``,
/// `sequence`) in the language's words.
fn serde_found(found: &str) -> Msg {
    let quoted = |text: &str| text.split(['"', '`']).nth(1).unwrap_or_default().to_string();
    match found.split(' ').next().unwrap_or_default() {
        "string" => Msg::new("value-text").arg("text", quoted(found)),
        "integer" | "floating" => Msg::new("value-number").arg("number", quoted(found)),
        "boolean" => Msg::verbatim(quoted(found)),
        "sequence" => Msg::new("value-list"),
        "map" => Msg::new("value-mapping"),
        "unit" => Msg::new("value-nothing"),
        _ => Msg::verbatim(found),
    }
}

/// serde's name of the type it wanted (`f64`, `a sequence`, `struct X`).
fn serde_expected(expected: &str) -> Msg {
    let word = expected.trim_start_matches("a ").trim_start_matches("an ");
    let id = match word.split(' ').next().unwrap_or_default() {
        "f32" | "f64" | "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "number" | "integer" => "type-number",
        "string" | "borrowed" => "type-text",
        "sequence" => "type-list",
        "map" | "struct" => "type-mapping",
        "boolean" | "bool" => "type-bool",
        _ => return Msg::verbatim(expected),
    };
    Msg::new(id)
}

/// The YAML parser's commonest complaints, by a phrase of its message.
const SCANNER_MESSAGES: &[(&str, &str)] = &[
    ("mapping values are not allowed", "yaml-colon-in-value"),
    ("did not find expected key", "yaml-expected-key"),
    ("did not find expected ',' or ']'", "yaml-unclosed-list"),
    ("did not find expected ',' or '}'", "yaml-unclosed-mapping"),
    ("cannot start any token", "yaml-bad-start"),
    ("could not find expected ':'", "yaml-expected-colon"),
    ("unexpected end of stream", "yaml-unexpected-end"),
    ("found a tab character", "yaml-tab"),
];

/// serde's error text (`units[0]: unknown field `nam`, expected one of
/// `id`, `name``) as a catalogue message; what it cannot read stays as
/// serde wrote it, inside a sentence of the language.
pub(crate) fn serde_message(raw: &str) -> Msg {
    let (path, rest) = match raw.split_once(": ") {
        Some((path, rest)) if !path.is_empty() && !path.contains(' ') => (Some(path), rest),
        _ => (None, raw),
    };
    let quoted = |text: &str| text.split('`').nth(1).unwrap_or_default().to_string();
    let expected = |text: &str| {
        text.split_once(", expected ")
            // serde writes two choices as "`a` or `b`", more as "one of `a`, `b`".
            .map(|(_, e)| e.trim_start_matches("one of ").replace("` or `", "`, `").replace('`', ""))
            .unwrap_or_default()
    };
    let message = if rest.starts_with("unknown field `") {
        match expected(rest) {
            e if e.is_empty() => Msg::new("yaml-unknown-field-none").arg("field", quoted(rest)),
            e => Msg::new("yaml-unknown-field").arg("field", quoted(rest)).arg("expected", e),
        }
    } else if rest.starts_with("missing field `") {
        Msg::new("yaml-missing-field").arg("field", quoted(rest))
    } else if rest.starts_with("unknown variant `") {
        Msg::new("yaml-unknown-variant")
            .arg("value", quoted(rest))
            .arg("expected", expected(rest))
    } else if let Some(types) = rest.strip_prefix("invalid type: ") {
        let (found, wanted) = types.split_once(", expected ").unwrap_or((types, ""));
        Msg::new("yaml-invalid-type")
            .msg_arg("found", serde_found(found))
            .msg_arg("expected", serde_expected(wanted))
    } else if rest.contains("more than one document") {
        Msg::new("yaml-several-documents")
    } else if let Some(key) = rest.strip_prefix("duplicate entry with key ") {
        Msg::new("yaml-duplicate-key").arg("field", key.trim_matches('"'))
    } else if let Some((_, id)) = SCANNER_MESSAGES.iter().find(|(needle, _)| rest.contains(needle)) {
        Msg::new(id)
    } else {
        Msg::new("yaml-syntax").arg("detail", rest)
    };
    match path {
        Some(path) => Msg::new("yaml-at").arg("path", path).msg_arg("message", message),
        None => message,
    }
}

/// Parses YAML into a generic value after refusing anchors, aliases, tags,
/// directives and multiple documents.
pub(crate) fn parse_value(yaml: &str) -> Result<Value, YamlProblem> {
    scan_for_refused_constructs(yaml)?;
    serde_yaml::from_str::<Value>(yaml).map_err(syntax_problem)
}

/// Parses YAML into a typed structure, with the same refusals as [`parse_value`].
/// Errors carry serde's path to the field (`units[1]: unknown field ...`).
pub(crate) fn parse_typed<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlProblem> {
    scan_for_refused_constructs(yaml)?;
    serde_yaml::from_str::<T>(yaml).map_err(syntax_problem)
}

/// The field names of the struct `T` as its derived `Deserialize` declares
/// them (serde passes them to the deserializer; this one only takes note),
/// so that the names a type accepts are never written out a second time.
pub(crate) fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("only the field names were asked for"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// Converts an already-parsed value to a typed one (used per field, so one bad
/// field does not hide the others).
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_yaml::from_value(value).map_err(|e| e.to_string())
}

pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

fn syntax_problem(error: serde_yaml::Error) -> YamlProblem {
    let (line, column) = error.location().map(|l| (l.line(), Some(l.column()))).unwrap_or((1, None));
    let mut message = error.to_string();
    // serde_yaml appends " at line L column C"; we report the position ourselves.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let kind = if message.contains("more than one document") {
        YamlProblemKind::SeveralDocuments
    } else {
        YamlProblemKind::Syntax
    };
    YamlProblem {
        kind,
        line,
        column,
        message,
    }
}

/// The 1-based line of every top-level key, in order of appearance.
pub(crate) fn top_level_key_lines(yaml: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    for (index, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
            continue;
        }
        // A quoted key may itself hold ':' characters.
        let key_end = match line.chars().next() {
            Some(quote @ ('"' | '\'')) => line[1..].find(quote).map(|end| end + 2),
            _ => line.find(':'),
        };
        let Some(key_end) = key_end else {
            continue;
        };
        let key = line[..key_end].trim().trim_matches(['"', '\'']);
        if !key.is_empty() {
            keys.push((key.to_string(), index + 1));
        }
    }
    keys
}

#[derive(Clone, Copy, PartialEq)]
enum Quote {
    None,
    Single,
    Double,
}

/// A light lexer that walks the YAML text and finds, outside quoted strings,
/// comments and block scalars, the indicators we refuse at the start of a node.
fn scan_for_refused_constructs(yaml: &str) -> Result<(), YamlProblem> {
    let mut quote = Quote::None;
    let mut flow_depth = 0usize;
    // Indentation of the line that opened a block scalar (`|` or `>`);
    // lines indented deeper belong to the scalar.
    let mut block_scalar_parent: Option<usize> = None;
    let mut seen_content = false;

    for (index, line) in yaml.lines().enumerate() {
        let line_no = index + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim();

        if let Some(parent) = block_scalar_parent {
            if trimmed.is_empty() || indent > parent {
                continue;
            }
            block_scalar_parent = None;
        }

        if quote == Quote::None && flow_depth == 0 {
            if line.starts_with('%') {
                return Err(problem(YamlProblemKind::Directive, line_no, 1, "YAML directives are not allowed"));
            }
            let is_marker = |m: &str| line.starts_with(m) && line[3..].trim_start().is_empty() || line.starts_with(&format!("{m} "));
            if is_marker("...") || (is_marker("---") && seen_content) {
                return Err(problem(
                    YamlProblemKind::SeveralDocuments,
                    line_no,
                    1,
                    "a document marker ('---' or '...') inside the YAML starts another document",
                ));
            }
            if is_marker("---") {
                continue;
            }
        }
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            seen_content = true;
        }

        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut at_node_start = quote == Quote::None;
        let mut i = 0;
        while i < chars.len() {
            let (byte, c) = chars[i];
            // Counted only when reported: counting for every character is quadratic.
            let column = || line[..byte].chars().count() + 1;
            let next = chars.get(i + 1).map(|&(_, c)| c);
            match quote {
                Quote::Single => {
                    if c == '\'' {
                        if next == Some('\'') {
                            i += 1;
                        } else {
                            quote = Quote::None;
                        }
                    }
                    i += 1;
                    continue;
                }
                Quote::Double => {
                    if c == '\\' {
                        i += 1;
                    } else if c == '"' {
                        quote = Quote::None;
                    }
                    i += 1;
                    continue;
                }
                Quote::None => {}
            }
            let prev_is_space = i == 0 || chars[i - 1].1.is_whitespace();
            match c {
                ' ' | '\t' => {}
                '#' if prev_is_space => break,
                '\'' if at_node_start => {
                    quote = Quote::Single;
                    at_node_start = false;
                }
                '"' if at_node_start => {
                    quote = Quote::Double;
                    at_node_start = false;
                }
                '&' if at_node_start => {
                    return Err(problem(
                        YamlProblemKind::Anchor,
                        line_no,
                        column(),
                        "YAML anchors ('&name') are not allowed",
                    ));
                }
                '*' if at_node_start => {
                    return Err(problem(
                        YamlProblemKind::Alias,
                        line_no,
                        column(),
                        "YAML aliases ('*name') are not allowed",
                    ));
                }
                '!' if at_node_start => {
                    return Err(problem(
                        YamlProblemKind::Tag,
                        line_no,
                        column(),
                        "YAML tags ('!tag') are not allowed",
                    ));
                }
                '|' | '>' if at_node_start && flow_depth == 0 => {
                    block_scalar_parent = Some(indent);
                    break;
                }
                '[' | '{' if at_node_start || flow_depth > 0 => {
                    flow_depth += 1;
                    at_node_start = true;
                }
                ']' | '}' if flow_depth > 0 => {
                    flow_depth -= 1;
                    at_node_start = false;
                }
                ',' if flow_depth > 0 => at_node_start = true,
                '-' | '?' if at_node_start && matches!(next, None | Some(' ') | Some('\t')) => {}
                ':' if matches!(next, None | Some(' ') | Some('\t')) || (flow_depth > 0 && matches!(next, Some(',' | ']' | '}'))) => {
                    at_node_start = true;
                }
                _ => at_node_start = false,
            }
            i += 1;
        }
    }
    Ok(())
}

fn problem(kind: YamlProblemKind, line: usize, column: usize, message: &str) -> YamlProblem {
    YamlProblem {
        kind,
        line,
        column: Some(column),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(yaml: &str) -> Option<YamlProblemKind> {
        parse_value(yaml).err().map(|p| p.kind)
    }

    #[test]
    fn serde_s_words_become_the_language_s() {
        use crate::model::config::Language;
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Unit {
            id: String,
            name: String,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Units {
            units: Vec<Unit>,
        }
        let problem = parse_typed::<Units>("units:\n  - id: vp\n    nam: Văn phòng\n").unwrap_err();
        let vi = problem.text().text(Language::Vi);
        assert!(
            vi.contains("units[0]") && vi.contains("`nam`") && vi.contains("không có trường"),
            "{vi}"
        );
        let en = problem.text().text(Language::En);
        assert!(en.contains("unknown field `nam`"), "{en}");
        let problem = parse_typed::<Units>("units:\n  - id: vp\n").unwrap_err();
        assert!(problem.text().text(Language::Vi).contains("thiếu trường `name`"));
        let two = serde_message("TC-10: unknown field `x`, expected `points` or `note`").text(Language::Vi);
        assert!(two.ends_with("các trường hợp lệ: points, note"), "{two}");
        let odd = serde_message("something the parser said");
        assert!(odd.text(Language::Vi).contains("something the parser said"));
    }

    #[test]
    fn plain_front_matter_parses() {
        let yaml = "id: QT-07\ntitle: Tom & Jerry * 2 ! ok\nlinks: [BM-07-01, HD-03]\nnote: 'it''s & fine'\n";
        let value = parse_value(yaml).unwrap();
        assert_eq!(value["title"].as_str(), Some("Tom & Jerry * 2 ! ok"));
    }

    #[test]
    fn anchors_aliases_and_tags_are_refused_with_position() {
        let p = parse_value("a: &x [1, 2]\nb: *x\n").unwrap_err();
        assert_eq!((p.kind, p.line, p.column), (YamlProblemKind::Anchor, 1, Some(4)));
        assert_eq!(kind_of("a: [1, *x]\n"), Some(YamlProblemKind::Alias));
        assert_eq!(kind_of("a: !!str 5\n"), Some(YamlProblemKind::Tag));
        assert_eq!(kind_of("- !custom x\n"), Some(YamlProblemKind::Tag));
        assert_eq!(kind_of("%YAML 1.2\n---\na: 1\n"), Some(YamlProblemKind::Directive));
    }

    #[test]
    fn billion_laughs_is_refused_before_expansion() {
        let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (name, prev) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
            ("h", "g"),
            ("i", "h"),
        ] {
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        assert_eq!(kind_of(&bomb), Some(YamlProblemKind::Anchor));
    }

    #[test]
    fn indicators_inside_quotes_comments_and_block_scalars_are_text() {
        let yaml = "a: \"*not alias\"\nb: '&not anchor'\nc: x # *comment\nd: |\n  *bold* and &amp;\n  !important\ne: 1\n";
        assert!(parse_value(yaml).is_ok());
    }

    #[test]
    fn several_documents_are_refused() {
        assert_eq!(kind_of("a: 1\n---\nb: 2\n"), Some(YamlProblemKind::SeveralDocuments));
        assert_eq!(kind_of("a: 1\n...\nb: 2\n"), Some(YamlProblemKind::SeveralDocuments));
        assert!(parse_value("---\na: 1\n").is_ok(), "a leading marker is one document");
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let p = parse_value("a: 1\nb: [unclosed\nc: 2\n").unwrap_err();
        assert_eq!(p.kind, YamlProblemKind::Syntax);
        assert!(p.line >= 2, "line {}", p.line);
    }

    #[test]
    fn top_level_keys_have_lines() {
        let keys = top_level_key_lines("# c\nid: X\nlist:\n  - a\nstatus: draft\n\"a:b\": 1\n");
        assert_eq!(
            keys,
            vec![("id".into(), 2), ("list".into(), 3), ("status".into(), 5), ("a:b".into(), 6)]
        );
    }
}
