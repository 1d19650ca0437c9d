//! `qms demo`

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;

use super::{Global, Outcome};
use crate::handbook::{self, BuildOptions};
use crate::i18n::Msg;
use crate::model::config::Language;

/// Build the bundled example agency with a realistic history, and publish its handbook.
///
/// Creates DIR (default: qms-demo) as a git repository holding the example
/// People's Committee of a commune — its configuration, signer policy,
/// catalogue of administrative procedures and 36 documents — with ten months
/// of history by several people: submissions, a rejected review and its
/// correction, approvals, second issues, acknowledgements, a withdrawn
/// instruction and a plan still under review. Then builds the handbook into
/// DIR/public and prints where to open it. Afterwards every other command
/// works on it: `qms -C DIR list`, `status`, `log QT-07`, `verify`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  qms demo\n  qms demo /tmp/ubnd-hoa-binh && qms -C /tmp/ubnd-hoa-binh log QT-07\n  qms demo --synthetic 10000 --seed 7 /tmp/tinh   a corpus for benchmarks\n  qms demo --units 3300 /tmp/ca-nuoc && qms assess --units /tmp/ca-nuoc/units.yaml"
)]
pub(crate) struct Args {
    /// Folder to create (must not exist, or be empty).
    pub dir: Option<PathBuf>,

    /// Instead of the example, generate a large corpus of N documents with
    /// about three action commits each (for benchmarks); no handbook is built.
    #[arg(long, value_name = "N")]
    pub synthetic: Option<usize>,

    /// Instead of the example, generate N small, varied unit repositories
    /// (communes and wards of the 34 provinces, one in fifty unreadable) and
    /// the units.yaml that `qms assess --units` rolls them up from.
    #[arg(long, value_name = "N", conflicts_with = "synthetic")]
    pub units: Option<usize>,

    /// Seed of the synthetic corpus or units: the same N and seed give the same commits.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let dir = global.dir.join(args.dir.unwrap_or_else(|| PathBuf::from("qms-demo")));
    let started = Instant::now();
    if let Some(documents) = args.synthetic {
        let summary = crate::scaffold::synthetic::create(&dir, documents, args.seed)?;
        global.status(
            Msg::new("status-synthetic")
                .arg("path", dir.display())
                .num("documents", summary.documents as f64)
                .num("commits", summary.commits as f64)
                .num("seconds", started.elapsed().as_secs_f64()),
        );
        return Ok(Outcome::Success);
    }
    if let Some(units) = args.units {
        let summary = crate::scaffold::units::create(&dir, units, args.seed)?;
        global.status(
            Msg::new("status-synthetic-units")
                .arg("path", dir.join("units.yaml").display())
                .num("units", summary.units as f64)
                .num("unreadable", summary.unreadable as f64)
                .num("seconds", started.elapsed().as_secs_f64()),
        );
        return Ok(Outcome::Success);
    }
    let steps = crate::scaffold::demo::create(&dir)?;
    let out = dir.join("public");
    let summary = handbook::build(
        &dir,
        &BuildOptions {
            out: out.clone(),
            drafts: false,
            lang: global.lang.unwrap_or(Language::Vi),
            links_must_resolve: true,
            latest_text: false,
        },
        &|_, _| {},
    )?;
    global.status(
        Msg::new("status-demo")
            .arg("path", dir.display())
            .num("commits", (steps + 1) as f64)
            .num("documents", summary.documents as f64)
            .num("seconds", started.elapsed().as_secs_f64()),
    );
    super::output::print(&format!("{}", out.join("index.html").display()))?;
    Ok(Outcome::Success)
}
