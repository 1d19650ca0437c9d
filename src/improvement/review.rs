//! Management review (ISO 9001:2015 9.3): the input pack built from the
//! repository — one section for each input 9.3.2 lists, filled from records,
//! documents and history, or marked as having no data so that nothing is
//! silently left out — and the minutes record of its outputs (9.3.3).

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use super::objectives::{self, ObjectiveStatus, Standing};
use super::risks;
use crate::audit;
use crate::i18n;
use crate::model::clauses::number_is_within;
use crate::model::config::Language;
use crate::model::document::Document;
use crate::model::period::ReportingPeriod;
use crate::model::record::{
    ActionItem, AuditProgramme, FindingKind, KindFields, ManagementReview, NcSource, Nonconformity, Record, RecordFront, RecordKind,
    RiskKind,
};
use crate::model::signers::SignerPolicy;
use crate::render::templates::Templates;
use crate::workflow::history::History;
use crate::workflow::record_steps::{self, Stage};
use crate::workflow::register::open_repo;
use crate::workflow::trailers::Action;
use crate::workspace::{RECORDS_DIR, TEMPLATES_DIR, Workspace};

pub(crate) const FOLDER: &str = "management-reviews";

/// `XXLD-2027-01`: the first management review (xem xét của lãnh đạo) of 2027.
pub(crate) fn next_minutes_id(records: &[Record], year: i16) -> String {
    crate::model::numbering::next_in_year(records.iter().map(Record::id), "XXLD", year, 2)
}

pub(crate) fn minutes_path(id: &str, year: i16) -> PathBuf {
    PathBuf::from(RECORDS_DIR)
        .join(FOLDER)
        .join(year.to_string())
        .join(format!("{id}.md"))
}

/// What the minutes say; the pack reviewed becomes their body.
pub(crate) struct Minutes {
    pub id: String,
    pub date: Date,
    pub period: ReportingPeriod,
    pub owner: String,
    pub author: String,
    pub attendees: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionItem>,
    pub place: String,
    pub chair: String,
    pub secretary: String,
}

/// What `qms management-review --minutes` records; the chair defaults to
/// the head of the agency, the secretary to the acting person, the place
/// to the organisation's address.
pub(crate) struct MinutesRequest {
    pub period: ReportingPeriod,
    pub date: Date,
    pub attendees: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionItem>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
}

