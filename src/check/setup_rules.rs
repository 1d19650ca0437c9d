//! Rules over the configuration files themselves.

use std::collections::HashSet;
use std::path::Path;

use crate::finding::{Finding, Rule};
use crate::model::catalog::CATALOG_FILE;
use crate::model::config::CONFIG_FILE;
use crate::model::signers::SIGNERS_FILE;
use crate::msg;
use crate::workspace::Workspace;

pub(super) fn check(workspace: &Workspace) -> Vec<Finding> {
    let config = &workspace.config;
    let mut findings = config.validate(Path::new(CONFIG_FILE), workspace.config_text());
    let unit_ids: HashSet<&str> = config.units.iter().map(|u| u.id.as_str()).collect();
    let types = config.document_types();
    let type_ids: HashSet<&str> = types.iter().map(|t| t.id.as_str()).collect();
    match workspace.signers_result() {
        Ok(policy) => findings.extend(policy.validate(Path::new(SIGNERS_FILE), workspace.signers_text(), &unit_ids, &type_ids)),
        Err(finding) => findings.push(finding.clone()),
    }
    match workspace.catalog_result() {
        Ok(catalog) => {
            let lines = crate::model::ValueLines::new(workspace.catalog_text());
            let mut seen = HashSet::new();
            for procedure in &catalog.procedures {
                if let Some(days) = procedure.time_limit_days
                    && !(days.is_finite() && (0.0..=3650.0).contains(&days))
                {
                    findings.push(
                        Finding::new(
                            Rule::Config,
                            CATALOG_FILE,
                            crate::i18n::Msg::new("check-limit-range")
                                .arg("code", &procedure.code)
                                .num("days", days),
                        )
                        .at(lines.line(&procedure.code, 1))
                        .hint(msg!("hint-limit-range")),
                    );
                }
                if !seen.insert(procedure.code.as_str()) {
                    findings.push(
                        Finding::new(Rule::Config, CATALOG_FILE, msg!("check-tthc-twice", code = &procedure.code))
                            .at(lines.line(&procedure.code, 2))
                            .hint(msg!("hint-tthc-twice")),
                    );
                }
            }
        }
        Err(finding) => findings.push(finding.clone()),
    }
    findings
}
