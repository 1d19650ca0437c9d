//! Document control in git: action commits (submit, review, approve,
//! withdraw, acknowledge; plan, complete, verify and close for records), the state engine that reads them back, and the
//! validity rules that `verify` and the commands share.

pub mod actions;
pub mod ancestry;
pub mod cache;
pub mod engine;
pub mod guard;
pub mod head_files;
pub mod history;
pub mod problem;
pub mod record_steps;
pub mod records;
pub mod register;
pub mod registration;
pub mod rules;
pub mod stage;
pub mod timeline;
pub mod trailers;
pub mod trust;
pub mod verify;
