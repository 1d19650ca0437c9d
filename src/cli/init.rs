//! `qms init`

use std::path::PathBuf;

use anyhow::Result;

use super::{Global, Outcome};
use crate::i18n;
use crate::model::config::Language;
use crate::scaffold::init::{self, InitOptions};
use crate::scaffold::profile::ProfileName;

/// Create a QMS repository with a complete starter document set.
///
/// Writes qms.yaml, the signer policy (.qms/signers.yaml), a sample catalogue
/// of administrative procedures (catalog/tthc.yaml) and the starter documents:
/// quality manual with the scope, quality policy, quality objectives, the
/// system processes (document control, internal audit, nonconformity and
/// corrective action, management review, risks, one-stop desk) with their
/// forms, and one process per administrative procedure of the profile. All of
/// it is committed in one commit; the result passes `qms check`.
///
/// DIR is created when missing. An existing git repository is adopted: its
/// history is kept and nothing but the new files goes into the commit. A folder
/// that already holds a qms.yaml is refused.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms init ubnd-hoa-binh --profile commune --org \"Ủy ban nhân dân xã Hòa Bình\" --superior \"Ủy ban nhân dân tỉnh An Phước\"
  qms init so-tu-phap --profile department --org \"Sở Tư pháp tỉnh An Phước\"
  qms --lang en init demo-ministry --profile ministry")]
pub(crate) struct Args {
    /// Folder for the repository (default: the current folder).
    pub dir: Option<PathBuf>,

    /// The kind of agency, which sets the units, people and sample procedures.
    #[arg(long, value_enum, default_value_t = ProfileName::Commune)]
    pub profile: ProfileName,

    /// The organisation's name (default: the profile's sample name).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,

    /// The superior agency's name, as administrative documents print it
    /// (e.g. "Ủy ban nhân dân tỉnh An Phước"; default: the profile's sample).
    #[arg(long, value_name = "NAME")]
    pub superior: Option<String>,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let dir = match &args.dir {
        Some(dir) => global.dir.join(dir),
        None => global.dir.clone(),
    };
    let lang = global.lang.unwrap_or(Language::Vi);
    if let Some(notice) = args.profile.notice() {
        global.notice(notice.text(lang));
    }
    let now = crate::clock::now()?;
    let files = init::plan(
        &InitOptions {
            profile: args.profile,
            lang,
            org: args.org.clone(),
            superior: args.superior.clone(),
        },
        now.date(),
    )?;
    let message = i18n::label(lang, "label-qms-initialise-the-quality-management-system");
    let written = init::write(&dir, &files, message, &now)?;
    global.status(format!(
        "{} {} ({} {}, commit {})",
        i18n::label(lang, "label-created-a-qms-in"),
        dir.display(),
        written.files,
        i18n::label(lang, "label-files"),
        &written.commit[..12.min(written.commit.len())],
    ));
    global.status(i18n::label(lang, "label-next-adapt-qms-yaml-and-qms"));
    Ok(Outcome::Success)
}
