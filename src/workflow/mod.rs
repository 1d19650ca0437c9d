//! Document control in git: action commits (submit, review, approve,
//! withdraw, acknowledge; plan, complete, verify and close for records), the state engine that reads them back, and the
//! validity rules that `verify` and the commands share.

pub(crate) mod actions;
pub(crate) mod ancestry;
pub(crate) mod cache;
pub(crate) mod engine;
pub(crate) mod guard;
pub(crate) mod head_files;
pub(crate) mod history;
pub(crate) mod hooks;
pub(crate) mod problem;
pub(crate) mod record_steps;
pub(crate) mod records;
pub(crate) mod register;
pub(crate) mod registration;
pub(crate) mod rules;
pub(crate) mod stage;
pub(crate) mod timeline;
pub(crate) mod trailers;
pub(crate) mod trust;
pub(crate) mod verify;
pub(crate) mod versions;