/// Writes the minutes (form BM-04-02, the input `pack` reviewed as their
/// annex, `pack_text` as rendered) numbered in the year, and commits them
/// by themselves. Every person named must be in the signer policy; at
/// least one attendee, no empty decision.
pub(crate) fn write_minutes(
    workspace: &crate::workspace::Workspace,
    request: MinutesRequest,
    pack: &ReviewPack,
    pack_text: &str,
    lang: Language,
) -> anyhow::Result<crate::workflow::records::Created> {
    use crate::msg;
    use crate::workflow::records::{self, NewRecord};
    let policy = workspace.signers()?;
    if let Some(unknown) = request.attendees.iter().find(|a| policy.person(a).is_none()) {
        anyhow::bail!(msg!("error-attendee", attendee = unknown));
    }
    if request.attendees.is_empty() {
        anyhow::bail!(msg!("error-no-attendees"));
    }
    if request.decisions.iter().any(|d| d.trim().is_empty()) {
        anyhow::bail!(msg!("error-empty-decision"));
    }
    let chair = match request.chair {
        Some(chair) => chair,
        None => crate::model::administrative::head_of(policy)
            .map(|p| p.id.clone())
            .ok_or_else(|| msg!("error-no-chair"))?,
    };
    let organisation = &workspace.config.organisation;
    let place = request
        .place
        .or_else(|| organisation.address.clone())
        .unwrap_or_else(|| organisation.name.clone());
    let names = |id: &str| policy.person(id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let year = request.date.year();
    records::create(
        workspace,
        |new| {
            let secretary = request.secretary.unwrap_or_else(|| new.person.id.clone());
            for someone in [&chair, &secretary] {
                if policy.person(someone).is_none() {
                    anyhow::bail!(msg!("error-record-person", person = someone));
                }
            }
            let id = next_minutes_id(new.records, year);
            let front = minutes_front(
                Minutes {
                    id: id.clone(),
                    date: request.date,
                    period: request.period,
                    owner: new.keeper.to_string(),
                    author: new.person.id.clone(),
                    attendees: request.attendees,
                    decisions: request.decisions.iter().map(|d| d.trim().to_string()).collect(),
                    actions: request.actions,
                    place,
                    chair,
                    secretary,
                },
                lang,
            );
            Ok(NewRecord {
                body: minutes_body(&front, front.fields_of::<ManagementReview>()?, pack, pack_text, &names, lang),
                path: minutes_path(&id, year),
                message: format!("qms: management review {id} ({})\n\n{}", request.period, front.title),
                front,
            })
        },
        |id| msg!("error-exists", path = id),
    )
}

pub(crate) fn minutes_front(minutes: Minutes, lang: Language) -> RecordFront {
    let title = format!("{} {}", i18n::label(lang, "label-minutes-of-the-management-review"), minutes.period);
    let review = ManagementReview {
        actions: minutes.actions,
        period: minutes.period.to_string(),
        attendees: minutes.attendees,
        decisions: minutes.decisions,
        place: Some(minutes.place),
        chair: Some(minutes.chair),
        secretary: Some(minutes.secretary),
    };
    let mut front = RecordFront::new(&minutes.id, &title, &minutes.owner, KindFields::ManagementReview(review));
    front.date = Some(minutes.date);
    front.author = Some(minutes.author);
    front
}

/// The clause a nonconformity record names.
fn clause_of(record: &Record) -> Option<&str> {
    record.front.get::<Nonconformity>().map(|nc| nc.clause.as_str())
}

/// The minutes as form BM-04-02 (Biên bản họp xem xét của lãnh đạo): time,
/// place, chair, attendees by name, the inputs reviewed, the conclusions,
/// the actions with their owners by name and due dates, and the sign-off of
/// the secretary and the chair; the pack reviewed follows as an annex.
pub(crate) fn minutes_body(
    front: &RecordFront,
    review: &ManagementReview,
    pack: &ReviewPack,
    pack_text: &str,
    names: &dyn Fn(&str) -> String,
    lang: Language,
) -> String {
    use crate::text::markdown_table;
    let name = |id: &Option<String>| id.as_deref().map(names).unwrap_or_default();
    let reviewed: Vec<String> = pack.inputs.iter().map(|i| format!("{} {}", i.item, i.title)).collect();
    let decisions = if review.decisions.is_empty() {
        i18n::label(lang, "label-none").to_string()
    } else {
        review.decisions.iter().map(|d| format!("- {d}")).collect::<Vec<_>>().join("\n")
    };
    let fields = [
        (
            "label-date",
            front.date.map(|d| crate::i18n::format::date(d, lang)).unwrap_or_default(),
        ),
        ("label-place", review.place.clone().unwrap_or_default()),
        ("label-chair", name(&review.chair)),
        (
            "label-attendees",
            review.attendees.iter().map(|a| names(a)).collect::<Vec<_>>().join(", "),
        ),
        ("label-inputs-reviewed", reviewed.join("; ")),
        ("label-conclusions", decisions),
    ];
    let actions: Vec<Vec<String>> = review
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.text.clone(),
                names(&a.owner),
                crate::i18n::format::date(a.due, lang),
            ]
        })
        .collect();
    let actions = if actions.is_empty() {
        format!("{}\n", i18n::label(lang, "label-no-actions"))
    } else {
        markdown_table(
            &[
                i18n::label(lang, "label-no"),
                i18n::label(lang, "label-action"),
                i18n::label(lang, "label-owner-2"),
                i18n::label(lang, "label-due-3"),
            ],
            &actions,
        )
    };
    format!(
        "\n## {} (BM-04-02)\n\n{}\n### {}\n\n{}\n### {}\n\n{}\n## {}\n{}",
        i18n::label(lang, "label-minutes-of-the-management-review-2"),
        i18n::form_fields(lang, fields),
        i18n::label(lang, "label-actions"),
        actions,
        i18n::label(lang, "label-sign-off"),
        markdown_table(
            &[i18n::label(lang, "label-secretary"), i18n::label(lang, "label-chair")],
            &[vec![name(&review.secretary), name(&review.chair)]],
        ),
        i18n::label(lang, "label-annex-the-input-pack-reviewed"),
        pack_text.trim_start_matches('\n'),
    )
}

