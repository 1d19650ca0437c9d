//! `qms` — an electronic ISO system (hệ thống ISO điện tử) kept in git.
//!
//! The crate is laid out by responsibility:
//! - [`model`]: the data — documents, configuration, signer policy, catalogues;
//!   pure parsers over strings.
//! - [`workspace`]: finding a QMS repository and loading its files.
//! - [`repo`]: the only module that talks to git (through git2).
//! - [`check`]: rules over a loaded repository, producing [`finding::Finding`]s.
//! - [`render`]: templates (tera) and Markdown (pulldown-cmark).
//! - [`scaffold`]: creating repositories and documents from templates.
//! - [`cli`]: one file per subcommand; decides output and exit codes.
//! - Domain modules: [`audit`] (internal audit), [`improvement`] (nonconformities,
//!   objectives, risks, management review), [`assess`] (evaluation against a
//!   criteria table by the superior agency).

pub mod assess;
pub mod audit;
pub mod check;
pub mod cli;
pub mod clock;
pub mod finding;
pub mod formats;
pub mod handbook;
pub mod i18n;
pub mod import;
pub mod improvement;
pub mod model;
pub mod render;
pub mod repo;
pub mod scaffold;
pub mod signing;
pub mod text;
pub mod workflow;
pub mod workspace;
