//! `qms init`: a complete, valid starter repository for an agency.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use super::profile::{Profile, ProfileName};
use super::undo::Undo;
use super::{DocumentFactory, DocumentSpec, PlannedFile};
use crate::i18n;
use crate::model::catalog::{CATALOG_FILE, Catalog};
use crate::model::config::{CONFIG_FILE, Config, Language};
use crate::model::document::Document;
use crate::model::legal::LEGAL_FILE;
use crate::model::signers::{SIGNERS_FILE, SignerPolicy};
use crate::msg;
use crate::render::templates::{Templates, embedded, embedded_file};
use crate::repo::{CommitId, DocRepo};

pub(crate) struct InitOptions {
    pub profile: ProfileName,
    pub lang: Language,
    pub org: Option<String>,
    /// The superior agency's name (default: the profile's sample).
    pub superior: Option<String>,
}

#[derive(Serialize)]
struct Named {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct UnitContext {
    id: String,
    name: String,
    result_signer: Option<String>,
}

#[derive(Serialize)]
struct PersonContext {
    id: String,
    name: String,
    email: String,
    unit: String,
    roles: Vec<String>,
}

#[derive(Serialize)]
struct ProcedureContext {
    code: String,
    name: String,
    field: String,
    time_limit_days: f64,
    time_limit_text: String,
    process_id: String,
    owner_name: String,
}

#[derive(Serialize)]
struct InitContext {
    lang: &'static str,
    year: i16,
    date: String,
    organisation: OrganisationContext,
    roles: RoleContext,
    units: Vec<UnitContext>,
    office: Named,
    one_stop: Named,
    people: Vec<PersonContext>,
    head: Named,
    deputy: Named,
    secretary: Named,
    author: String,
    reviewers: Vec<String>,
    approvers: Vec<String>,
    procedures: Vec<ProcedureContext>,
}

#[derive(Serialize)]
struct OrganisationContext {
    name: String,
    level: String,
    address: Option<String>,
    superior: String,
}

#[derive(Serialize)]
struct RoleContext {
    head: String,
    deputy: String,
    unit_head: String,
}

/// A form of the starter set (`templates/init/<lang>/forms.yaml`); fields
/// other than these go to the form template as `data`.
#[derive(Deserialize)]
struct StarterForm {
    id: String,
    under: String,
    title: String,
    /// `office` or `one_stop`.
    owner: String,
    #[serde(flatten)]
    data: serde_json::Map<String, serde_json::Value>,
}

/// Renders every file of a new repository in memory.
pub(crate) fn plan(options: &InitOptions, today: jiff::civil::Date) -> Result<Vec<PlannedFile>> {
    let lang = options.lang;
    let profile = Profile::load(options.profile)?;
    let templates = Templates::load(None)?;

    let unit = |pick: fn(&super::profile::ProfileUnit) -> bool| {
        profile
            .units
            .iter()
            .find(|u| pick(u))
            .map(|u| Named {
                id: u.id.clone(),
                name: lang.pick(&u.vi, &u.en).to_string(),
            })
            .ok_or_else(|| anyhow!("the profile has no such unit"))
    };
    let person = |role: &str| {
        profile
            .person_with_role(role)
            .map(|p| Named {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .ok_or_else(|| anyhow!("the profile has nobody with the role {role}"))
    };
    let mut context = InitContext {
        lang: lang.code(),
        year: today.year(),
        date: today.to_string(),
        organisation: OrganisationContext {
            name: options.org.clone().unwrap_or_else(|| profile.organisation.get(lang).to_string()),
            level: profile.level.to_string(),
            // The sample's address belongs to the sample's name.
            address: profile.address.clone().filter(|_| options.org.is_none()),
            superior: options.superior.clone().unwrap_or_else(|| profile.superior.get(lang).to_string()),
        },
        roles: RoleContext {
            head: profile.roles.head.get(lang).to_string(),
            deputy: profile.roles.deputy.get(lang).to_string(),
            unit_head: profile.roles.unit_head.get(lang).to_string(),
        },
        units: profile
            .units
            .iter()
            .map(|u| UnitContext {
                id: u.id.clone(),
                name: lang.pick(&u.vi, &u.en).to_string(),
                result_signer: u.result_signer.as_ref().map(|s| s.get(lang).to_string()),
            })
            .collect(),
        office: unit(|u| u.office)?,
        one_stop: unit(|u| u.one_stop)?,
        people: profile
            .people
            .iter()
            .map(|p| PersonContext {
                id: p.id.clone(),
                name: p.name.clone(),
                email: p.email.clone(),
                unit: p.unit.clone(),
                roles: p.roles.clone(),
            })
            .collect(),
        head: person("thu-truong")?,
        deputy: person("pho-thu-truong")?,
        secretary: person("thu-ky-iso")?,
        author: person("thu-ky-iso")?.id,
        reviewers: vec!["role:pho-thu-truong".into()],
        approvers: vec!["role:thu-truong".into()],
        procedures: Vec::new(),
    };

    let prefix = format!("init/{}/", lang.code());
    let config_text = templates.render(&format!("{prefix}qms.yaml"), &context)?;
    let config = Config::parse(Path::new(CONFIG_FILE), &config_text).map_err(|f| anyhow!("built-in qms.yaml template: {f}"))?;
    let signers_text = templates.render(&format!("{prefix}signers.yaml"), &context)?;
    let policy = SignerPolicy::parse(Path::new(SIGNERS_FILE), &signers_text).map_err(|f| anyhow!("built-in signers.yaml template: {f}"))?;

    let catalog = Catalog {
        procedures: profile.procedures.iter().map(|p| profile.procedure(p, lang)).collect(),
    };
    let catalog_text = format!(
        "{}{}",
        i18n::text(lang, "init-catalog-header") + "\n",
        crate::model::yaml::to_string(&catalog)?
    );

    let starter_docs: Vec<String> = embedded()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with(&format!("{prefix}documents/")))
        .collect();
    let forms_text = templates.render(&format!("{prefix}forms.yaml"), &context)?;
    let forms: Vec<StarterForm> =
        crate::model::yaml::parse_typed(&forms_text).map_err(|p| anyhow!("built-in forms.yaml, line {}: {}", p.line, p.message))?;

    let mut factory = DocumentFactory::new(&config, &policy, &templates, lang, today);
    // The starter documents have fixed ids (QT-01…, named by their files);
    // reserve them so that the catalogue's processes number after them.
    let reserved: Vec<Document> = starter_docs
        .iter()
        .filter_map(|name| Path::new(name).file_stem()?.to_str().map(placeholder))
        .collect();
    factory.know(&reserved);

    let mut files = Vec::new();
    for (procedure, source) in catalog.procedures.iter().zip(&profile.procedures) {
        let planned = factory.create(&DocumentSpec {
            doc_type: "procedure".into(),
            title: factory.process_title(procedure),
            owner: Some(source.owner.clone()),
            author: Some(context.author.clone()),
            procedure: Some(procedure.clone()),
            data: serde_json::json!({ "intake_forms": ["BM-06-01", "BM-06-02", "BM-06-03", "BM-06-04"] }),
            ..Default::default()
        })?;
        let process_id = planned.id;
        context.procedures.push(ProcedureContext {
            code: procedure.code.clone(),
            name: procedure.name.clone(),
            field: procedure.field.clone().unwrap_or_default(),
            time_limit_days: procedure.time_limit_days.unwrap_or_default(),
            time_limit_text: procedure.time_limit_text.clone().unwrap_or_default(),
            process_id,
            owner_name: config.unit(&source.owner).map(|u| u.name.clone()).unwrap_or_default(),
        });
        files.push(planned.file);
    }

    let mut starters = Vec::new();
    let types = config.document_types();
    for name in &starter_docs {
        let rendered = templates.render(name, &context)?;
        let doc = Document::parse(Path::new(name), &rendered)
            .into_result()
            .map_err(|e| anyhow!("the built-in {name} is invalid: {e}"))?;
        let doc_type = types
            .iter()
            .find(|t| t.id == doc.front.doc_type)
            .ok_or_else(|| anyhow!("the built-in {name} has an unknown type"))?;
        files.push(PlannedFile {
            path: factory.path_for(doc_type, doc.id(), doc.title()),
            content: rendered,
        });
        starters.push(doc);
    }

    // Forms name their process, so they come after the starter documents.
    factory.know(&starters);

    for form in &forms {
        let owner = match form.owner.as_str() {
            "one_stop" => context.one_stop.id.clone(),
            _ => context.office.id.clone(),
        };
        files.push(
            factory
                .create(&DocumentSpec {
                    doc_type: "form".into(),
                    title: form.title.clone(),
                    id: Some(form.id.clone()),
                    owner: Some(owner),
                    under: Some(form.under.clone()),
                    author: Some(context.author.clone()),
                    data: serde_json::Value::Object(form.data.clone()),
                    ..Default::default()
                })?
                .file,
        );
    }

    files.push(PlannedFile {
        path: CONFIG_FILE.into(),
        content: config_text,
    });
    files.push(PlannedFile {
        path: SIGNERS_FILE.into(),
        content: signers_text,
    });
    files.push(PlannedFile {
        path: CATALOG_FILE.into(),
        content: catalog_text,
    });
    files.push(PlannedFile {
        path: LEGAL_FILE.into(),
        content: embedded_file("legal/legal.yaml")
            .ok_or_else(|| anyhow!("the built-in register of legal texts is missing"))?
            .to_string(),
    });
    files.push(PlannedFile {
        path: ".gitignore".into(),
        content: "# The published handbook (qms build) is generated, not versioned.\n/public/\n".into(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn placeholder(id: &str) -> Document {
    Document {
        path: PathBuf::from(format!("(reserved)/{id}")),
        front: crate::model::document::FrontMatter {
            id: id.to_string(),
            title: String::new(),
            doc_type: String::new(),
            owner: String::new(),
            author: None,
            reviewers: Vec::new(),
            approvers: Vec::new(),
            clauses: Vec::new(),
            tthc: Vec::new(),
            links: Vec::new(),
            review_interval_months: None,
            objectives: Vec::new(),
        },
        body: String::new(),
        body_line: 1,
        field_lines: Default::default(),
    }
}

/// What `write` did.
pub(crate) struct Written {
    pub commit: CommitId,
    pub files: usize,
}

/// Writes the planned files into `dir` and commits exactly them. On any
/// failure, everything this call created is removed again.
pub(crate) fn write(dir: &Path, files: &[PlannedFile], message: &str, when: &jiff::Zoned) -> Result<Written> {
    if dir.join(CONFIG_FILE).exists() {
        bail!(msg!("error-init-exists", path = dir.display(), file = CONFIG_FILE));
    }
    let files: Vec<&PlannedFile> = files
        .iter()
        .filter(|f| !(f.path == Path::new(".gitignore") && dir.join(".gitignore").exists()))
        .collect();
    let clashes: Vec<String> = files
        .iter()
        .filter(|f| dir.join(&f.path).exists())
        .map(|f| f.path.display().to_string())
        .collect();
    if !clashes.is_empty() {
        bail!(msg!("error-init-clashes", path = dir.display(), files = clashes.join(", ")));
    }

    let mut undo = Undo::default();
    let result = (|| {
        undo.create_dir_all(dir)?;
        let (repo, created) = DocRepo::open_or_init(dir)?;
        if created {
            undo.adopt_dir(dir.join(".git"));
        }
        repo.ensure_writable()?;
        for file in &files {
            undo.write(&dir.join(&file.path), file.content.as_bytes())?;
        }
        let identity = repo.identity_or_configured(None);
        let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
        let commit = repo.commit_files(&paths, message, &identity, when)?;
        if created {
            // The first commit is the root of trust: pinned here, a second
            // root merged in later cannot take its place.
            repo.set_config_value(crate::workflow::trust::TRUST_ROOT_CONFIG, &commit)?;
        }
        Ok(Written {
            commit,
            files: files.len(),
        })
    })();
    if result.is_err() {
        undo.run();
    }
    result
}
