//! Lays a [`PrintView`] out on A4 pages: the parties and facts, the line table with
//! wrapped descriptions and page breaks, the totals, the sections, and a footer.
//!
//! Coordinates are PDF points from the page's bottom left corner.

use super::font::{Fonts, Style};
use super::view::{LineView, PrintView, TotalView};
use crate::error::DocError;

pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm margins at the sides and the top.
const LEFT: f32 = 56.7;
const RIGHT: f32 = PAGE_WIDTH - 56.7;
const TOP: f32 = PAGE_HEIGHT - 56.7;
/// Content stops here; the footer sits below.
const BOTTOM: f32 = 78.0;
const FOOTER_BASELINE: f32 = 42.0;
const WIDTH: f32 = RIGHT - LEFT;

/// A colour as red, green and blue from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

const INK: Rgb = Rgb(0.11, 0.13, 0.16);
const MUTED: Rgb = Rgb(0.38, 0.41, 0.46);
const RULE: Rgb = Rgb(0.80, 0.82, 0.85);
const BAND: Rgb = Rgb(0.94, 0.95, 0.96);

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Text {
        style: Style,
        size: f32,
        x: f32,
        y: f32,
        color: Rgb,
        glyphs: Vec<u8>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy)]
struct Pen {
    style: Style,
    size: f32,
    color: Rgb,
}

const fn pen(style: Style, size: f32, color: Rgb) -> Pen {
    Pen { style, size, color }
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// Sizes of the line table's text.
const CELL_SIZE: f32 = 9.0;
const CELL_LEADING: f32 = 12.5;
const CELL_PAD: f32 = 5.0;
const HEAD_SIZE: f32 = 8.0;
const HEAD_HEIGHT: f32 = 18.0;
/// The space between two columns of the table.
const GUTTER: f32 = 12.0;
/// The description keeps at least this much of the table's width.
const MIN_DESCRIPTION: f32 = 150.0;
/// The height the repeated title takes at the top of a continuation page.
const CONTINUATION: f32 = 26.0;

/// Lays out `view` and answers its pages.
pub(crate) fn compose(view: &PrintView, fonts: &mut Fonts) -> Result<Vec<Page>, DocError> {
    let mut layout = Layout {
        fonts,
        view,
        pages: vec![Page::default()],
        y: TOP,
    };
    layout.header()?;
    layout.table()?;
    layout.totals()?;
    layout.sections()?;
    layout.footers()?;
    Ok(layout.pages)
}

struct Layout<'a> {
    fonts: &'a mut Fonts,
    view: &'a PrintView,
    pages: Vec<Page>,
    /// The top of the free space on the last page.
    y: f32,
}

/// Where the table's columns end, from the left, and which are right-aligned numbers.
struct Grid {
    /// Right edges of the numeric columns, in the order quantity, unit price,
    /// discount (if shown), tax rate, net.
    rights: Vec<f32>,
    /// The description's width.
    description: f32,
    /// The widest a numeric cell may be before it is set smaller.
    widths: Vec<f32>,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Sets `text` on the last page with its left end at `x` and its baseline at `y`.
    fn text(&mut self, pen: Pen, x: f32, y: f32, text: &str) -> Result<(), DocError> {
        self.text_on(self.pages.len() - 1, pen, x, y, text)
    }

    fn text_on(
        &mut self,
        page: usize,
        pen: Pen,
        x: f32,
        y: f32,
        text: &str,
    ) -> Result<(), DocError> {
        if text.is_empty() {
            return Ok(());
        }
        let glyphs = self.fonts.get_mut(pen.style).encode(text)?;
        self.pages[page].ops.push(Op::Text {
            style: pen.style,
            size: pen.size,
            x,
            y,
            color: pen.color,
            glyphs,
        });
        Ok(())
    }

    /// Sets `text` with its right end at `right`, smaller if it would be wider than
    /// `max_width`.
    fn text_right(
        &mut self,
        pen: Pen,
        right: f32,
        y: f32,
        text: &str,
        max_width: f32,
    ) -> Result<(), DocError> {
        let pen = self.fit(pen, text, max_width);
        let width = self.fonts.get(pen.style).width(text, pen.size);
        self.text(pen, right - width, y, text)
    }

