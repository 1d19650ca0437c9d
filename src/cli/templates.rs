//! `qms templates`

use anyhow::Result;
use clap::Subcommand;

use super::{Global, Outcome};
use crate::i18n::Msg;
use crate::render::templates;
use crate::workspace::TEMPLATES_DIR;

/// Work with the templates `qms new` uses.
///
/// The templates are built in. A file of the same name under the repository's
/// templates/ folder replaces a built-in one; `eject` writes the built-in
/// templates there to start from.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  qms templates eject\n  qms templates list")]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

#[derive(Subcommand, Debug)]
pub(crate) enum TemplatesCommand {
    /// Write the built-in templates into templates/ for editing (existing files are kept).
    #[command(after_help = "Examples:\n  qms templates eject\n  qms templates eject --force")]
    Eject {
        /// Overwrite templates that already exist.
        #[arg(long)]
        force: bool,
    },
    /// List the templates that can be overridden, and which ones are.
    #[command(after_help = "Examples:\n  qms templates list")]
    List,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let dir = workspace.root.join(TEMPLATES_DIR);
    match args.command {
        TemplatesCommand::Eject { force } => {
            let written = templates::eject(&dir, force)?;
            for path in &written {
                super::output::print(&workspace.relative(path).display().to_string())?;
            }
            global.status(
                Msg::new("status-templates-written")
                    .num("count", written.len() as f64)
                    .arg("path", dir.display()),
            );
        }
        TemplatesCommand::List => {
            for (name, _) in templates::embedded() {
                if templates::OVERRIDABLE.iter().any(|p| name.starts_with(&format!("{p}/"))) {
                    let marker = if dir.join(&name).is_file() { "  (overridden)" } else { "" };
                    super::output::print(&format!("{name}{marker}"))?;
                }
            }
        }
    }
    Ok(Outcome::Success)
}
