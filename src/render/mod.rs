//! Rendering: tera templates and Markdown. Only this module touches tera and
//! pulldown-cmark.

pub(crate) mod blocks;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod templates;
