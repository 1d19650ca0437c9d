//! The watermark across every page of a draft: the text shape Word itself
//! writes for Design ▸ Watermark (VML in the page header), which Word and
//! LibreOffice both show behind the text. docx-rs has no shapes, so the
//! written package is opened again and its headers get the shape.

use std::io::{Cursor, Read, Write};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

/// The package `docx` with `text` drawn diagonally, grey and half
/// transparent, behind every page.
pub(super) fn add(docx: &[u8], text: &str) -> Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).context("docx package")?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let name = archive.by_index_raw(index)?.name().to_string();
        if !is_header(&name) {
            out.raw_copy_file(archive.by_index_raw(index)?)?;
            continue;
        }
        let mut xml = String::new();
        archive.by_index(index)?.read_to_string(&mut xml)?;
        out.start_file(name, SimpleFileOptions::default())?;
        out.write_all(with_shape(&xml, text).as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

fn is_header(name: &str) -> bool {
    name.strip_prefix("word/header").is_some_and(|rest| rest.ends_with(".xml"))
}

/// The header's XML with the watermark paragraph as its last child.
fn with_shape(xml: &str, text: &str) -> String {
    let Some(end) = xml.rfind("</w:hdr>") else {
        return xml.to_string();
    };
    format!("{}{}{}", &xml[..end], shape(text), &xml[end..])
}

/// VML shape type 136 (text on a path, "WordArt") with its standard
/// formulas: without them the text has no path to follow.
fn shape(text: &str) -> String {
    let text = crate::text::escape_markup(text);
    let formulas = [
        "sum #0 0 10800",
        "prod #0 2 1",
        "sum 21600 0 @1",
        "sum 0 0 @2",
        "sum 21600 0 @3",
        "if @0 @3 0",
        "if @0 21600 @1",
        "if @0 0 @2",
        "if @0 @4 21600",
        "mid @5 @6",
        "mid @8 @5",
        "mid @7 @8",
        "mid @6 @7",
        "sum @6 0 @5",
    ]
    .iter()
    .map(|f| format!("<v:f eqn=\"{f}\"/>"))
    .collect::<String>();
    format!(
        "<w:p><w:r><w:pict>\
<v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">\
<v:formulas>{formulas}</v:formulas>\
<v:path textpathok=\"t\" o:connecttype=\"custom\" o:connectlocs=\"@9,0;@10,10800;@11,21600;@12,10800\" o:connectangles=\"270,180,90,0\"/>\
<v:textpath on=\"t\" fitshape=\"t\"/><o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>\
<v:shape id=\"PowerPlusWaterMarkObject1\" o:spid=\"_x0000_s1025\" type=\"#_x0000_t136\" \
style=\"position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251655168;\
mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin\" \
o:allowincell=\"f\" fillcolor=\"silver\" stroked=\"f\"><v:fill opacity=\".5\"/>\
<v:textpath style=\"font-family:&quot;Times New Roman&quot;;font-size:1pt\" string=\"{text}\"/>\
<w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape>\
</w:pict></w:r></w:p>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_goes_last_in_the_header_with_its_text_escaped() {
        let xml = with_shape("<w:hdr><w:p/></w:hdr>", "BẢN NHÁP <1>");
        assert!(xml.starts_with("<w:hdr><w:p/><w:p>") && xml.ends_with("</w:p></w:hdr>"), "{xml}");
        assert!(xml.contains("string=\"BẢN NHÁP &lt;1&gt;\""), "{xml}");
        assert!(is_header("word/header1.xml") && !is_header("word/document.xml") && !is_header("word/_rels/header1.xml.rels"));
    }
}
