//! Integration tests: the `qms` binary against throwaway repositories.

mod check_rules;
mod commands;
mod example;
mod hostile;
mod init;
mod support;
mod workflow;
