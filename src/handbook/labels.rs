//! The handbook's labels: the catalogue's `handbook-KEY` messages, which
//! templates read as `labels.KEY`, so a template override never hard-codes
//! one language.

use std::collections::BTreeMap;

use crate::i18n;
use crate::model::config::Language;

pub(crate) fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    i18n::labels_under(lang, "handbook-").into_iter().collect()
}
