//! `qms issue-number`

use anyhow::Result;

use super::output::print;
use super::{Global, Outcome};
use crate::i18n::format::parse_date;
use crate::msg;
use crate::workflow::registration::{self, Request};

/// Record the official number and date an approved document was issued under.
///
/// After the head signs an administrative document (the declaration of
/// conformity, a decision), the clerk (văn thư) registers it: the number and
/// date go into the year's register of outgoing documents
/// (records/register/SDK-YYYY.md), committed, and the handbook prints them in
/// the document's Decree 30 heading (`Số: 123/QĐ-UBND`, `Hòa Bình, ngày 01
/// tháng 12 năm 2026`). The number belongs to the effective issue; a new
/// issue is registered again. A number another document holds that year is
/// refused; `--replace` corrects a wrong number of the same issue.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  QMS_USER=tran-thi-binh qms issue-number QD-01 --number 123/QĐ-UBND --date 01/12/2026
  qms issue-number QD-01 --number 12 --date 2026-12-01
  qms issue-number QD-01 --number 124/QĐ-UBND --date 01/12/2026 --replace")]
pub(crate) struct Args {
    /// The document (its id, e.g. QD-01).
    pub id: String,
    /// The official number, as the register writes it: `123/QĐ-UBND`, or
    /// only `123` (the kind and the agency's abbreviation are added).
    #[arg(long)]
    pub number: String,
    /// The date of issue: `01/12/2026` or `2026-12-01`.
    #[arg(long)]
    pub date: String,
    /// Replace the number this issue already has.
    #[arg(long)]
    pub replace: bool,
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let workspace = global.workspace()?;
    let date = parse_date(&args.date).ok_or_else(|| msg!("error-register-date", date = &args.date))?;
    let registered = registration::register(
        &workspace,
        &Request {
            document: &args.id,
            number: &args.number,
            date,
            replace: args.replace,
        },
    )?;
    print(&format!("{} {} ({})", registered.commit.short(), args.id, registered.register))?;
    global.status(msg!(
        "status-registered",
        id = &args.id,
        issue = registered.issue,
        number = args.number.trim()
    ));
    Ok(Outcome::Success)
}
