//! Print-ready A4 PDFs of quotes, orders and invoices.

mod font;
mod layout;
mod view;
mod write;

use crate::check;
use crate::error::DocError;
use crate::model::Document;
pub use view::{Columns, Formats, Labelled, Labels, LineView, PartyView, PrintView, TotalView};

/// Lays `doc` out on A4 pages in the words and number formats of `labels`, after
/// checking that its numbers add up.
pub fn pdf(doc: &Document, labels: &Labels) -> Result<Vec<u8>, DocError> {
    pdf_from_view(&print_view(doc, labels)?)
}

/// What the pages of `doc` will show, as text, for a caller that wants to change it
/// before [`pdf_from_view`] lays it out.
pub fn print_view(doc: &Document, labels: &Labels) -> Result<PrintView, DocError> {
    let checked = check::consistent(doc)?;
    Ok(PrintView::new(doc, labels, &checked))
}

/// Lays out a view as it is.
pub fn pdf_from_view(view: &PrintView) -> Result<Vec<u8>, DocError> {
    let mut fonts = font::Fonts::load()?;
    let pages = layout::compose(view, &mut fonts)?;
    write::document(view, &pages, &fonts)
}
