//! Integration tests: the `qms` binary against throwaway repositories.

mod agreement;
mod architecture;
mod assess;
mod audit;
mod browser;
mod check_rules;
mod ci;
mod commands;
mod example;
mod handbook;
mod hostile;
mod improvement;
mod incremental;
mod init;
mod language;
mod management_review;
mod objectives_risks;
mod performance;
mod readme;
mod serve;
mod support;
mod trust;
mod word;
mod workflow;
