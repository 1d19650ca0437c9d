//! clap's errors for a mistyped command line, worded by the catalogue: clap
//! hands over what went wrong as data (the error's kind and context: the
//! argument, the value, the suggestion), and [`CatalogueErrors`] writes the
//! sentence in the command's language, so that a Vietnamese user reads
//! `lỗi: không có lệnh 'chekc'` and the suggestion, not clap's English.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

use crate::i18n::Msg;
use crate::msg;

/// clap's [`ErrorFormatter`] that words errors through the catalogue.
pub(super) struct CatalogueErrors;

impl ErrorFormatter for CatalogueErrors {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let mut text = format!("{}\n", msg!("usage-error", message = problem(error)));
        for suggestion in suggestions(error) {
            text.push_str(&format!("\n  {}\n", msg!("usage-suggestion", value = suggestion)));
        }
        if let Some(usage) = context_text(error, ContextKind::Usage) {
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
            text.push_str(&format!("\n{}\n", msg!("usage-usage", usage = usage)));
        }
        text.push_str(&format!("\n{}\n", Msg::new("usage-more")));
        StyledStr::from(text)
    }
}

/// What is wrong, in one sentence.
fn problem(error: &clap::error::Error<CatalogueErrors>) -> Msg {
    let one = |kind| context_text(error, kind).unwrap_or_default();
    let arg = one(ContextKind::InvalidArg);
    let value = one(ContextKind::InvalidValue);
    let count = |kind| match error.get(kind) {
        Some(ContextValue::Number(n)) => *n as f64,
        _ => 0.0,
    };
    match error.kind() {
        ErrorKind::InvalidSubcommand => msg!("usage-unknown-subcommand", value = one(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => msg!("usage-unknown-argument", value = arg),
        ErrorKind::InvalidValue if value.is_empty() => msg!("usage-value-required", arg = arg),
        ErrorKind::InvalidValue => with_values(
            msg!("usage-invalid-value", value = value, arg = arg),
            error.get(ContextKind::ValidValue),
        ),
        ErrorKind::ValueValidation => msg!("usage-invalid-value", value = value, arg = arg),
        ErrorKind::MissingRequiredArgument => msg!("usage-missing-required", args = arg),
        ErrorKind::MissingSubcommand => with_values(
            msg!("usage-missing-subcommand", command = one(ContextKind::InvalidSubcommand)),
            error.get(ContextKind::ValidSubcommand),
        ),
        ErrorKind::ArgumentConflict => {
            let other = one(ContextKind::PriorArg);
            if other.is_empty() || other == arg {
                msg!("usage-repeated", arg = arg)
            } else {
                msg!("usage-conflict", arg = arg, other = other)
            }
        }
        ErrorKind::TooManyValues => msg!("usage-too-many-values", value = value, arg = arg),
        // clap names the count wanted MinValues for one, ExpectedNumValues
        // for the other; each error carries only its own.
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => Msg::new("usage-too-few-values")
            .arg("arg", &arg)
            .num("expected", count(ContextKind::MinValues).max(count(ContextKind::ExpectedNumValues)))
            .num("actual", count(ContextKind::ActualNumValues)),
        ErrorKind::NoEquals => msg!("usage-no-equals", arg = arg),
        ErrorKind::InvalidUtf8 => Msg::new("usage-invalid-utf8"),
        _ => Msg::new("usage-other"),
    }
}

/// `message` followed by the values clap would have accepted.
fn with_values(message: Msg, values: Option<&ContextValue>) -> Msg {
    match values {
        Some(ContextValue::Strings(values)) if !values.is_empty() => {
            Msg::joined(vec![message, msg!("usage-accepted", values = values.join(", "))], "; ")
        }
        _ => message,
    }
}

/// What clap suggests instead (a similar command, argument or value).
fn suggestions(error: &clap::error::Error<CatalogueErrors>) -> Vec<String> {
    [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .filter_map(|kind| error.get(kind))
    .flat_map(|value| match value {
        ContextValue::String(one) => vec![one.clone()],
        ContextValue::Strings(many) => many.clone(),
        _ => Vec::new(),
    })
    .collect()
}

/// A context value as plain text; a list is joined with commas.
fn context_text(error: &clap::error::Error<CatalogueErrors>, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
