//! The superior agency's overview: many units' repositories assessed against
//! one criteria table, in parallel, read-only.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Assessment, CriteriaTable, ManualScores, assess_repository};
use crate::model::config::Language;
use crate::msg;
use crate::repo::DocRepo;
use crate::workspace::{Workspace, find_root};

/// `units.yaml`: the units the superior agency oversees.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitsFile {
    pub units: Vec<UnitSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitSource {
    /// Short id, used for the feedback file name (default: from the path or URL).
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    /// The province (or ministry, department) the unit belongs to: the
    /// overview is grouped by it when given.
    #[serde(default)]
    pub province: Option<String>,
    /// A local repository, relative to the units file.
    #[serde(default)]
    pub path: Option<PathBuf>,
    /// A remote repository, mirrored read-only under the cache folder.
    #[serde(default)]
    pub url: Option<String>,
}

impl UnitSource {
    pub(crate) fn slug(&self) -> String {
        let from_location = || {
            let location = self
                .url
                .clone()
                .or_else(|| self.path.as_ref().map(|p| p.to_string_lossy().into_owned()))
                .unwrap_or_default();
            let last = location.trim_end_matches('/').rsplit(['/', '\\', ':']).next().unwrap_or_default();
            last.trim_end_matches(".git").to_string()
        };
        let raw = self.id.clone().unwrap_or_else(from_location);
        let slug: String = raw
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if slug.is_empty() { "unit".into() } else { slug }
    }
}

pub(crate) fn parse_units(path: &Path, text: &str) -> Result<UnitsFile> {
    let file: UnitsFile = crate::model::load_yaml_file(path, text).map_err(|f| anyhow!("{f}"))?;
    for (i, unit) in file.units.iter().enumerate() {
        if unit.path.is_some() == unit.url.is_some() {
            anyhow::bail!(msg!("error-unit-source", path = path.display(), number = i + 1, name = &unit.name,));
        }
    }
    let mut slugs: Vec<String> = file.units.iter().map(UnitSource::slug).collect();
    slugs.sort();
    if let Some(pair) = slugs.windows(2).find(|w| w[0] == w[1]) {
        anyhow::bail!(msg!("error-unit-twice", path = path.display(), unit = &pair[0]));
    }
    Ok(file)
}

/// One unit's line of the overview: its assessment, or why it could not be read.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitResult {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Overview {
    pub criteria_table: String,
    pub criteria: Vec<String>,
    pub as_of: Date,
    /// Highest total first; units that could not be read last. Grouped by
    /// province (in the order of the units file) when the file gives them.
    pub units: Vec<UnitResult>,
    /// Per province, in the order of `units`; empty when no unit has one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<ProvinceSummary>,
}

/// One province's line: how many of its units were read, and how they did.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProvinceSummary {
    pub province: String,
    pub units: usize,
    pub unreadable: usize,
    /// Units that met every criterion.
    pub all_met: usize,
    /// The mean percentage of the units read.
    pub mean_percent: f64,
}

fn provinces(units: &[UnitResult]) -> Vec<ProvinceSummary> {
    let mut summaries: Vec<ProvinceSummary> = Vec::new();
    for unit in units {
        let Some(name) = &unit.province else { continue };
        if summaries.last().is_none_or(|s| &s.province != name) {
            summaries.push(ProvinceSummary {
                province: name.clone(),
                units: 0,
                unreadable: 0,
                all_met: 0,
                mean_percent: 0.0,
            });
        }
        let summary = summaries.last_mut().expect("just pushed");
        summary.units += 1;
        match &unit.assessment {
            Some(a) => {
                summary.all_met += usize::from(a.results.iter().all(|r| r.passed));
                summary.mean_percent += a.percent;
            }
            None => summary.unreadable += 1,
        }
    }
    for summary in &mut summaries {
        let read = summary.units - summary.unreadable;
        if read > 0 {
            summary.mean_percent = (summary.mean_percent / read as f64 * 10.0).round() / 10.0;
        }
    }
    summaries
}

/// How many remote units are fetched at once: enough to hide each server's
/// latency, few enough not to look like an attack on one forge.
const CONNECTIONS: usize = 8;

/// Where each unit's files are read from: a local path as given, a remote
/// one mirrored into `cache` (a fetch of new objects after the first time).
fn locate(unit: &UnitSource, base: &Path, cache: &Path) -> Result<PathBuf> {
    match (&unit.path, &unit.url) {
        (Some(path), _) => Ok(base.join(path)),
        (None, Some(url)) => {
            let dir = cache.join(unit.slug());
            DocRepo::mirror(url, &dir)?;
            Ok(dir)
        }
        (None, None) => Err(anyhow!(msg!("error-unit-no-source", name = &unit.name))),
    }
}

