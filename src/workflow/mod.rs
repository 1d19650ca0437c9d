//! Document control in git: action commits (submit, review, approve,
//! withdraw, acknowledge; plan, complete, verify and close for records), the state engine that reads them back, and the
//! validity rules that `verify` and the commands share.

pub mod actions;
pub mod cache;
pub mod guard;
pub mod history;
pub mod record_steps;
pub mod register;
pub mod trailers;
pub mod verify;
