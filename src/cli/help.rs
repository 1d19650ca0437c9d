//! `--help` in Vietnamese. The English help is the doc comments of the
//! argument structs (clap's derive); the Vietnamese is a Fluent catalogue
//! (`i18n/messages/help-vi.ftl`) keyed by the command's path, laid over the
//! command tree before parsing. A unit test keeps the two in step: every
//! command and argument with English help has its Vietnamese, and no
//! Vietnamese entry names something that no longer exists.
//!
//! Keys: `qms-audit-close` is the command's one-line about,
//! `qms-audit-close-long` its long about, `qms-audit-close-examples` its
//! examples when they hold words to translate (else `Examples:` becomes
//! `Ví dụ:`), and `qms-audit-close--message` (`…-long`) an argument's help;
//! `args--sign` is the help of every `--sign` that has no entry of its own.

use clap::Command;

use crate::i18n;
use crate::model::config::Language;

/// The command tree with its help in `lang`.
pub(super) fn localize(mut command: Command, lang: Language) -> Command {
    if lang == Language::En {
        return command;
    }
    // Built first, so that the flags and the `help` subcommand clap adds are there to translate.
    command.build();
    localize_command(command, "qms")
}

fn localize_command(mut command: Command, path: &str) -> Command {
    let text = |suffix: &str| i18n::help_text(&format!("{path}{suffix}"));
    if let Some(about) = text("") {
        command = command.about(about);
    }
    if let Some(long) = text("-long") {
        command = command.long_about(long);
    }
    let examples = text("-examples").or_else(|| {
        command
            .get_after_help()
            .map(|after| after.to_string().replace("Examples:", layout("help-layout-examples")))
    });
    if let Some(examples) = examples {
        command = command.after_help(examples.clone()).after_long_help(examples);
    }
    command = command
        .help_template(template())
        .subcommand_help_heading(layout("help-layout-commands"))
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_string();
            let own = match id.as_str() {
                "help" | "version" => "qms".to_string(),
                _ if arg.is_global_set() => "qms".to_string(),
                _ => path.to_string(),
            };
            let heading = if arg.is_positional() {
                "help-layout-arguments"
            } else {
                "help-layout-options"
            };
            let mut arg = arg.help_heading(layout(heading));
            if let Some(help) = arg_text(&own, &id, "") {
                arg = arg.help(help);
            }
            if let Some(long) = arg_text(&own, &id, "-long") {
                arg = arg.long_help(long);
            }
            with_vietnamese_value_names(with_value_notes(arg))
        });
    let usage = command.render_usage().to_string();
    command = command.override_usage(vietnamese_usage(&usage));
    command.mut_subcommands(|sub| match sub.get_name() {
        "help" => localize_help_subcommand(sub, path),
        name => {
            let sub_path = format!("{path}-{name}");
            localize_command(sub, &sub_path)
        }
    })
}

/// clap's `help` subcommand: `qms audit help plan` shows the help of `qms
/// audit plan`, so each of its children takes its sibling's about line.
fn localize_help_subcommand(mut help: Command, parent: &str) -> Command {
    if let Some(about) = i18n::help_text(HELP_SUBCOMMAND) {
        help = help.about(about);
    }
    help.mut_subcommands(|child| {
        let about = match child.get_name() {
            "help" => i18n::help_text(HELP_SUBCOMMAND),
            name => i18n::help_text(&format!("{parent}-{name}")),
        };
        let child = localize_help_subcommand(child, &format!("{parent}-{}", "help"));
        match about {
            Some(about) => child.about(about),
            None => child,
        }
    })
}

const HELP_SUBCOMMAND: &str = "help-subcommand";