/// Assesses every unit; `base` is the units file's folder, `cache` where
/// remote repositories are mirrored. `progress` is called as each finishes.
pub(crate) fn roll_up(
    units: &[UnitSource],
    base: &Path,
    cache: &Path,
    table: &CriteriaTable,
    as_of: Option<Date>,
    lang: Language,
    progress: &(dyn Fn() + Sync),
) -> Overview {
    // Fetching waits on the network, not the CPU: its own pool, bounded by
    // connections rather than cores; local units need none.
    let fetch = |u: &UnitSource| locate(u, base, cache);
    let pool = units
        .iter()
        .any(|u| u.url.is_some())
        .then(|| rayon::ThreadPoolBuilder::new().num_threads(CONNECTIONS).build().ok())
        .flatten();
    let located: Vec<(&UnitSource, Result<PathBuf>)> = match pool {
        Some(pool) => pool.install(|| units.par_iter().map(|u| (u, fetch(u))).collect()),
        None => units.iter().map(|u| (u, fetch(u))).collect(),
    };
    let mut results: Vec<UnitResult> = located
        .into_par_iter()
        .map(|(unit, location)| {
            let source = unit
                .url
                .clone()
                .or_else(|| unit.path.as_ref().map(|p| p.display().to_string()))
                .unwrap_or_default();
            let assessment = location.and_then(|dir| {
                let assessed = find_root(&dir)
                    .and_then(|root| Workspace::open(&root))
                    .and_then(|workspace| assess_repository(&workspace, table, &ManualScores::new(), as_of, lang));
                anyhow::Context::with_context(assessed, || msg!("error-unit-unreadable", path = source.as_str()))
            });
            progress();
            let (assessment, error) = match assessment {
                Ok(a) => (Some(a), None),
                Err(e) => (None, Some(format!("{e:#}"))),
            };
            UnitResult {
                id: unit.slug(),
                name: unit.name.clone(),
                province: unit.province.clone(),
                source,
                assessment,
                error,
            }
        })
        .collect();
    // Provinces in the order the units file first names them.
    let mut province_order: Vec<&str> = Vec::new();
    for unit in units {
        if let Some(p) = &unit.province
            && !province_order.contains(&p.as_str())
        {
            province_order.push(p);
        }
    }
    let rank = |r: &UnitResult| r.province.as_deref().and_then(|p| province_order.iter().position(|q| *q == p));
    results.sort_by(|a, b| {
        let total = |r: &UnitResult| r.assessment.as_ref().map(|a| a.points).unwrap_or(-1.0);
        rank(a)
            .cmp(&rank(b))
            .then_with(|| total(b).total_cmp(&total(a)))
            .then_with(|| a.name.cmp(&b.name))
    });
    Overview {
        criteria_table: table.id.clone(),
        criteria: table.criteria.iter().map(|c| c.id.clone()).collect(),
        as_of: results
            .iter()
            .find_map(|r| r.assessment.as_ref().map(|a| a.as_of))
            .or(as_of)
            .unwrap_or_else(|| crate::clock::now().map(|n| n.date()).unwrap_or_default()),
        provinces: provinces(&results),
        units: results,
    }
}

/// `--feedback DIR`: one report per unit assessed, `DIR/<unit id>.md`.
pub(crate) fn write_feedback<'a>(dir: &Path, reports: impl IntoIterator<Item = (&'a str, String)>) -> Result<()> {
    use anyhow::Context;
    std::fs::create_dir_all(dir).with_context(|| msg!("error-create", path = dir.display()))?;
    for (unit, text) in reports {
        let path = dir.join(format!("{unit}.md"));
        std::fs::write(&path, text).with_context(|| msg!("error-write", path = path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_need_one_location_and_distinct_names() {
        let path = Path::new("units.yaml");
        let ok = parse_units(
            path,
            "units:\n  - {name: Xã A, path: xa-a}\n  - {name: Xã B, url: \"https://git.example.vn/so/xa-b.git\"}\n",
        )
        .unwrap();
        assert_eq!(ok.units[0].slug(), "xa-a");
        assert_eq!(ok.units[1].slug(), "xa-b");
        assert!(parse_units(path, "units:\n  - {name: Xã A}\n").is_err());
        assert!(parse_units(path, "units:\n  - {name: Xã A, path: a, url: b}\n").is_err());
        let clash = parse_units(path, "units:\n  - {name: A, path: x/xa}\n  - {name: B, path: y/xa}\n").unwrap_err();
        assert!(clash.to_string().contains("distinct"), "{clash}");
    }
}
