//! The command line: one file per subcommand, each with a `clap::Args`
//! struct (its doc comments are the help text) and a `run` function.

mod ack;
mod approve;
mod assess;
mod audit;
mod build;
mod check;
mod clauses;
mod completions;
mod declare;
mod demo;
mod diagnose;
mod diff;
mod export;
mod help;
mod hook;
mod import;
mod init;
mod issue_number;
mod legal;
mod list;
mod log;
mod management_review;
mod nc;
mod new;
mod objectives;
pub(crate) mod output;
mod parse_error;
mod report;
mod review;
mod risks;
mod search;
mod serve;
mod show;
mod status;
mod step;
mod submit;
mod sync;
mod templates;
mod tthc;
mod verify;
mod withdraw;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::model::config::Language;
use crate::workspace::Workspace;

/// How a command ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: done, nothing to report.
    Success,
    /// 1: the command ran and found problems.
    Findings,
    /// 2: a usage error, or the tool could not do its job.
    Failure,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Success => 0,
            Outcome::Findings => 1,
            Outcome::Failure => 2,
        })
    }
}

const AFTER_HELP: &str = "\
Examples:
  qms init uy-ban-xa --profile commune      create a starter QMS for a commune
  qms -C uy-ban-xa check                    validate every document
  qms list --type procedure                 the register of processes
  qms search \"dang ky khai sinh\"            find text, with or without diacritics

Exit codes: 0 success, 1 problems found, 2 usage error or failure.
Environment: QMS_USER (acting person), QMS_TIMESTAMP (fixed clock), NO_COLOR.";

