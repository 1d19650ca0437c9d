//! The data `qms` works on: documents, configuration, the signer policy, the
//! TTHC catalogue and the ISO 9001 clause catalogue. Everything here parses
//! strings; reading files is the workspace's job.

pub mod catalog;
pub mod clauses;
pub mod config;
pub mod document;
pub mod front_matter;
pub mod id;
pub mod numbering;
pub mod objective;
pub mod period;
pub mod record;
pub mod signers;
pub mod yaml;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::finding::{Finding, Rule};

/// Parses a configuration-like YAML file into `T`, turning any problem into a
/// finding that names the file, line and field.
pub(crate) fn load_yaml_file<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Finding> {
    let text = crate::text::to_nfc(text);
    yaml::parse_typed(&text).map_err(|problem| {
        Finding::new(Rule::Config, path, problem.message.clone())
            .at(problem.line)
            .col(problem.column)
            .hint(problem.hint())
    })
}

/// 1-based line of the `nth` line holding `value` as a YAML value (after `: `,
/// `- `, or inside a flow list). Used to point configuration findings at a line.
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
