use std::process::ExitCode;

// glibc's allocator spent a tenth of a cold `verify` at province scale in
// consolidating and freeing across the threads that parse and walk history.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match qms::run() {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("qms: {}", qms::describe_error(&err));
            qms::Outcome::Failure.into()
        }
    }
}
