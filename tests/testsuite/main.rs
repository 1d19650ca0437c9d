//! Integration tests: the `qms` binary against throwaway repositories.

mod example;
mod init;
mod support;
