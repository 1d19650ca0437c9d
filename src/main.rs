use std::process::ExitCode;

fn main() -> ExitCode {
    match qms::cli::run() {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("qms: {err:#}");
            qms::cli::Outcome::Failure.into()
        }
    }
}
