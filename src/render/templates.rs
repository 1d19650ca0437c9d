//! Templates: tera, embedded in the binary, each overridable by a file of the
//! same name under the repository's `templates/` folder.
//!
//! Template names are paths below `templates/` (e.g. `new/vi/procedure.md`).
//! Tera autoescapes only names ending in `.html`; Markdown and YAML
//! templates use the `yaml` filter where a value goes into front-matter.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use include_dir::{Dir, include_dir};
use serde::Serialize;
use tera::{Tera, Value};

use crate::msg;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Folders of templates a repository may override (and `templates eject` writes).
pub(crate) const OVERRIDABLE: &[&str] = &["new", "handbook", "audit", "review", "report", "admin"];

pub(crate) struct Templates {
    tera: Tera,
    /// A hash of every template's text: what a page was made with, for
    /// an incremental build to tell whether it must be made again.
    fingerprint: u64,
}

/// Every embedded template as (name, text).
pub(crate) fn embedded() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    collect(&EMBEDDED, &mut out);
    out.sort();
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            out.push((file.path().to_string_lossy().replace('\\', "/"), text));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// A static file (stylesheet, script) below `templates/`: the repository's
/// override when there is one, else the embedded one.
pub(crate) fn asset(override_dir: Option<&Path>, name: &str) -> Result<String> {
    if let Some(dir) = override_dir
        && let Some((text, _)) = read_override(dir, name)?
    {
        return Ok(text);
    }
    embedded_file(name)
        .map(str::to_string)
        .ok_or_else(|| anyhow!("the built-in file {name} is missing"))
}

/// The override of `name` in `dir`, when there is one. Only a regular file
/// reached through real folders counts: a symbolic link anywhere on the way
/// is refused, so an override can never publish a file from outside the
/// repository (`/proc/self/environ`, a key).
pub(crate) fn read_override(dir: &Path, name: &str) -> Result<Option<(String, PathBuf)>> {
    let mut path = dir.to_path_buf();
    let parts: Vec<&str> = std::iter::once("").chain(name.split('/')).collect();
    for (i, part) in parts.iter().enumerate() {
        if !part.is_empty() {
            path.push(part);
        }
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display()))),
        };
        if meta.file_type().is_symlink() {
            bail!(msg!("error-template-symlink", path = path.display()));
        }
        let last = i + 1 == parts.len();
        if last && !meta.is_file() {
            bail!(msg!("error-template-special", path = path.display()));
        }
        if !last && !meta.is_dir() {
            return Ok(None);
        }
    }
    let text = fs::read_to_string(&path).with_context(|| msg!("error-read", path = path.display()))?;
    Ok(Some((text, path)))
}

/// The templates' texts by name, with the file each override came from.
pub(crate) struct Sources(HashMap<String, (String, Option<PathBuf>)>);

/// The embedded text of one file below `templates/` (profile data, etc.).
pub(crate) fn embedded_file(name: &str) -> Option<&'static str> {
    EMBEDDED.get_file(name).and_then(|f| f.contents_utf8())
}

impl Templates {
    /// The embedded templates, with the files of `override_dir` (a
    /// repository's `templates/` folder) replacing those of the same name.
    pub(crate) fn load(override_dir: Option<&Path>) -> Result<Templates> {
        Templates::compile(Templates::sources(override_dir)?)
    }

    /// The text of every template, from `override_dir` where it has one.
    pub(crate) fn sources(override_dir: Option<&Path>) -> Result<Sources> {
        let mut sources: HashMap<String, (String, Option<PathBuf>)> = embedded()
            .into_iter()
            .filter(|(name, _)| name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".html"))
            .map(|(name, text)| (name, (text.to_string(), None)))
            .collect();
        if let Some(dir) = override_dir {
            for name in sources.keys().cloned().collect::<Vec<_>>() {
                if let Some((text, path)) = read_override(dir, &name)? {
                    sources.insert(name, (text, Some(path)));
                }
            }
        }
        Ok(Sources(sources))
    }

    /// What [`Templates::fingerprint`] is for templates compiled from `sources`.
    pub(crate) fn fingerprint_of(sources: &Sources) -> u64 {
        let mut names: Vec<&String> = sources.0.keys().collect();
        names.sort();
        crate::text::hash_of(&names.iter().map(|name| (name, &sources.0[*name].0)).collect::<Vec<_>>())
    }

    pub(crate) fn compile(sources: Sources) -> Result<Templates> {
        let fingerprint = Templates::fingerprint_of(&sources);
        let Sources(sources) = sources;
        let mut tera = Tera::default();
        // All at once: a template may extend or include another.
        tera.add_raw_templates(sources.iter().map(|(name, (text, _))| (name.as_str(), text.as_str())))
            .map_err(|e| {
                let message = error_chain(&e);
                let culprit = sources
                    .iter()
                    .find(|(name, _)| message.contains(&format!("'{name}'")))
                    .map(|(name, (_, origin))| {
                        origin
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| format!("built-in {name}"))
                    });
                anyhow!("{message}").context(match culprit {
                    Some(place) => msg!("error-template-invalid", template = place),
                    None => msg!("error-a-template-invalid"),
                })
            })?;
        tera.register_filter("yaml", yaml_filter);
        tera.register_filter("css_string", css_string_filter);
        tera.register_filter("lower_first", lower_first_filter);
        tera.register_filter("day", day_filter);
        tera.register_filter("period", period_filter);
        tera.register_filter("md_cell", md_cell_filter);
        Ok(Templates { tera, fingerprint })
    }

    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    pub(crate) fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(context).context(msg!("error-template-context"))?;
        self.tera
            .render(name, &context)
            .map_err(|e| anyhow!("{}", error_chain(&e)).context(msg!("error-template-render", template = name)))
    }
}

