//! Rendering: tera templates and Markdown. Only this module touches tera and
//! pulldown-cmark.

pub mod html;
pub mod markdown;
pub mod templates;
