//! The audit records as the system's own forms lay them out: the plan as
//! BM-02-02 (Kế hoạch đánh giá nội bộ), the report as BM-02-04 (Báo cáo
//! đánh giá nội bộ). The front-matter holds the fields as data; the body is
//! the form, written again whenever the record changes, with people by
//! name and dates as a Vietnamese reader writes them.

use crate::i18n;
use crate::i18n::format;
use crate::model::config::Language;
use crate::model::record::{AuditPlan, AuditReport, FindingKind, RecordFront};
use crate::msg;
use crate::text::markdown_table;

/// Who a person id is, by name (the signer policy's); the id when unknown.
pub(crate) type Names<'a> = &'a dyn Fn(&str) -> String;

/// The purpose and criteria a plan states unless the auditor writes others.
pub(crate) fn plan_defaults(plan: &mut AuditPlan, unit_name: &str, lang: Language) {
    plan.purpose
        .get_or_insert_with(|| msg!("form-plan-purpose", unit = unit_name).text(lang));
    plan.criteria
        .get_or_insert_with(|| i18n::label(lang, "label-tcvn-iso-9001-2015-the-policy").to_string());
}

fn date(front: &RecordFront, lang: Language) -> String {
    front.date.map(|d| format::date(d, lang)).unwrap_or_default()
}

fn people(ids: impl IntoIterator<Item = impl AsRef<str>>, names: Names<'_>) -> String {
    ids.into_iter().map(|id| names(id.as_ref())).collect::<Vec<_>>().join(", ")
}

fn scope(front: &AuditPlan, unit_name: &str, lang: Language) -> String {
    let mut scope = unit_name.to_string();
    if !front.clauses.is_empty() {
        scope.push_str(&format!("; {} {}", i18n::label(lang, "label-clauses"), front.clauses.join(", ")));
    }
    if !front.processes.is_empty() {
        scope.push_str(&format!(
            "; {} {}",
            i18n::label(lang, "label-processes"),
            front.processes.join(", ")
        ));
    }
    scope
}

/// BM-02-02: purpose, scope, criteria, time, lead and team, the timetable.
pub(crate) fn plan_body(front: &RecordFront, plan: &AuditPlan, unit_name: &str, names: Names<'_>, lang: Language) -> String {
    let lead = plan.lead.as_deref().map(names).unwrap_or_default();
    let team = people(&plan.team, names);
    let fields = [
        ("label-purpose", plan.purpose.clone().unwrap_or_default()),
        ("label-scope", scope(plan, unit_name, lang)),
        ("label-criteria", plan.criteria.clone().unwrap_or_default()),
        ("label-date", date(front, lang)),
        ("label-lead-auditor", lead.clone()),
        ("label-audit-team", team.clone()),
    ];
    let auditors = std::iter::once(lead)
        .chain((!team.is_empty()).then_some(team))
        .collect::<Vec<_>>()
        .join(", ");
    let timetable = vec![vec![
        date(front, lang),
        unit_name.to_string(),
        plan.clauses.iter().chain(&plan.processes).cloned().collect::<Vec<_>>().join(", "),
        auditors,
    ]];
    format!(
        "\n## {} (BM-02-02)\n\n{}\n{}\n{}",
        i18n::label(lang, "label-internal-audit-plan"),
        i18n::form_fields(lang, fields),
        markdown_table(
            &[
                i18n::label(lang, "label-date"),
                i18n::label(lang, "label-unit-audited"),
                i18n::label(lang, "label-clauses-processes"),
                i18n::label(lang, "label-auditors"),
            ],
            &timetable,
        ),
        msg!("form-plan-checklist", audit = front.id).text(lang) + "\n",
    )
}

fn kind_label(kind: FindingKind, lang: Language) -> &'static str {
    match kind {
        FindingKind::Nonconformity => i18n::label(lang, "label-nonconformity"),
        FindingKind::Observation => i18n::label(lang, "label-observation"),
        FindingKind::Opportunity => i18n::label(lang, "label-opportunity-for-improvement"),
    }
}