    /// The pen, at most its size, with which `text` is no wider than `width`.
    fn fit(&self, pen: Pen, text: &str, width: f32) -> Pen {
        let natural = self.fonts.get(pen.style).width(text, pen.size);
        if natural <= width || natural <= 0.0 {
            pen
        } else {
            Pen {
                size: (pen.size * width / natural).max(5.0),
                ..pen
            }
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.line_on(self.pages.len() - 1, from, to, width, color);
    }

    fn line_on(&mut self, page: usize, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.pages[page].ops.push(Op::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// Breaks `text` into lines no wider than `width`: at its line breaks, between words,
    /// and inside a word only when the word alone is too wide.
    fn wrap(&self, style: Style, size: f32, text: &str, width: f32) -> Vec<String> {
        let font = self.fonts.get(style);
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut current = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if current.is_empty() {
                    word.to_owned()
                } else {
                    format!("{current} {word}")
                };
                if font.width(&candidate, size) <= width {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                // A word wider than the line is cut where it no longer fits.
                for c in word.chars() {
                    current.push(c);
                    if font.width(&current, size) > width && current.chars().count() > 1 {
                        current.pop();
                        lines.push(std::mem::take(&mut current));
                        current.push(c);
                    }
                }
            }
            lines.push(current);
        }
        // A blank paragraph keeps its line, but none is left dangling at the end.
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    }

    /// Starts a new page, headed with the title and number in small print.
    fn new_page(&mut self) -> Result<(), DocError> {
        self.pages.push(Page::default());
        let heading = format!("{}  {}", self.view.title, self.view.number);
        self.text(pen(Style::Bold, 8.5, MUTED), LEFT, TOP - 8.5, &heading)?;
        self.line((LEFT, TOP - 14.0), (RIGHT, TOP - 14.0), 0.4, RULE);
        self.y = TOP - CONTINUATION;
        Ok(())
    }

    /// Sets each of `lines`, wrapped to `width`, one `leading` below the other from `y`,
    /// and answers the last baseline.
    fn block(
        &mut self,
        pen: Pen,
        lines: &[String],
        width: f32,
        leading: f32,
        mut y: f32,
    ) -> Result<f32, DocError> {
        for line in lines {
            for part in self.wrap(pen.style, pen.size, line, width) {
                y -= leading;
                self.text(pen, LEFT, y, &part)?;
            }
        }
        Ok(y)
    }

    /// The seller top left, the title and facts top right, and the buyer below them.
    fn header(&mut self) -> Result<(), DocError> {
        let view = self.view;
        let column = 250.0;

        let name = std::slice::from_ref(&view.seller.name);
        let y = self.block(pen(Style::Bold, 12.0, INK), name, column, 14.0, TOP)?;
        let seller_end = self.block(
            pen(Style::Regular, 8.5, MUTED),
            &view.seller.lines,
            column,
            11.5,
            y - 3.0,
        )?;

        let facts_width = 215.0;
        let mut y = TOP - 20.0;
        let title = pen(Style::Bold, 20.0, INK);
        self.text_right(title, RIGHT, y, &view.title, facts_width)?;
        y -= 10.0;
        for fact in &view.facts {
            y -= 13.5;
            let label = self.fit(
                pen(Style::Regular, 8.5, MUTED),
                &fact.label,
                facts_width * 0.45,
            );
            self.text(label, RIGHT - facts_width, y, &fact.label)?;
            let value = pen(Style::Regular, 9.0, INK);
            self.text_right(value, RIGHT, y, &fact.text, facts_width * 0.53)?;
        }
        let facts_end = y;

        let mut y = seller_end.min(facts_end) - 30.0;
        self.text(pen(Style::Bold, 8.0, MUTED), LEFT, y, &view.buyer_heading)?;
        y -= 4.0;
        let name = std::slice::from_ref(&view.buyer.name);
        let y = self.block(pen(Style::Bold, 11.0, INK), name, column + 40.0, 14.0, y)?;
        let y = self.block(
            pen(Style::Regular, 9.5, INK),
            &view.buyer.lines,
            column + 40.0,
            13.0,
            y,
        )?;
        self.y = y - 30.0;
        Ok(())
    }

    /// The columns' widths: each numeric column as wide as its widest cell, the
    /// description the rest.
    fn grid(&self) -> Grid {
        let view = self.view;
        let regular = self.fonts.get(Style::Regular);
        let bold = self.fonts.get(Style::Bold);
        let mut widths: Vec<f32> = numeric_heads(view)
            .iter()
            .map(|h| bold.width(h, HEAD_SIZE))
            .collect();
        for line in &view.lines {
            for (w, cell) in widths.iter_mut().zip(numeric_cells(view, line)) {
                *w = w.max(regular.width(cell, CELL_SIZE));
            }
        }
        // Numbers give way to the description when the page is too narrow for both.
        let room = WIDTH - MIN_DESCRIPTION - GUTTER * widths.len() as f32;
        let total: f32 = widths.iter().sum();
        if total > room {
            for w in &mut widths {
                *w *= room / total;
            }
        }
        let mut rights = Vec::with_capacity(widths.len());
        let mut right = RIGHT - 4.0;
        for w in widths.iter().rev() {
            rights.push(right);
            right -= w + GUTTER;
        }
        rights.reverse();
        Grid {
            rights,
            description: right - (LEFT + 4.0),
            widths,
        }
    }

    fn table_head(&mut self, grid: &Grid) -> Result<(), DocError> {
        let view = self.view;
        let top = self.y;
        self.page().ops.push(Op::Fill {
            x: LEFT,
            y: top - HEAD_HEIGHT,
            width: WIDTH,
            height: HEAD_HEIGHT,
            color: BAND,
        });
        let baseline = top - HEAD_HEIGHT + 6.0;
        let head = pen(Style::Bold, HEAD_SIZE, MUTED);
        let description = &view.columns.description;
        let fitted = self.fit(head, description, grid.description);
        self.text(fitted, LEFT + 4.0, baseline, description)?;
        for ((text, right), width) in numeric_heads(view)
            .into_iter()
            .zip(&grid.rights)
            .zip(&grid.widths)
        {
            self.text_right(head, *right, baseline, text, *width)?;
        }
        self.y = top - HEAD_HEIGHT;
        Ok(())
    }

    /// The line table, continued on new pages with its head repeated; a description too
    /// long for one page goes on over the next.
    fn table(&mut self) -> Result<(), DocError> {
        let view = self.view;
        let grid = self.grid();
        self.table_head(&grid)?;
        // How many lines a row may have on a page that holds nothing else.
        let fresh = TOP - CONTINUATION - HEAD_HEIGHT - BOTTOM - 2.0 * CELL_PAD;
        let fresh_lines = ((fresh / CELL_LEADING).floor() as usize).max(1);
        for row in &view.lines {
            let mut text = self.wrap(
                Style::Regular,
                CELL_SIZE,
                &row.description,
                grid.description,
            );
            if text.is_empty() {
                text.push(String::new());
            }
            let mut start = 0;
            while start < text.len() {
                let room = self.y - BOTTOM - 2.0 * CELL_PAD;
                let fits = (room / CELL_LEADING).floor().max(0.0) as usize;
                let rest = text.len() - start;
                // A row that would fit whole on a new page is not split.
                if fits == 0 || (start == 0 && fits < rest && rest <= fresh_lines) {
                    self.new_page()?;
                    self.table_head(&grid)?;
                    continue;
                }
                let count = fits.min(rest);
                self.row(&grid, row, &text[start..start + count], start == 0)?;
                start += count;
                if start < text.len() {
                    self.new_page()?;
                    self.table_head(&grid)?;
                }
            }
        }
        Ok(())
    }

    /// One row, or the part of one that fits: description lines, and the numbers on its
    /// first part.
    fn row(
        &mut self,
        grid: &Grid,
        row: &LineView,
        text: &[String],
        numbers: bool,
    ) -> Result<(), DocError> {
        let view = self.view;
        let cell = pen(Style::Regular, CELL_SIZE, INK);
        let top = self.y;
        let first = top - CELL_PAD - CELL_LEADING * 0.75;
        for (i, part) in text.iter().enumerate() {
            self.text(cell, LEFT + 4.0, first - i as f32 * CELL_LEADING, part)?;
        }
        if numbers {
            let cells = numeric_cells(view, row);
            for ((value, right), width) in cells.into_iter().zip(&grid.rights).zip(&grid.widths) {
                self.text_right(cell, *right, first, value, *width)?;
            }
        }
        let bottom = top - 2.0 * CELL_PAD - text.len() as f32 * CELL_LEADING;
        self.line((LEFT, bottom), (RIGHT, bottom), 0.4, RULE);
        self.y = bottom;
        Ok(())
    }

    /// The totals at the right, kept together on one page.
    fn totals(&mut self) -> Result<(), DocError> {
        let rows = &self.view.totals;
        let step = |row: &TotalView| if row.strong { 24.0 } else { 16.0 };
        let height: f32 = 14.0 + rows.iter().map(step).sum::<f32>();
        if self.y - height < BOTTOM {
            self.new_page()?;
        }
        let width = 270.0;
        let value_width = 110.0;
        let mut y = self.y - 14.0;
        for row in rows {
            let row_pen = if row.strong {
                self.line((RIGHT - width, y - 4.0), (RIGHT, y - 4.0), 0.8, INK);
                pen(Style::Bold, 10.5, INK)
            } else {
                pen(Style::Regular, 9.0, INK)
            };
            let baseline = y - step(row) + 4.0;
            let label = self.fit(row_pen, &row.label, width - value_width - 8.0);
            self.text(label, RIGHT - width, baseline, &row.label)?;
            self.text_right(row_pen, RIGHT - 4.0, baseline, &row.value, value_width)?;
            y -= step(row);
        }
        self.y = y - 22.0;
        Ok(())
    }

    /// Payment terms, bank account and note: a heading and wrapped text each, the
    /// heading kept with its first line.
    fn sections(&mut self) -> Result<(), DocError> {
        let body = pen(Style::Regular, 9.5, INK);
        for section in &self.view.sections {
            let lines = self.wrap(body.style, body.size, &section.text, WIDTH);
            if self.y - 26.0 < BOTTOM {
                self.new_page()?;
            }
            self.y -= 10.0;
            self.text(pen(Style::Bold, 8.5, MUTED), LEFT, self.y, &section.label)?;
            self.y -= 3.0;
            for line in &lines {
                if self.y - 13.0 < BOTTOM {
                    self.new_page()?;
                }
                self.y -= 13.0;
                self.text(body, LEFT, self.y, line)?;
            }
            self.y -= 12.0;
        }
        Ok(())
    }

    /// The small print and the page number at the foot of every page, drawn last, when
    /// the number of pages is known.
    fn footers(&mut self) -> Result<(), DocError> {
        let count = self.pages.len();
        let small = pen(Style::Regular, 7.5, MUTED);
        for index in 0..count {
            let number = self
                .view
                .page
                .replace("{page}", &(index + 1).to_string())
                .replace("{pages}", &count.to_string());
            let number_width = self.fonts.get(small.style).width(&number, small.size);
            let footer = &self.view.footer;
            let footer_pen = self.fit(small, footer, WIDTH - number_width - 24.0);
            let rule = FOOTER_BASELINE + 12.0;
            self.line_on(index, (LEFT, rule), (RIGHT, rule), 0.4, RULE);
            self.text_on(index, footer_pen, LEFT, FOOTER_BASELINE, footer)?;
            self.text_on(index, small, RIGHT - number_width, FOOTER_BASELINE, &number)?;
        }
        Ok(())
    }
}

/// The heads of the numeric columns: quantity, unit price, discount if shown, tax
/// rate, net.
fn numeric_heads(view: &PrintView) -> Vec<&str> {
    let c = &view.columns;
    let mut heads = vec![c.quantity.as_str(), c.unit_price.as_str()];
    if let Some(discount) = &c.discount {
        heads.push(discount);
    }
    heads.extend([c.tax_rate.as_str(), c.net.as_str()]);
    heads
}

/// A row's numeric cells, in the order of [`numeric_heads`].
fn numeric_cells<'v>(view: &PrintView, line: &'v LineView) -> Vec<&'v str> {
    let mut cells = vec![line.quantity.as_str(), line.unit_price.as_str()];
    if view.columns.discount.is_some() {
        cells.push(&line.discount);
    }
    cells.extend([line.tax_rate.as_str(), line.net.as_str()]);
    cells
}