/// Writes the overridable embedded templates below `dest`, skipping files that
/// exist. Returns the files written.
pub(crate) fn eject(dest: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, text) in embedded() {
        if !OVERRIDABLE.iter().any(|prefix| name.starts_with(&format!("{prefix}/"))) {
            continue;
        }
        let path = dest.join(&name);
        if path.exists() && !force {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| msg!("error-create", path = parent.display()))?;
        }
        fs::write(&path, text).with_context(|| msg!("error-write", path = path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Tera hides the useful part of an error in its source chain.
fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `{{ value | yaml }}`: a value written so that YAML reads it back unchanged
/// (plain when safe, quoted otherwise; lists in flow style).
/// Text for the inside of a CSS string (`content: "…"`): every character
/// but letters, digits, spaces, `-`, `.` and `_` as a CSS escape, so nothing in it can close
/// the string, the rule or the `<style>` element — and nothing is left for
/// HTML escaping to turn into visible entities.
fn css_string_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(css_string(&text)))
}

fn lower_first_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    match value {
        Value::String(s) => Ok(Value::String(crate::text::lower_first(s))),
        other => Ok(other.clone()),
    }
}

/// `{{ d.date | day(lang=lang) }}`: an ISO date the way the language writes
/// it (`22/11/2026`); anything else as it is.
fn day_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let lang = filter_language(args);
    Ok(match value.as_str().and_then(|s| s.parse::<jiff::civil::Date>().ok()) {
        Some(date) => Value::String(crate::i18n::format::date(date, lang)),
        None => value.clone(),
    })
}

/// `{{ pack.period | period(lang=lang) }}`: a reporting period (`2026-Q3`)
/// the way reports name it (`Quý III/2026`).
fn period_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(match value.as_str() {
        Some(text) => Value::String(crate::i18n::format::period_of(text, filter_language(args))),
        None => value.clone(),
    })
}

/// `{{ name | md_cell }}`: text as one cell of a Markdown table, escaped the
/// way every table the code writes is (`text::markdown_cell`); other values
/// pass through.
fn md_cell_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(match value.as_str() {
        Some(text) => Value::String(crate::text::markdown_cell(text)),
        None => value.clone(),
    })
}

/// The `lang` argument of a filter (`vi` unless `en`).
fn filter_language(args: &HashMap<String, Value>) -> crate::model::config::Language {
    match args.get("lang").and_then(Value::as_str) {
        Some("en") => crate::model::config::Language::En,
        _ => crate::model::config::Language::Vi,
    }
}

pub(crate) fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_') {
                c.to_string()
            } else {
                format!("\\{:x} ", c as u32)
            }
        })
        .collect()
}

fn yaml_filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(yaml_inline(value)))
}

pub(crate) fn yaml_inline(value: &Value) -> String {
    match value {
        Value::String(s) => yaml_scalar(s),
        Value::Array(items) => format!("[{}]", items.iter().map(yaml_inline).collect::<Vec<_>>().join(", ")),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A string as a YAML scalar: plain when YAML would read it back as the same
/// string, double-quoted otherwise.
pub(crate) fn yaml_scalar(s: &str) -> String {
    let needs_quotes = s.is_empty()
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c) || c.is_ascii_digit())
        || s.ends_with([' ', ':'])
        || s.contains(": ")
        || s.contains(" #")
        || s.contains([',', '[', ']', '{', '}', '\n', '\t', '"', '\\'])
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if needs_quotes {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "\\\"")))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_round_trip() {
        for s in [
            "Quy trình cấp phép",
            "a: b",
            "1.001193",
            "yes",
            "- x",
            "x # y",
            "[x]",
            "Tom \"T\"",
            "",
            "07",
            "a,b",
        ] {
            let yaml = format!("v: {}\n", yaml_scalar(s));
            let value: crate::model::yaml::Value = crate::model::yaml::parse_value(&yaml).unwrap();
            assert_eq!(value["v"].as_str(), Some(s), "{yaml}");
        }
        assert_eq!(yaml_scalar("Quy trình"), "Quy trình");
    }

    #[test]
    fn every_embedded_template_compiles() {
        Templates::load(None).unwrap();
    }

    #[test]
    fn overrides_replace_embedded_templates() {
        let dir = tempfile::tempdir().unwrap();
        let name = "new/vi/default.md";
        fs::create_dir_all(dir.path().join("new/vi")).unwrap();
        fs::write(dir.path().join(name), "custom {{ id }}").unwrap();
        let templates = Templates::load(Some(dir.path())).unwrap();
        let out = templates.render(name, &serde_json::json!({"id": "HD-01"})).unwrap();
        assert_eq!(out, "custom HD-01");
    }

    #[test]
    fn a_broken_override_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("new/vi")).unwrap();
        fs::write(dir.path().join("new/vi/default.md"), "{% if %}").unwrap();
        let err = Templates::load(Some(dir.path())).err().unwrap();
        assert!(format!("{err:#}").contains("new/vi/default.md"), "{err:#}");
    }
}