/// A small table inside an input.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One input of 9.3.2: what the repository says about it, or that it says nothing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Input {
    /// Stable key for scripts (`objectives`, `audits`, …).
    pub key: &'static str,
    /// Where 9.3.2 lists it: `a)`, `c) 2)`.
    pub item: &'static str,
    pub title: String,
    /// True when the repository holds nothing for this input.
    pub no_data: bool,
    pub lines: Vec<String>,
    pub table: Option<Table>,
    /// The records and documents the section was filled from.
    pub sources: Vec<String>,
}

impl Input {
    fn new(key: &'static str, item: &'static str, title: &str) -> Input {
        Input {
            key,
            item,
            title: title.to_string(),
            no_data: false,
            lines: Vec::new(),
            table: None,
            sources: Vec::new(),
        }
    }

    /// Marks the input as without data when nothing filled it, saying what would.
    fn finish(mut self, what_would_fill_it: &str) -> Input {
        if self.lines.is_empty() && self.table.is_none() {
            self.no_data = true;
            self.lines.push(what_would_fill_it.to_string());
        }
        self.sources.sort();
        self.sources.dedup();
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReviewPack {
    pub organisation: String,
    pub period: String,
    pub from: Date,
    pub to: Date,
    /// The day the pack was built (data after it does not exist yet).
    pub as_of: Date,
    pub lang: &'static str,
    pub inputs: Vec<Input>,
}

/// What the pack is built from.
pub(crate) struct Sources<'a> {
    pub organisation: &'a str,
    pub documents: &'a [Document],
    pub records: &'a [Record],
    /// History, when the folder is a git repository: issues of documents and
    /// the sign-offs of records.
    pub history: Option<&'a History<'a>>,
    /// The signer policy, to show people by name; ids when there is none.
    pub people: Option<&'a SignerPolicy>,
}

/// The pack of the repository at `workspace` for `period`, as of `today`.
pub(crate) fn pack(workspace: &Workspace, lang: Language, period: ReportingPeriod, today: Date) -> anyhow::Result<ReviewPack> {
    let documents = workspace.load_documents();
    let records = workspace.load_records();
    let repo = open_repo(workspace)?;
    let history = repo.as_ref().map(|r| History::load(r, None)).transpose()?;
    let sources = Sources {
        organisation: &workspace.config.organisation.name,
        documents: &documents.documents,
        records: &records.records,
        history: history.as_ref(),
        people: workspace.signers().ok(),
    };
    Ok(build(&sources, period, today, lang))
}

/// The forms a pack is laid out in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PackForm {
    Markdown,
    Html,
}

/// The pack laid out by its template (the repository's override, if any).
pub(crate) fn render_pack(workspace: &Workspace, lang: Language, pack: &ReviewPack, form: PackForm) -> anyhow::Result<String> {
    let templates = Templates::load(Some(&workspace.root.join(TEMPLATES_DIR)))?;
    let labels: std::collections::BTreeMap<&str, &str> = i18n::labels_under(lang, "review-").into_iter().collect();
    let template = match form {
        PackForm::Markdown => "review/pack.md",
        PackForm::Html => "review/pack.html",
    };
    templates.render(template, &serde_json::json!({ "pack": pack, "labels": labels }))
}

pub(crate) fn build(sources: &Sources<'_>, period: ReportingPeriod, today: Date, lang: Language) -> ReviewPack {
    let cx = Context {
        sources,
        period,
        today,
        lang,
        objectives: objectives::status(sources.documents, sources.records, period, today),
    };
    ReviewPack {
        organisation: sources.organisation.to_string(),
        period: period.to_string(),
        from: period.first_day(),
        to: period.last_day(),
        as_of: today,
        lang: lang.code(),
        inputs: vec![
            cx.previous_actions(),
            cx.context_changes(),
            cx.satisfaction(),
            cx.objectives_achieved(),
            cx.process_performance(),
            cx.nonconformities(),
            cx.monitoring(),
            cx.audits(),
            cx.external_providers(),
            cx.resources(),
            cx.risk_actions(),
            cx.improvement(),
        ],
    }
}

struct Context<'a> {
    sources: &'a Sources<'a>,
    period: ReportingPeriod,
    today: Date,
    lang: Language,
    objectives: Vec<ObjectiveStatus>,
}

