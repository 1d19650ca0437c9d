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

mod assess;
mod audit;
mod check;
mod cli;
mod clock;
mod finding;
mod formats;
mod handbook;
mod i18n;
mod import;
mod improvement;
mod model;
mod preview;
mod render;
mod repo;
mod scaffold;
mod signing;
mod status;
mod text;
mod word;
mod workflow;
mod workspace;

pub use cli::{Outcome, run};
pub use i18n::describe_error;