/// qms — an electronic ISO system (hệ thống ISO điện tử) for TCVN ISO 9001:2015.
///
/// Documents are Markdown files with YAML front-matter in a git repository;
/// review and approval are commits. qms validates the set, lists and searches
/// it, and scaffolds new documents and whole repositories. The year's records
/// live beside them: internal audits, nonconformities, measured objectives,
/// risks, management review, and the superior agency's assessment.
#[derive(Parser, Debug)]
#[command(name = "qms", version, after_help = AFTER_HELP, propagate_version = true)]
pub(crate) struct Cli {
    // The global options take display orders after every command's own
    // (which count from 0), so that a subcommand's help lists its own first.
    /// Run as if qms was started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR", display_order = 100)]
    pub directory: Option<PathBuf>,

    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, display_order = 101)]
    pub color: ColorChoice,

    /// Print less (only errors and results).
    #[arg(short, long, global = true, display_order = 102)]
    pub quiet: bool,

    /// Print more about what is being done.
    #[arg(short, long, global = true, display_order = 103)]
    pub verbose: bool,

    /// Language of labels, messages, reports and the records a command writes (default: `language` in qms.yaml).
    #[arg(long, global = true, value_enum, display_order = 104)]
    pub lang: Option<Language>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    Init(init::Args),
    New(new::Args),
    List(list::Args),
    Show(show::Args),
    Search(search::Args),
    Check(check::Args),
    Submit(submit::Args),
    Review(review::Args),
    Approve(approve::Args),
    Withdraw(withdraw::Args),
    Ack(ack::Args),
    Status(status::Args),
    Log(log::Args),
    Diff(diff::Args),
    Verify(verify::Args),
    Sync(sync::Args),
    Build(build::Args),
    Serve(serve::Args),
    Demo(demo::Args),
    Tthc(tthc::Args),
    Export(export::Args),
    Import(import::Args),
    Legal(legal::Args),
    Hook(hook::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
    Templates(templates::Args),
    Clauses(clauses::Args),
    Nc(nc::Args),
    Objectives(objectives::Args),
    Risks(risks::Args),
    ManagementReview(management_review::Args),
    Assess(assess::Args),
    Declare(declare::Args),
    IssueNumber(issue_number::Args),
    Report(report::Args),
    Diagnose(diagnose::Args),
    Audit(audit::Args),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What every command may need from the global options.
pub(crate) struct Global {
    pub dir: PathBuf,
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub lang: Option<Language>,
}

impl Global {
    pub(crate) fn workspace(&self) -> Result<Workspace> {
        Workspace::discover(&self.dir)
    }

    /// The language to speak: `--lang`, else the repository's.
    pub(crate) fn lang_for(&self, workspace: &Workspace) -> Language {
        self.lang.unwrap_or(workspace.config.language)
    }

    /// The language to speak where there is no repository: `--lang`, else
    /// the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Vietnamese.
    pub(crate) fn lang_outside_repository(&self) -> Language {
        self.lang.unwrap_or_else(|| {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
            Language::from_locale(locale.as_deref()).unwrap_or(Language::Vi)
        })
    }

    /// The language of the whole command: `--lang`, else the language of
    /// the repository the command runs in, else the locale's.
    fn language(&self) -> Language {
        if let Some(lang) = self.lang {
            return lang;
        }
        crate::workspace::find_root(&self.dir)
            .ok()
            .and_then(|root| crate::workspace::configured_language(&root))
            .unwrap_or_else(|| self.lang_outside_repository())
    }

    /// Prints a progress or status line on stderr unless `--quiet`.
    pub(crate) fn status(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// Prints, on stderr unless `--quiet`, something the user should know
    /// about the result (it is partial, or not what they may expect).
    pub(crate) fn warning(&self, message: impl std::fmt::Display) {
        self.status(format_args!("qms: {message}"));
    }

    /// A progress bar on stderr for `len` steps of `what`, hidden with
    /// `--quiet` or when stderr is not a terminal (CI logs, pipes).
    pub(crate) fn progress(&self, len: usize, what: &'static str) -> indicatif::ProgressBar {
        use std::io::IsTerminal;
        if self.quiet || !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what);
        bar
    }

    /// Prints on stderr, even with `--quiet`, what must not go unseen: why
    /// something was refused or left out.
    pub(crate) fn notice(&self, message: impl std::fmt::Display) {
        eprintln!("{message}");
    }
}

/// Leaves what a command built to the operating system instead of freeing
/// it piece by piece: the process ends right after, and freeing a province's
/// history (30,000 events) and git caches took a tenth of a second.
pub(crate) fn leave_for_exit<T>(value: T) {
    std::mem::forget(value);
}

/// The language `--lang` names (`--lang vi`, `--lang=en`), else that of
/// the repository `-C DIR` (or the current folder) is in, else the locale's.
fn language_of_arguments(args: &[std::ffi::OsString]) -> Language {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let value_of = |long: &str, short: Option<&str>| {
        args.iter().enumerate().find_map(|(i, arg)| {
            if let Some(value) = arg.strip_prefix(&format!("{long}=")) {
                return Some(value.to_string());
            }
            if arg == long || short.is_some_and(|s| arg == s) {
                return args.get(i + 1).cloned();
            }
            short
                .and_then(|s| arg.strip_prefix(s))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        })
    };
    let global = Global {
        dir: value_of("--directory", Some("-C")).map_or_else(|| PathBuf::from("."), PathBuf::from),
        color: false,
        quiet: true,
        verbose: false,
        lang: value_of("--lang", None).and_then(|code| Language::from_locale(Some(&code))),
    };
    global.language()
}

/// Parses the command line and runs the command.
pub fn run() -> Result<Outcome> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The help and clap's own errors are shown before the arguments are
    // parsed, so the language is read from them by hand.
    let lang = language_of_arguments(&args);
    crate::i18n::set_language(lang);
    let parsed = help::localize(Cli::command(), lang)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version go out as clap wrote them (already localized);
        // a mistake on the command line is worded by the catalogue.
        Err(e) if e.use_stderr() => {
            let _ = e.apply::<parse_error::CatalogueErrors>().print();
            return Ok(Outcome::Failure);
        }
        Err(e) => {
            let _ = e.print();
            return Ok(Outcome::Success);
        }
    };
    let global = Global {
        dir: cli.directory.clone().unwrap_or_else(|| PathBuf::from(".")),
        color: output::use_color(cli.color),
        quiet: cli.quiet,
        verbose: cli.verbose,
        lang: cli.lang,
    };
    // Messages inside errors and findings are shown in this language
    // wherever they are printed.
    crate::i18n::set_language(global.language());
    match cli.command {
        Command::Init(args) => init::run(&global, args),
        Command::New(args) => new::run(&global, args),
        Command::List(args) => list::run(&global, args),
        Command::Show(args) => show::run(&global, args),
        Command::Search(args) => search::run(&global, args),
        Command::Check(args) => check::run(&global, args),
        Command::Submit(args) => submit::run(&global, args),
        Command::Review(args) => review::run(&global, args),
        Command::Approve(args) => approve::run(&global, args),
        Command::Withdraw(args) => withdraw::run(&global, args),
        Command::Ack(args) => ack::run(&global, args),
        Command::Status(args) => status::run(&global, args),
        Command::Log(args) => log::run(&global, args),
        Command::Diff(args) => diff::run(&global, args),
        Command::Verify(args) => verify::run(&global, args),
        Command::Build(args) => build::run(&global, args),
        Command::Serve(args) => serve::run(&global, args),
        Command::Sync(args) => sync::run(&global, args),
        Command::Demo(args) => demo::run(&global, args),
        Command::Tthc(args) => tthc::run(&global, args),
        Command::Export(args) => export::run(&global, args),
        Command::Import(args) => import::run(&global, args),
        Command::Legal(args) => legal::run(&global, args),
        Command::Hook(args) => hook::run(&global, args),
        Command::Completions(args) => completions::run(&global, args),
        Command::Man(args) => completions::run_man(&global, args),
        Command::Templates(args) => templates::run(&global, args),
        Command::Clauses(args) => clauses::run(&global, args),
        Command::Nc(args) => nc::run(&global, args),
        Command::Objectives(args) => objectives::run(&global, args),
        Command::Risks(args) => risks::run(&global, args),
        Command::ManagementReview(args) => management_review::run(&global, args),
        Command::Assess(args) => assess::run(&global, args),
        Command::Declare(args) => declare::run(&global, args),
        Command::IssueNumber(args) => issue_number::run(&global, args),
        Command::Report(args) => report::run(&global, args),
        Command::Diagnose(args) => diagnose::run(&global, args),
        Command::Audit(args) => audit::run(&global, args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command and subcommand teaches by example: its help ends with
    /// an `Examples:` block of `qms …` lines.
    #[test]
    fn every_command_help_ends_with_an_example() {
        fn walk(command: &mut clap::Command, path: String, missing: &mut Vec<String>) {
            let help = command.render_long_help().to_string();
            let examples = help.split("Examples:").nth(1).unwrap_or_default();
            if !examples.lines().any(|l| l.trim_start().starts_with("qms ") || l.contains(" qms ")) {
                missing.push(path.clone());
            }
            for sub in command.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let name = sub.get_name().to_string();
                walk(sub, format!("{path} {name}"), missing);
            }
        }
        let mut missing = Vec::new();
        let mut root = Cli::command();
        root.build();
        for sub in root.get_subcommands_mut().filter(|s| s.get_name() != "help") {
            let name = sub.get_name().to_string();
            walk(sub, format!("qms {name}"), &mut missing);
        }
        assert!(missing.is_empty(), "no example in the help of: {missing:#?}");
    }
}