/// BM-02-04: the unit, date, team and scope of the audit, its findings by
/// kind, the conclusion, and the sign-off of the lead auditor and the
/// unit's representative.
pub(crate) fn report_body(
    report: &AuditReport,
    plan_front: &RecordFront,
    plan: &AuditPlan,
    unit_name: &str,
    names: Names<'_>,
    lang: Language,
) -> String {
    let count = |kind| report.findings.iter().filter(|f| f.kind == kind).count().to_string();
    let team = people(plan.lead.iter().chain(&plan.team), names);
    let pending = i18n::label(lang, "label-written-by-the-lead-auditor-at");
    let fields = [
        ("label-unit-audited", unit_name.to_string()),
        ("label-date-3", date(plan_front, lang)),
        ("label-audit-team-2", team),
        ("label-scope-2", scope(plan, unit_name, lang)),
        ("label-nonconformities-2", count(FindingKind::Nonconformity)),
        ("label-observations-2", count(FindingKind::Observation)),
        ("label-opportunities-2", count(FindingKind::Opportunity)),
        ("label-conclusion", report.conclusion.clone().unwrap_or_else(|| pending.to_string())),
    ];
    let findings: Vec<Vec<String>> = report
        .findings
        .iter()
        .map(|f| {
            vec![
                f.number.to_string(),
                f.clause.clone(),
                kind_label(f.kind, lang).to_string(),
                f.text.clone(),
                f.nc.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let findings = if findings.is_empty() {
        format!("{}\n", i18n::label(lang, "label-no-findings"))
    } else {
        markdown_table(
            &[
                i18n::label(lang, "label-no"),
                i18n::label(lang, "label-clause"),
                i18n::label(lang, "label-kind"),
                i18n::label(lang, "label-finding"),
                i18n::label(lang, "label-nc-record"),
            ],
            &findings,
        )
    };
    let sign_off = markdown_table(
        &[
            i18n::label(lang, "label-lead-auditor"),
            i18n::label(lang, "label-for-the-unit-audited"),
        ],
        &[vec![
            report.lead.as_deref().map(names).unwrap_or_default(),
            report.auditee.as_deref().map(names).unwrap_or_default(),
        ]],
    );
    format!(
        "\n## {} (BM-02-04)\n\n{}\n### {}\n\n{}\n### {}\n\n{}",
        i18n::label(lang, "label-internal-audit-report"),
        i18n::form_fields(lang, fields),
        i18n::label(lang, "label-findings"),
        findings,
        i18n::label(lang, "label-sign-off"),
        sign_off,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::{AuditFinding, KindFields};

    fn plan() -> (RecordFront, AuditPlan) {
        let mut plan = AuditPlan {
            unit: Some("phuc-vu-hcc".into()),
            clauses: vec!["8.5".into()],
            lead: Some("le-van-cuong".into()),
            team: vec!["vu-thi-giang".into()],
            ..AuditPlan::default()
        };
        plan_defaults(&mut plan, "Trung tâm Phục vụ hành chính công", Language::Vi);
        let mut front = RecordFront::new("DGNB-2027-01", "Kế hoạch", "phuc-vu-hcc", KindFields::AuditPlan(plan.clone()));
        front.date = Some(jiff::civil::date(2027, 4, 15));
        (front, plan)
    }

    fn names(id: &str) -> String {
        match id {
            "le-van-cuong" => "Lê Văn Cường".into(),
            "vu-thi-giang" => "Vũ Thị Giang".into(),
            other => other.into(),
        }
    }

    #[test]
    fn the_plan_is_bm_02_02_with_people_by_name() {
        let (front, plan) = plan();
        let body = plan_body(&front, &plan, "Trung tâm Phục vụ hành chính công", &names, Language::Vi);
        for expected in [
            "BM-02-02",
            "| Mục đích đánh giá |",
            "| Chuẩn mực đánh giá | TCVN ISO 9001:2015",
            "| Thời gian | 15/04/2027 |",
            "| Trưởng đoàn đánh giá | Lê Văn Cường |",
        ] {
            assert!(body.contains(expected), "{expected}: {body}");
        }
        assert!(!body.contains("le-van-cuong"), "{body}");
    }

    #[test]
    fn the_report_is_bm_02_04_with_counts_conclusion_and_sign_off() {
        let (front, plan) = plan();
        let mut report = AuditReport {
            audit: "DGNB-2027-01".into(),
            unit: plan.unit.clone(),
            lead: plan.lead.clone(),
            findings: Vec::new(),
            conclusion: None,
            auditee: None,
        };
        report.findings = vec![AuditFinding {
            number: 1,
            clause: "8.5.1".into(),
            kind: FindingKind::Nonconformity,
            text: "2 hồ sơ trả | trễ hạn".into(),
            nc: Some("NC-2027-001".into()),
        }];
        let open = report_body(&report, &front, &plan, "Trung tâm", &names, Language::Vi);
        assert!(
            open.contains("| Số điểm không phù hợp | 1 |") && open.contains("(trưởng đoàn ghi khi kết thúc)"),
            "{open}"
        );
        assert!(open.contains("2 hồ sơ trả \\| trễ hạn"), "a | stays inside its cell: {open}");
        report.conclusion = Some("Đơn vị cơ bản đáp ứng yêu cầu".into());
        report.auditee = Some("vu-thi-giang".into());
        let closed = report_body(&report, &front, &plan, "Trung tâm", &names, Language::Vi);
        assert!(closed.contains("| Kết luận | Đơn vị cơ bản đáp ứng yêu cầu |"), "{closed}");
        assert!(closed.contains("| Lê Văn Cường | Vũ Thị Giang |"), "{closed}");
    }
}