impl Context<'_> {
    fn in_period(&self, date: Option<Date>) -> bool {
        date.is_some_and(|d| self.period.contains(d) && d <= self.today)
    }

    fn records(&self, kind: RecordKind) -> impl Iterator<Item = &Record> {
        self.sources.records.iter().filter(move |r| r.kind() == kind)
    }

    fn stage(&self, record: &Record) -> Stage {
        record_steps::stage_of_record(self.sources.history.and_then(|h| h.timeline(record.id())), record)
    }

    /// When the record's last `action` step was signed, if it was.
    fn signed_on(&self, record: &Record, action: Action) -> Option<Date> {
        let timeline = self.sources.history?.timeline(record.id())?;
        timeline
            .events
            .iter()
            .rev()
            .find(|e| e.is_valid() && e.trailers.action == action)
            .and_then(|e| crate::clock::date_of(&e.trailers.signed_at))
    }

    /// A review of an earlier period: the 2026 review held in January 2027
    /// comes before the 2027 review, and so does the 2027-H1 review.
    fn is_earlier_review(&self, review: &Record) -> bool {
        match review
            .front
            .get::<ManagementReview>()
            .and_then(|r| ReportingPeriod::parse(&r.period))
        {
            Some(reviewed) => reviewed.last_day() < self.period.last_day(),
            None => review.front.date.is_some_and(|d| d < self.period.first_day()),
        }
    }

    fn action_row(&self, record: &str, item: &ActionItem) -> Vec<String> {
        let state = match item.done {
            Some(done) => format!("{} {}", i18n::label(self.lang, "label-done"), i18n::format::date(done, self.lang)),
            None if item.is_overdue(self.today) => i18n::label(self.lang, "label-overdue").to_string(),
            None => i18n::label(self.lang, "label-open").to_string(),
        };
        vec![
            record.to_string(),
            item.text.clone(),
            SignerPolicy::display_name_in(self.sources.people, &item.owner).to_string(),
            i18n::format::date(item.due, self.lang),
            state,
        ]
    }

    fn action_headers(&self, first: &str) -> Vec<String> {
        [
            first,
            i18n::label(self.lang, "label-action"),
            i18n::label(self.lang, "label-owner-2"),
            i18n::label(self.lang, "label-due-4"),
            i18n::label(self.lang, "label-status-2"),
        ]
        .map(str::to_string)
        .to_vec()
    }

    fn objective_table(&self, statuses: &[&ObjectiveStatus]) -> Option<Table> {
        if statuses.is_empty() {
            return None;
        }
        let rows = statuses
            .iter()
            .map(|s| {
                vec![
                    format!("{} / {}", s.document, s.number),
                    s.objective.indicator.clone(),
                    s.objective.target_in(self.lang),
                    s.latest_in(self.lang).unwrap_or_else(|| "—".into()),
                    s.status.label(self.lang).to_string(),
                ]
            })
            .collect();
        Some(Table {
            headers: [
                i18n::label(self.lang, "label-objective"),
                i18n::label(self.lang, "label-indicator"),
                i18n::label(self.lang, "label-target"),
                i18n::label(self.lang, "label-result"),
                i18n::label(self.lang, "label-status"),
            ]
            .map(str::to_string)
            .to_vec(),
            rows,
        })
    }

    /// Objectives whose clause lies within one of `parents`.
    fn objectives_on(&self, parents: &[&str]) -> Vec<&ObjectiveStatus> {
        self.objectives
            .iter()
            .filter(|s| {
                s.objective
                    .clause
                    .as_deref()
                    .is_some_and(|c| parents.iter().any(|p| number_is_within(c, p)))
            })
            .collect()
    }

    /// Nonconformities found in the period.
    fn ncs_in_period(&self) -> impl Iterator<Item = &Record> {
        self.records(RecordKind::Nonconformity).filter(|r| self.in_period(r.front.date))
    }

    /// Lines naming the nonconformities and audit findings of the period
    /// whose clause lies within one of `parents`.
    fn issues_on(&self, parents: &[&str], input: &mut Input) {
        let on = |clause: &str| parents.iter().any(|p| number_is_within(clause, p));
        for nc in self.ncs_in_period() {
            if clause_of(nc).is_some_and(on) {
                input.lines.push(format!(
                    "{} ({} {}): {}",
                    nc.id(),
                    i18n::label(self.lang, "label-clause-2"),
                    clause_of(nc).unwrap_or_default(),
                    nc.front.title
                ));
                input.sources.push(nc.id().to_string());
            }
        }
        for report in self.records(RecordKind::AuditReport).filter(|r| self.in_period(r.front.date)) {
            for finding in report.front.findings().iter().filter(|f| on(&f.clause)) {
                input.lines.push(format!(
                    "{} #{} ({}, {} {}): {}",
                    report.id(),
                    finding.number,
                    audit::finding_kind_label(finding.kind, self.lang),
                    i18n::label(self.lang, "label-clause-2"),
                    finding.clause,
                    finding.text
                ));
                input.sources.push(report.id().to_string());
            }
        }
    }

    /// An input filled from what concerns some clauses: the objectives tied
    /// to them and the nonconformities and audit findings against them.
    fn on_clauses(&self, mut input: Input, parents: &[&str], missing: &str) -> Input {
        let measured = self.objectives_on(parents);
        input.sources.extend(measured.iter().map(|s| s.document.clone()));
        input.table = self.objective_table(&measured);
        self.issues_on(parents, &mut input);
        input.finish(missing)
    }

    fn previous_actions(&self) -> Input {
        let mut input = Input::new(
            "previous-actions",
            "a)",
            i18n::label(self.lang, "label-status-of-actions-from-previous-management"),
        );
        let earlier: Vec<&Record> = self
            .records(RecordKind::ManagementReview)
            .filter(|r| self.is_earlier_review(r))
            .collect();
        let rows: Vec<Vec<String>> = earlier
            .iter()
            .flat_map(|r| r.front.actions().iter().map(move |a| (r, a)))
            .map(|(r, a)| self.action_row(r.id(), a))
            .collect();
        for review in &earlier {
            input.sources.push(review.id().to_string());
        }
        if !earlier.is_empty() {
            let all: Vec<&ActionItem> = earlier.iter().flat_map(|r| r.front.actions()).collect();
            let done = all.iter().filter(|a| a.done.is_some()).count();
            let overdue = all.iter().filter(|a| a.is_overdue(self.today)).count();
            input.lines.push(format!(
                "{}: {}; {} {done}/{}; {} {overdue}.",
                i18n::label(self.lang, "label-earlier-reviews"),
                earlier.iter().map(|r| r.id()).collect::<Vec<_>>().join(", "),
                i18n::label(self.lang, "label-done-2"),
                all.len(),
                i18n::label(self.lang, "label-overdue")
            ));
        }
        if !rows.is_empty() {
            input.table = Some(Table {
                headers: self.action_headers(i18n::label(self.lang, "label-minutes")),
                rows,
            });
        }
        input.finish(i18n::label(self.lang, "label-no-minutes-of-an-earlier-management"))
    }

    fn context_changes(&self) -> Input {
        let mut input = Input::new(
            "context-changes",
            "b)",
            i18n::label(self.lang, "label-changes-in-external-and-internal-issues"),
        );
        let about_context = self.sources.documents.iter().filter(|d| {
            d.front
                .clauses
                .iter()
                .any(|c| number_is_within(c, "4.1") || number_is_within(c, "4.2"))
        });
        for doc in about_context {
            input.sources.push(doc.id().to_string());
            let issues = self
                .sources
                .history
                .and_then(|h| h.timeline(doc.id()))
                .map(|t| t.issues())
                .unwrap_or_default();
            let in_period: Vec<_> = issues
                .iter()
                .filter(|i| self.in_period(crate::clock::date_of(&i.approved_at)))
                .collect();
            let line = match (in_period.last(), issues.last()) {
                (Some(issue), _) => format!(
                    "{} {}: {} {} ({}){}",
                    doc.id(),
                    doc.title(),
                    i18n::label(self.lang, "label-issue-4"),
                    issue.number,
                    i18n::format::date_of(&issue.approved_at, None, self.lang),
                    if issue.summary.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", issue.summary)
                    }
                ),
                (None, Some(issue)) => format!(
                    "{} {}: {} ({} {}, {}).",
                    doc.id(),
                    doc.title(),
                    i18n::label(self.lang, "label-not-revised-in-the-period"),
                    i18n::label(self.lang, "label-issue"),
                    issue.number,
                    i18n::format::date_of(&issue.approved_at, None, self.lang)
                ),
                (None, None) => format!("{} {}: {}.", doc.id(), doc.title(), i18n::label(self.lang, "label-not-issued-yet")),
            };
            input.lines.push(line);
        }
        input.finish(i18n::label(self.lang, "label-no-document-addresses-clause-4-1"))
    }

    fn satisfaction(&self) -> Input {
        let mut input = Input::new(
            "satisfaction",
            "c) 1)",
            i18n::label(self.lang, "label-citizen-satisfaction-and-feedback-from-interested"),
        );
        let measured = self.objectives_on(&["9.1.2"]);
        input.sources.extend(measured.iter().map(|s| s.document.clone()));
        input.table = self.objective_table(&measured);
        let complaints: Vec<&Record> = self
            .ncs_in_period()
            .filter(|r| {
                r.front
                    .get::<Nonconformity>()
                    .is_some_and(|nc| nc.source == NcSource::CitizenComplaint)
            })
            .collect();
        if !complaints.is_empty() {
            input.lines.push(format!(
                "{}: {} ({})",
                i18n::label(self.lang, "label-complaints-that-led-to-a-nonconformity"),
                complaints.len(),
                complaints.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ")
            ));
            input.sources.extend(complaints.iter().map(|r| r.id().to_string()));
        }
        input.finish(i18n::label(self.lang, "label-no-objective-is-tied-to-clause"))
    }

    fn objectives_achieved(&self) -> Input {
        let mut input = Input::new(
            "objectives",
            "c) 2)",
            i18n::label(self.lang, "label-the-extent-to-which-quality-objectives"),
        );
        let all: Vec<&ObjectiveStatus> = self.objectives.iter().collect();
        input.sources.extend(all.iter().map(|s| s.document.clone()));
        if !all.is_empty() {
            let count = |standing| all.iter().filter(|s| s.status == standing).count();
            input.lines.push(format!(
                "{} {}: {} {}, {} {}, {} {}.",
                all.len(),
                i18n::label(self.lang, "label-objectives"),
                count(Standing::Met),
                Standing::Met.label(self.lang),
                count(Standing::NotMet),
                Standing::NotMet.label(self.lang),
                count(Standing::NoData),
                Standing::NoData.label(self.lang)
            ));
        }
        input.table = self.objective_table(&all);
        input.finish(i18n::label(self.lang, "label-no-objectives-document-mtcl-states-measurable"))
    }

    fn process_performance(&self) -> Input {
        let input = Input::new(
            "process-performance",
            "c) 3)",
            i18n::label(self.lang, "label-process-performance-and-conformity-of-services"),
        );
        self.on_clauses(input, &["8"], i18n::label(self.lang, "label-no-objective-is-tied-to-clause-2"))
    }

    fn nonconformities(&self) -> Input {
        let mut input = Input::new(
            "nonconformities",
            "c) 4)",
            i18n::label(self.lang, "label-nonconformities-and-corrective-actions"),
        );
        let all: Vec<&Record> = self.records(RecordKind::Nonconformity).collect();
        let found: Vec<&Record> = self.ncs_in_period().collect();
        let closed_in_period = all.iter().filter(|r| self.in_period(self.signed_on(r, Action::Close))).count();
        let open: Vec<&Record> = all
            .iter()
            .copied()
            .filter(|r| r.front.date.is_some_and(|d| d <= self.today) && self.stage(r) != Stage::Closed)
            .collect();
        let overdue: usize = all
            .iter()
            .map(|r| r.front.actions().iter().filter(|a| a.is_overdue(self.today)).count())
            .sum();
        if !all.is_empty() {
            input.lines.push(format!(
                "{} {}; {} {closed_in_period}; {} {}; {} {overdue}.",
                i18n::label(self.lang, "label-found-in-the-period"),
                found.len(),
                i18n::label(self.lang, "label-closed-in-the-period"),
                i18n::label(self.lang, "label-still-open"),
                open.len(),
                i18n::label(self.lang, "label-corrective-actions-overdue")
            ));
            let rows = found
                .iter()
                .chain(open.iter().filter(|r| !found.iter().any(|f| f.id() == r.id())))
                .map(|r| {
                    vec![
                        r.id().to_string(),
                        r.front.date.map(|d| i18n::format::date(d, self.lang)).unwrap_or_default(),
                        clause_of(r).unwrap_or_default().to_string(),
                        r.front.title.clone(),
                        self.stage(r).label(self.lang).to_string(),
                    ]
                })
                .collect::<Vec<_>>();
            if !rows.is_empty() {
                input.table = Some(Table {
                    headers: [
                        i18n::label(self.lang, "label-id"),
                        i18n::label(self.lang, "label-date-2"),
                        i18n::label(self.lang, "label-clause"),
                        i18n::label(self.lang, "label-description"),
                        i18n::label(self.lang, "label-stage"),
                    ]
                    .map(str::to_string)
                    .to_vec(),
                    rows,
                });
            }
            input.sources.extend(found.iter().chain(&open).map(|r| r.id().to_string()));
        }
        input.finish(i18n::label(self.lang, "label-no-nonconformity-has-been-recorded"))
    }

    fn monitoring(&self) -> Input {
        let mut input = Input::new(
            "monitoring",
            "c) 5)",
            i18n::label(self.lang, "label-monitoring-and-measurement-results"),
        );
        let measured: usize = self.objectives.iter().map(|s| s.measurements.len()).sum();
        let expected: u32 = self.objectives.iter().map(|s| s.expected).sum();
        if measured > 0 {
            input.lines.push(format!(
                "{} {measured}/{expected} {}.",
                i18n::label(self.lang, "label-recorded"),
                i18n::label(self.lang, "label-of-the-measurements-the-objectives-frequencies")
            ));
            let missing: Vec<String> = self
                .objectives
                .iter()
                .filter(|s| (s.measurements.len() as u32) < s.expected)
                .map(|s| format!("{} / {} ({}/{})", s.document, s.number, s.measurements.len(), s.expected))
                .collect();
            if !missing.is_empty() {
                input.lines.push(format!(
                    "{}: {}.",
                    i18n::label(self.lang, "label-measurements-missing"),
                    missing.join(", ")
                ));
            }
            for s in self.objectives.iter().filter(|s| !s.measurements.is_empty()) {
                input.sources.extend(s.measurements.iter().map(|m| m.record.clone()));
            }
        }
        input.finish(i18n::label(self.lang, "label-no-measurement-was-recorded-in-the"))
    }

    fn audits(&self) -> Input {
        let mut input = Input::new("audits", "c) 6)", i18n::label(self.lang, "label-audit-results"));
        let reports: Vec<&Record> = self
            .records(RecordKind::AuditReport)
            .filter(|r| self.in_period(r.front.date))
            .collect();
        if !reports.is_empty() {
            let rows = reports
                .iter()
                .map(|r| {
                    let count = |kind| r.front.findings().iter().filter(|f| f.kind == kind).count().to_string();
                    vec![
                        r.id().to_string(),
                        r.front.date.map(|d| i18n::format::date(d, self.lang)).unwrap_or_default(),
                        r.front.unit().unwrap_or_default().to_string(),
                        count(FindingKind::Nonconformity),
                        count(FindingKind::Observation),
                        count(FindingKind::Opportunity),
                        self.stage(r).label(self.lang).to_string(),
                    ]
                })
                .collect();
            input.table = Some(Table {
                headers: [
                    i18n::label(self.lang, "label-report"),
                    i18n::label(self.lang, "label-date-2"),
                    i18n::label(self.lang, "label-unit"),
                    i18n::label(self.lang, "label-nonconformities"),
                    i18n::label(self.lang, "label-observations"),
                    i18n::label(self.lang, "label-opportunities"),
                    i18n::label(self.lang, "label-status-2"),
                ]
                .map(str::to_string)
                .to_vec(),
                rows,
            });
            input.sources.extend(reports.iter().map(|r| r.id().to_string()));
        }
        let programmes: Vec<&Record> = self
            .records(RecordKind::AuditProgramme)
            .filter(|r| r.front.year() == Some(self.period.year))
            .collect();
        for programme in programmes {
            let audits = programme.front.get::<AuditProgramme>().map_or(&[][..], |p| &p.audits);
            let uncovered = audit::programme::uncovered(audits);
            input.lines.push(format!(
                "{}: {} {}{}",
                programme.id(),
                audits.len(),
                i18n::label(self.lang, "label-audits-in-the-programme"),
                if uncovered.is_empty() {
                    format!("; {}.", i18n::label(self.lang, "label-every-clause-covered"))
                } else {
                    format!("; {}: {}.", i18n::label(self.lang, "label-not-covered"), uncovered.join(", "))
                }
            ));
            input.sources.push(programme.id().to_string());
        }
        input.finish(i18n::label(self.lang, "label-no-internal-audit-report-in-the"))
    }

    fn external_providers(&self) -> Input {
        let input = Input::new(
            "external-providers",
            "c) 7)",
            i18n::label(self.lang, "label-performance-of-external-providers"),
        );
        self.on_clauses(
            input,
            &["8.4"],
            i18n::label(self.lang, "label-no-objective-nonconformity-or-audit-finding"),
        )
    }

    fn resources(&self) -> Input {
        let input = Input::new("resources", "d)", i18n::label(self.lang, "label-the-adequacy-of-resources"));
        self.on_clauses(
            input,
            &["7.1", "7.2"],
            i18n::label(self.lang, "label-no-objective-nonconformity-or-audit-finding-2"),
        )
    }

    fn risk_actions(&self) -> Input {
        let mut input = Input::new("risks", "e)", i18n::label(self.lang, "label-the-effectiveness-of-actions-taken-to"));
        let views = risks::list(self.sources.records, self.today);
        if !views.is_empty() {
            let treatments: Vec<&ActionItem> = views.iter().flat_map(|v| &v.risk.treatment).collect();
            let done_in_period = treatments.iter().filter(|t| self.in_period(t.done)).count();
            let overdue = treatments.iter().filter(|t| t.is_overdue(self.today)).count();
            input.lines.push(format!(
                "{} {} ({} {}); {} {}: {} {done_in_period}, {} {overdue}.",
                views.len(),
                i18n::label(self.lang, "label-risks-and-opportunities"),
                views.iter().filter(|v| v.level == risks::Level::High).count(),
                i18n::label(self.lang, "label-high-2"),
                treatments.len(),
                i18n::label(self.lang, "label-treatments"),
                i18n::label(self.lang, "label-done-in-the-period"),
                i18n::label(self.lang, "label-overdue")
            ));
            let rows = views
                .iter()
                .flat_map(|v| v.risk.treatment.iter().map(move |t| (v, t)))
                .map(|(v, t)| {
                    let mut row = self.action_row(&v.risk.id, t);
                    row[0] = format!("{} ({}×{})", v.risk.id, v.risk.likelihood, v.risk.impact);
                    row
                })
                .collect::<Vec<_>>();
            if !rows.is_empty() {
                input.table = Some(Table {
                    headers: self.action_headers(i18n::label(self.lang, "label-risk-2")),
                    rows,
                });
            }
            input.sources.extend(views.iter().map(|v| v.register.clone()));
        }
        input.finish(i18n::label(self.lang, "label-no-register-of-risks-and-opportunities"))
    }

    fn improvement(&self) -> Input {
        let mut input = Input::new("improvement", "f)", i18n::label(self.lang, "label-opportunities-for-improvement"));
        for report in self.records(RecordKind::AuditReport).filter(|r| self.in_period(r.front.date)) {
            for finding in report
                .front
                .findings()
                .iter()
                .filter(|f| matches!(f.kind, FindingKind::Observation | FindingKind::Opportunity))
            {
                input.lines.push(format!(
                    "{} #{} ({}): {}",
                    report.id(),
                    finding.number,
                    audit::finding_kind_label(finding.kind, self.lang),
                    finding.text
                ));
                input.sources.push(report.id().to_string());
            }
        }
        for view in risks::list(self.sources.records, self.today)
            .iter()
            .filter(|v| v.risk.kind == RiskKind::Opportunity)
        {
            input.lines.push(format!(
                "{} ({}, {}×{}): {}",
                view.risk.id,
                i18n::label(self.lang, "label-opportunity"),
                view.risk.likelihood,
                view.risk.impact,
                view.risk.title
            ));
            input.sources.push(view.register.clone());
        }
        input.finish(i18n::label(self.lang, "label-no-audit-observation-or-opportunity-and"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_numbered_within_the_year() {
        assert_eq!(next_minutes_id(&[], 2027), "XXLD-2027-01");
        assert_eq!(
            minutes_path("XXLD-2027-01", 2027),
            PathBuf::from("records/management-reviews/2027/XXLD-2027-01.md")
        );
    }

    #[test]
    fn an_empty_repository_gives_every_input_marked_without_data() {
        let sources = Sources {
            organisation: "UBND xã",
            documents: &[],
            records: &[],
            history: None,
            people: None,
        };
        let pack = build(&sources, ReportingPeriod::year(2027), "2027-12-15".parse().unwrap(), Language::En);
        assert_eq!(pack.inputs.len(), 12, "every input of 9.3.2");
        assert_eq!(pack.inputs.iter().filter(|i| i.no_data).count(), 12);
        assert!(pack.inputs.iter().all(|i| i.lines.len() == 1 && i.table.is_none()));
        let keys: Vec<_> = pack.inputs.iter().map(|i| i.item).collect();
        assert_eq!(keys[0], "a)");
        assert_eq!(keys[11], "f)");
    }
}
