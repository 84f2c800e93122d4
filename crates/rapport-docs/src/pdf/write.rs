//! Turns laid-out pages into the bytes of a PDF.

use super::font::{FontRefs, Fonts, Style};
use super::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::view::PrintView;
use crate::error::DocError;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const REGULAR: Name = Name(b"R");
const BOLD: Name = Name(b"B");

/// Writes the pages with the fonts they use. Nothing in the file depends on the time
/// or on chance, so the same view always gives the same bytes.
pub(crate) fn document(
    view: &PrintView,
    pages: &[Page],
    fonts: &Fonts,
) -> Result<Vec<u8>, DocError> {
    let mut next = 0;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let mut font_refs = || FontRefs {
        type0: alloc(),
        cid: alloc(),
        descriptor: alloc(),
        file: alloc(),
        cmap: alloc(),
    };
    let regular = font_refs();
    let bold = font_refs();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    cat.lang(TextStr(&view.lang));
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();

    let count = i32::try_from(pages.len()).map_err(|e| DocError::Font(e.to_string()))?;
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(page, _)| *page))
        .count(count);
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut writer = pdf.page(*page_ref);
        writer
            .parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(*content_ref);
        let mut resources = writer.resources();
        let mut font_names = resources.fonts();
        if fonts.regular.used() {
            font_names.pair(REGULAR, regular.type0);
        }
        if fonts.bold.used() {
            font_names.pair(BOLD, bold.type0);
        }
        font_names.finish();
        resources.finish();
        writer.finish();
        let content = miniz_oxide::deflate::compress_to_vec_zlib(&render(page), 6);
        pdf.stream(*content_ref, &content)
            .filter(Filter::FlateDecode);
    }
    if fonts.regular.used() {
        fonts.regular.embed(&mut pdf, &regular)?;
    }
    if fonts.bold.used() {
        fonts.bold.embed(&mut pdf, &bold)?;
    }
    let title = format!("{} {}", view.title, view.number);
    pdf.document_info(info)
        .title(TextStr(&title))
        .producer(TextStr("Rapport"));
    Ok(pdf.finish())
}

/// The content stream of one page.
fn render(page: &Page) -> Vec<u8> {
    let mut c = Content::new();
    for op in &page.ops {
        match op {
            Op::Text {
                style,
                size,
                x,
                y,
                color,
                glyphs,
            } => {
                let font = match style {
                    Style::Regular => REGULAR,
                    Style::Bold => BOLD,
                };
                c.set_fill_rgb(color.0, color.1, color.2);
                c.begin_text();
                c.set_font(font, *size);
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *y]);
                c.show(Str(glyphs));
                c.end_text();
            }
            Op::Line {
                from,
                to,
                width,
                color,
            } => {
                c.set_stroke_rgb(color.0, color.1, color.2);
                c.set_line_width(*width);
                c.move_to(from.0, from.1);
                c.line_to(to.0, to.1);
                c.stroke();
            }
            Op::Fill {
                x,
                y,
                width,
                height,
                color,
            } => {
                c.set_fill_rgb(color.0, color.1, color.2);
                c.rect(*x, *y, *width, *height);
                c.fill_nonzero();
            }
        }
    }
    c.finish().into_vec()
}