/// clap's `[default: …]` and `[possible values: …]` notes, in Vietnamese:
/// clap's own are hidden and the same facts written into the help text.
fn with_value_notes(arg: clap::Arg) -> clap::Arg {
    if !arg.get_action().takes_values() || arg.is_hide_set() {
        return arg;
    }
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("[{}: {}]", layout("help-layout-default"), defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!("[{}: {}]", layout("help-layout-values"), values.join(", ")));
    }
    if notes.is_empty() {
        return arg;
    }
    let notes = notes.join(" ");
    let help = arg.get_help().map(|h| format!("{h} {notes}")).unwrap_or_else(|| notes.clone());
    let long = arg.get_long_help().map(|h| format!("{h}\n\n{notes}"));
    let arg = arg.hide_default_value(true).hide_possible_values(true).help(help);
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// A usage line as clap renders it, with its English prefix and generic
/// placeholders in Vietnamese (value names are translated on the arguments).
fn vietnamese_usage(rendered: &str) -> String {
    let usage = rendered.strip_prefix("Usage: ").unwrap_or(rendered);
    usage
        .replace("[OPTIONS]", &format!("[{}]", layout("help-layout-options-placeholder")))
        .replace("<COMMAND>", &format!("<{}>", layout("help-layout-command-placeholder")))
        .replace("[COMMAND]", &format!("[{}]", layout("help-layout-command-placeholder")))
}

/// `<DIR>` as `<THƯ_MỤC>`: each upper-case value name (parts of
/// `TEXT|OWNER|DUE` one by one) through its `value-NAME` entry. Lower-case
/// names such as `yes|no` are literal values the user types, and stay.
fn with_vietnamese_value_names(arg: clap::Arg) -> clap::Arg {
    let Some(names) = arg.get_value_names().filter(|_| arg.get_action().takes_values()) else {
        return arg;
    };
    let names: Vec<String> = names.iter().map(|name| vietnamese_value_name(name.as_str())).collect();
    arg.value_names(names)
}

fn vietnamese_value_name(name: &str) -> String {
    name.split('|')
        .map(|part| match i18n::help_text(&value_key(part)) {
            Some(vietnamese) if part.chars().all(|c| c.is_ascii_uppercase() || c == '_') => vietnamese,
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn value_key(name: &str) -> String {
    format!("value-{name}")
}

/// A word of clap's layout (headings, notes, placeholders) in Vietnamese.
/// The layout is laid over every argument of every command before each
/// run's parsing, so the words are formatted once, not once per argument.
fn layout(id: &'static str) -> &'static str {
    static WORDS: std::sync::OnceLock<std::collections::HashMap<&'static str, String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            LAYOUT_IDS
                .iter()
                .map(|id| (*id, i18n::help_text(id).unwrap_or_else(|| id.to_string())))
                .collect()
        })
        .get(id)
        .map_or(id, String::as_str)
}

/// An argument's help: its command's own entry, else the shared one.
fn arg_text(path: &str, id: &str, suffix: &str) -> Option<String> {
    i18n::help_text(&format!("{path}--{id}{suffix}")).or_else(|| i18n::help_text(&format!("args--{id}{suffix}")))
}

/// clap's layout with the headings in Vietnamese.
fn template() -> &'static str {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            layout("help-layout-usage")
        )
    })
}

