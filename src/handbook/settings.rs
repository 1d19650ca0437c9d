//! The repository's files that say how the handbook reads — `qms.yaml`, the
//! signer policy, the procedure catalogue and the registers — at one commit.
//!
//! The catalogue is the large one (thousands of procedures, megabytes of
//! YAML at a province): parsing it was a sixth of a build after a one-line
//! change. Once parsed it is kept in `.git/qms/` as JSON, which reads about
//! ten times faster, under the id of the blob it was parsed from and the
//! binary that parsed it; a snapshot of another blob, binary or a damaged
//! one is ignored and the YAML parsed again. Only a catalogue that parsed
//! is kept: its problems are reported from the YAML every time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Result, anyhow};

use crate::model::catalog::{CATALOG_FILE, Catalog};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::record::Record;
use crate::model::signers::{SIGNERS_FILE, SignerPolicy};
use crate::msg;
use crate::repo::{BlobId, DocRepo};
use crate::workflow::registration::REGISTER_DIR;

pub(super) struct Settings {
    /// The blobs they were read from.
    pub(super) made_from: Vec<(PathBuf, Option<BlobId>)>,
    pub config: Arc<Config>,
    pub policy: Option<SignerPolicy>,
    pub catalog: Arc<Catalog>,
    pub registers: Vec<Record>,
}

impl Settings {
    /// The files the settings at `head` are read from, with their blobs.
    pub(super) fn sources(repo: &DocRepo, head: &str) -> Result<Vec<(PathBuf, Option<BlobId>)>> {
        let mut sources = Vec::new();
        for path in [CONFIG_FILE, SIGNERS_FILE, CATALOG_FILE] {
            sources.push((PathBuf::from(path), repo.blob_at(head, Path::new(path))?));
        }
        for (path, blob) in repo.files_at(head, Path::new(REGISTER_DIR))? {
            sources.push((path, Some(blob)));
        }
        Ok(sources)
    }

    pub(super) fn read(repo: &DocRepo, made_from: Vec<(PathBuf, Option<BlobId>)>) -> Result<Settings> {
        let blob_of = |path: &str| {
            made_from
                .iter()
                .find(|(p, _)| p == Path::new(path))
                .and_then(|(_, blob)| blob.as_ref())
        };
        let text = |path: &str| -> Result<Option<String>> {
            blob_of(path)
                .map(|blob| String::from_utf8(repo.read_blob(blob)?).map_err(|_| anyhow!("{path} is not UTF-8")))
                .transpose()
        };
        let finding = |f: crate::finding::Finding| anyhow!("{f}");
        let config = text(CONFIG_FILE)?
            .map(|t| Config::parse(Path::new(CONFIG_FILE), &t).map_err(finding))
            .transpose()?
            .ok_or_else(|| msg!("error-file-not-committed", path = CONFIG_FILE))?;
        let policy = text(SIGNERS_FILE)?
            .map(|t| SignerPolicy::parse(Path::new(SIGNERS_FILE), &t).map_err(finding))
            .transpose()?;
        let catalog = match blob_of(CATALOG_FILE) {
            None => Catalog::default(),
            Some(blob) => match parsed::load(repo, blob) {
                Some(catalog) => catalog,
                None => {
                    let yaml = text(CATALOG_FILE)?.unwrap_or_default();
                    let catalog = Catalog::parse(Path::new(CATALOG_FILE), &yaml).map_err(finding)?;
                    parsed::store(repo, blob, &catalog);
                    catalog
                }
            },
        };
        let registers = read_registers(repo, made_from.iter().filter(|(path, _)| path.starts_with(REGISTER_DIR)))?;
        Ok(Settings {
            made_from,
            config: Arc::new(config),
            policy,
            catalog: Arc::new(catalog),
            registers,
        })
    }
}

/// The registers of outgoing documents (their files at HEAD), which give
/// administrative documents their official number and date.
fn read_registers<'a>(repo: &DocRepo, files: impl Iterator<Item = &'a (PathBuf, Option<BlobId>)>) -> Result<Vec<Record>> {
    let mut registers = Vec::new();
    for (path, blob) in files.filter_map(|(path, blob)| Some((path, blob.as_ref()?))) {
        // A register that cannot be read leaves the number blank; `qms check` names it.
        if let Ok(record) = Record::parse_bytes(path, &repo.read_blob(blob)?) {
            registers.push(record);
        }
    }
    Ok(registers)
}

/// The parsed catalogue in `.git/qms/catalog.json`: a header line
/// (`qms-catalog`, the blob id, the parser's digest, the body's CRC-32),
/// then the catalogue as JSON.
mod parsed {
    use super::*;

    const MAGIC: &str = "qms-catalog";

    fn file(repo: &DocRepo) -> Option<PathBuf> {
        repo.cache_dir().map(|dir| dir.join("catalog.json"))
    }

    /// The binary's version and a digest of the catalogue's schema: a
    /// snapshot another parser wrote is not read.
    fn parser() -> String {
        let schema = crc32fast::hash(include_str!("../model/catalog.rs").as_bytes());
        format!("{}-{schema:08x}", env!("CARGO_PKG_VERSION"))
    }

    fn header(blob: &BlobId, crc: u32) -> String {
        format!("{MAGIC} {blob} {} {crc:08x}", parser())
    }

    pub(super) fn load(repo: &DocRepo, blob: &BlobId) -> Option<Catalog> {
        let bytes = std::fs::read(file(repo)?).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let (head, body) = (&bytes[..newline], &bytes[newline + 1..]);
        if head != header(blob, crc32fast::hash(body)).as_bytes() {
            return None;
        }
        serde_json::from_slice(body).ok()
    }

    /// Written whole or not at all; a failure only costs the next build a parse.
    pub(super) fn store(repo: &DocRepo, blob: &BlobId, catalog: &Catalog) {
        let Some(file) = file(repo) else { return };
        let Some(dir) = file.parent() else { return };
        let Ok(body) = serde_json::to_vec(catalog) else { return };
        let written = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
            writeln!(temporary, "{}", header(blob, crc32fast::hash(&body)))?;
            temporary.write_all(&body)?;
            temporary.persist(&file).map_err(|e| e.error)?;
            Ok(())
        })();
        drop(written);
    }
}
