//! The data `qms` works on: documents, configuration, the signer policy, the
//! TTHC catalogue and the ISO 9001 clause catalogue. Everything here parses
//! strings; reading files is the workspace's job.

pub(crate) mod administrative;
pub(crate) mod catalog;
pub(crate) mod clauses;
pub(crate) mod config;
pub(crate) mod document;
pub(crate) mod front_matter;
pub(crate) mod id;
pub(crate) mod keys;
pub(crate) mod legal;
pub(crate) mod numbering;
pub(crate) mod objective;
pub(crate) mod period;
pub(crate) mod record;
pub(crate) mod signers;
pub(crate) mod time_limit;
pub(crate) mod yaml;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::finding::{Finding, Rule};

/// Parses a configuration-like YAML file into `T`, turning any problem into a
/// finding that names the file, line and field.
pub(crate) fn load_yaml_file<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Finding> {
    let text = crate::text::to_nfc(text);
    yaml::parse_typed(&text).map_err(|problem| {
        Finding::new(Rule::Config, path, problem.text())
            .at(problem.line)
            .col(problem.column)
            .hint(problem.hint())
    })
}

/// 1-based line of the `nth` line holding `value` as a YAML value (after `: `,
/// `- `, or inside a flow list). Used to point configuration findings at a line.
/// The lines of every token of a YAML text (runs of letters, digits, `-`,
/// `_` and `.`), built once: [`line_of_value`] for many values without
/// reading the text again for each (a catalogue of 100,000 procedures).
pub(crate) struct ValueLines<'t> {
    lines: std::collections::HashMap<&'t str, Vec<usize>>,
}

impl<'t> ValueLines<'t> {
    pub(crate) fn new(text: &'t str) -> ValueLines<'t> {
        let mut lines: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        let is_token = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
        for (number, line) in text.lines().enumerate() {
            for token in line.split(|c: char| !is_token(c)).filter(|t| !t.is_empty()) {
                let seen = lines.entry(token).or_default();
                if seen.last() != Some(&(number + 1)) {
                    seen.push(number + 1);
                }
            }
        }
        ValueLines { lines }
    }

    /// The line of the `nth` (1-based) line holding `value` as a whole
    /// token; 1 when there is none.
    pub(crate) fn line(&self, value: &str, nth: usize) -> usize {
        self.lines
            .get(value)
            .and_then(|lines| lines.get(nth.saturating_sub(1)))
            .copied()
            .unwrap_or(1)
    }
}

pub(crate) fn line_of_value(text: &str, value: &str, nth: usize) -> usize {
    let is_token_boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'));
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices(value)
                .any(|(i, _)| is_token_boundary(line[..i].chars().next_back()) && is_token_boundary(line[i + value.len()..].chars().next()))
        })
        .nth(nth.saturating_sub(1))
        .map(|(i, _)| i + 1)
        .unwrap_or(1)
}