/// The catalogue's entries for clap's layout, which no command owns.
const LAYOUT_IDS: &[&str] = &[
    "help-layout-usage",
    "help-layout-commands",
    "help-layout-arguments",
    "help-layout-options",
    "help-layout-examples",
    "help-layout-default",
    "help-layout-values",
    "help-layout-options-placeholder",
    "help-layout-command-placeholder",
];

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every text the English command tree has: its key, the shared key
    /// that may stand in for it (arguments), and the English.
    fn needed() -> Vec<(String, Option<String>, String)> {
        fn walk(command: &Command, path: &str, out: &mut Vec<(String, Option<String>, String)>) {
            let mut add = |key: String, shared: Option<String>, text: String| {
                if !text.trim().is_empty() {
                    out.push((key, shared, text));
                }
            };
            if let Some(about) = command.get_about() {
                add(path.to_string(), None, about.to_string());
            }
            if let Some(long) = command.get_long_about() {
                add(format!("{path}-long"), None, long.to_string());
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                let global = arg.is_global_set() || id == "help" || id == "version";
                if global && path != "qms" {
                    continue;
                }
                if let Some(help) = arg.get_help() {
                    add(format!("{path}--{id}"), Some(format!("args--{id}")), help.to_string());
                }
                if let Some(long) = arg.get_long_help() {
                    add(format!("{path}--{id}-long"), Some(format!("args--{id}-long")), long.to_string());
                }
            }
            for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(sub, &format!("{path}-{}", sub.get_name()), out);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut out = vec![(
            HELP_SUBCOMMAND.to_string(),
            None,
            "Print this message or the help of the given subcommand(s)".to_string(),
        )];
        walk(&command, "qms", &mut out);
        out
    }

    #[test]
    fn every_command_and_argument_has_its_vietnamese_help_and_no_entry_is_stale() {
        let needed = needed();
        let has = |key: &str| i18n::help_text(key).is_some();
        let missing: Vec<String> = needed
            .iter()
            .filter(|(key, shared, _)| !has(key) && !shared.as_deref().is_some_and(has))
            .map(|(key, _, english)| format!("{key} = {english}"))
            .collect();
        assert!(
            missing.is_empty(),
            "no Vietnamese help for {} key(s):\n{}",
            missing.len(),
            missing.join("\n")
        );
        let known: Vec<&str> = needed
            .iter()
            .flat_map(|(key, shared, _)| std::iter::once(key.as_str()).chain(shared.as_deref()))
            .collect();
        let commands: Vec<&str> = needed
            .iter()
            .map(|(key, _, _)| key.as_str())
            .filter(|k| !k.contains("--"))
            .collect();
        let value_keys: Vec<String> = value_names().iter().map(|name| value_key(name)).collect();
        let stale: Vec<String> = i18n::help_ids()
            .into_iter()
            .filter(|id| {
                let examples_of = id.strip_suffix("-examples");
                !known.contains(&id.as_str())
                    && !examples_of.is_some_and(|c| commands.contains(&c))
                    && !LAYOUT_IDS.contains(&id.as_str())
                    && !value_keys.contains(id)
            })
            .collect();
        assert!(stale.is_empty(), "Vietnamese help for nothing: {stale:?}");
    }

    /// The upper-case value names of the English tree, part by part.
    fn value_names() -> Vec<String> {
        fn walk(command: &Command, out: &mut Vec<String>) {
            for arg in command.get_arguments().filter(|arg| arg.get_action().takes_values()) {
                for name in arg.get_value_names().unwrap_or_default() {
                    out.extend(
                        name.split('|')
                            .filter(|part| part.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                            .map(str::to_string),
                    );
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, out);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut out = Vec::new();
        walk(&command, &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_value_name_and_layout_word_has_its_vietnamese() {
        let missing: Vec<String> = value_names()
            .iter()
            .map(|name| value_key(name))
            .chain(LAYOUT_IDS.iter().map(|id| id.to_string()))
            .filter(|key| i18n::help_text(key).is_none())
            .collect();
        assert!(missing.is_empty(), "no Vietnamese for: {missing:?}");
    }

    /// Help that teaches says what every argument is for.
    #[test]
    fn every_argument_says_what_it_is_for() {
        fn walk(command: &Command, path: &str, silent: &mut Vec<String>) {
            for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    silent.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
                walk(sub, &format!("{path} {}", sub.get_name()), silent);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut silent = Vec::new();
        walk(&command, "qms", &mut silent);
        assert!(silent.is_empty(), "arguments without help: {silent:?}");
    }

    #[test]
    fn vietnamese_help_reads_vietnamese() {
        let mut command = localize(Cli::command(), Language::Vi);
        let help = command.render_long_help().to_string();
        assert!(
            help.contains("Cách dùng: qms") && help.contains("Lệnh:") && help.contains("Tùy chọn:"),
            "{help}"
        );
        let check = command.find_subcommand_mut("check").unwrap().render_long_help().to_string();
        assert!(check.contains("Ví dụ:") && check.contains("Kiểm tra"), "{check}");
        let show = command.find_subcommand_mut("show").unwrap().render_long_help().to_string();
        assert!(show.contains("<MÃ>") && !show.contains("<ID>"), "{show}");
    }
}
