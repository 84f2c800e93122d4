//! What a page shows, as text: the caller's words and number formats applied to a
//! document. Layout reads only this, so it never formats a number itself.

use crate::check::Checked;
use crate::decimal::amount;
use crate::iban;
use crate::model::{Document, DocumentKind, Party, present};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// Formats numbers the reader's way.
pub struct Formats {
    /// An amount in minor units of the document's currency, with its currency.
    pub money: Box<dyn Fn(i64) -> String + Send + Sync>,
    pub date: Box<dyn Fn(Date) -> String + Send + Sync>,
    /// A quantity, given as decimal text such as `1.5`.
    pub quantity: Box<dyn Fn(&str) -> String + Send + Sync>,
    /// A tax rate, given as decimal text percent such as `25`, with its percent sign.
    pub percent: Box<dyn Fn(&str) -> String + Send + Sync>,
}

/// The words of a document in the reader's language, and how numbers are written in it.
pub struct Labels {
    /// The language's BCP 47 tag, such as `nb`, which the PDF declares.
    pub lang: String,
    /// The heading: "Invoice", "Rechnung", "Faktura", ...
    pub title: String,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub buyer_reference: String,
    /// The heading over the buyer's address: "Bill to", ...
    pub buyer: String,
    pub vat_id: String,
    pub company_id: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub tax_rate: String,
    pub net: String,
    pub subtotal: String,
    /// One tax subtotal's row; `{rate}` and `{taxable}` are filled in: "VAT {rate} of
    /// {taxable}".
    pub tax: String,
    pub total: String,
    pub paid: String,
    pub amount_due: String,
    pub payment_terms: String,
    pub iban: String,
    pub payment_reference: String,
    pub note: String,
    /// The page number; `{page}` and `{pages}` are filled in: "Page {page} of {pages}".
    pub page: String,
    /// Words for unit codes, shown after a quantity: `HUR` → "h". A unit without a word
    /// is not shown.
    pub units: BTreeMap<String, String>,
    pub formats: Formats,
}

impl Labels {
    /// English words, with amounts as `NOK 1,234.50` and dates as `2024-06-03`.
    pub fn english(doc: &Document) -> Labels {
        let (title, number) = match doc.kind {
            DocumentKind::Quote => ("Quote", "Quote number"),
            DocumentKind::Order => ("Order confirmation", "Order number"),
            DocumentKind::Invoice => ("Invoice", "Invoice number"),
        };
        let currency = doc.currency.clone();
        let digits = doc.minor_digits;
        let units = [
            ("HUR", "h"),
            ("DAY", "days"),
            ("KGM", "kg"),
            ("MTR", "m"),
            ("LTR", "l"),
        ];
        Labels {
            lang: "en".into(),
            title: title.into(),
            number: number.into(),
            issue_date: "Date".into(),
            due_date: "Due date".into(),
            buyer_reference: "Your reference".into(),
            buyer: "Bill to".into(),
            vat_id: "VAT ID".into(),
            company_id: "Company no.".into(),
            description: "Description".into(),
            quantity: "Qty".into(),
            unit_price: "Unit price".into(),
            discount: "Discount".into(),
            tax_rate: "VAT".into(),
            net: "Amount".into(),
            subtotal: "Subtotal".into(),
            tax: "VAT {rate} of {taxable}".into(),
            total: "Total".into(),
            paid: "Paid".into(),
            amount_due: "Amount due".into(),
            payment_terms: "Payment terms".into(),
            iban: "IBAN".into(),
            payment_reference: "Payment reference".into(),
            note: "Note".into(),
            page: "Page {page} of {pages}".into(),
            units: units
                .into_iter()
                .map(|(code, word)| (code.to_owned(), word.to_owned()))
                .collect(),
            formats: Formats {
                money: Box::new(move |minor| {
                    format!("{currency} {}", grouped(&amount(minor, digits)))
                }),
                date: Box::new(|d| d.to_string()),
                quantity: Box::new(str::to_owned),
                percent: Box::new(|rate| format!("{rate}%")),
            },
        }
    }
}

/// `1234567.50` as `1,234,567.50`.
fn grouped(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A label and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    pub text: String,
}

/// A party's name and the lines under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyView {
    pub name: String,
    pub lines: Vec<String>,
}

/// The heads of the line table; the discount column is left out when no line has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: Option<String>,
    pub tax_rate: String,
    pub net: String,
}

/// One row of the line table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub tax_rate: String,
    pub net: String,
}

/// One row under the line table; a strong row is set in bold with a rule above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalView {
    pub label: String,
    pub value: String,
    pub strong: bool,
}

/// Everything a document's pages show, formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintView {
    pub lang: String,
    pub title: String,
    /// The document's number, shown with the title on every page.
    pub number: String,
    pub seller: PartyView,
    pub buyer_heading: String,
    pub buyer: PartyView,
    /// Number, dates and references, beside the title.
    pub facts: Vec<Labelled>,
    pub columns: Columns,
    pub lines: Vec<LineView>,
    pub totals: Vec<TotalView>,
    /// Payment terms, bank account, note: each a heading and its text.
    pub sections: Vec<Labelled>,
    /// The small print at the foot of every page.
    pub footer: String,
    /// The page number's text, with `{page}` and `{pages}` to fill in.
    pub page: String,
}

impl PrintView {
    pub(crate) fn new(doc: &Document, labels: &Labels, checked: &Checked) -> PrintView {
        let f = &labels.formats;
        let money = |minor: i64| (f.money)(minor);
        let mut facts = vec![
            labelled(&labels.number, doc.number.trim()),
            labelled(&labels.issue_date, &(f.date)(doc.issue_date)),
        ];
        if let Some(due) = doc.due_date {
            facts.push(labelled(&labels.due_date, &(f.date)(due)));
        }
        if let Some(reference) = present(&doc.buyer_reference) {
            facts.push(labelled(&labels.buyer_reference, reference));
        }

        let any_discount = doc.lines.iter().any(|l| l.discount != 0);
        let lines = doc
            .lines
            .iter()
            .map(|l| {
                let mut quantity = (f.quantity)(&l.quantity);
                if let Some(unit) = labels.units.get(&l.unit_code) {
                    quantity = format!("{quantity} {unit}");
                }
                LineView {
                    description: l.description.trim().to_owned(),
                    quantity,
                    unit_price: money(l.unit_price),
                    discount: if l.discount == 0 {
                        String::new()
                    } else {
                        money(l.discount)
                    },
                    tax_rate: (f.percent)(&l.tax_rate),
                    net: money(l.net),
                }
            })
            .collect();

        let mut totals = vec![row(&labels.subtotal, money(doc.subtotal), false)];
        for tax in &doc.taxes {
            let label = labels
                .tax
                .replace("{rate}", &(f.percent)(&tax.rate))
                .replace("{taxable}", &money(tax.taxable));
            totals.push(row(&label, money(tax.tax), false));
        }
        totals.push(row(&labels.total, money(doc.total), true));
        if doc.paid != 0 {
            totals.push(row(&labels.paid, money(doc.paid), false));
            totals.push(row(&labels.amount_due, money(doc.amount_due()), true));
        }

        let mut sections = Vec::new();
        if let Some(terms) = present(&doc.payment_terms) {
            sections.push(labelled(&labels.payment_terms, terms));
        }
        if let Some(iban) = &checked.iban {
            sections.push(labelled(&labels.iban, &iban::printed(iban)));
            if doc.kind == DocumentKind::Invoice {
                sections.push(labelled(&labels.payment_reference, doc.number.trim()));
            }
        }
        if let Some(note) = present(&doc.note) {
            sections.push(labelled(&labels.note, note));
        }

        let mut footer = vec![doc.seller.name.trim().to_owned()];
        footer.extend(present(&doc.seller.vat_id).map(|v| format!("{} {v}", labels.vat_id)));
        footer.extend(present(&doc.seller.email).map(str::to_owned));

        PrintView {
            lang: labels.lang.clone(),
            title: labels.title.clone(),
            number: doc.number.trim().to_owned(),
            seller: party(&doc.seller, labels, true),
            buyer_heading: labels.buyer.clone(),
            buyer: party(&doc.buyer, labels, false),
            facts,
            columns: Columns {
                description: labels.description.clone(),
                quantity: labels.quantity.clone(),
                unit_price: labels.unit_price.clone(),
                discount: any_discount.then(|| labels.discount.clone()),
                tax_rate: labels.tax_rate.clone(),
                net: labels.net.clone(),
            },
            lines,
            totals,
            sections,
            footer: footer.join("  ·  "),
            page: labels.page.clone(),
        }
    }
}

/// A party's address lines; the seller's also name its registrations and email, which
/// a buyer's address does not need.
fn party(p: &Party, labels: &Labels, seller: bool) -> PartyView {
    let mut lines: Vec<String> = p
        .street
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let place = format!("{} {}", p.postcode.trim(), p.city.trim());
    if !place.trim().is_empty() {
        lines.push(place.trim().to_owned());
    }
    if !p.country_code.trim().is_empty() {
        lines.push(p.country_code.trim().to_owned());
    }
    if let Some(vat) = present(&p.vat_id) {
        lines.push(format!("{} {vat}", labels.vat_id));
    }
    if seller {
        if let Some(id) = present(&p.company_id) {
            lines.push(format!("{} {id}", labels.company_id));
        }
        if let Some(email) = present(&p.email) {
            lines.push(email.to_owned());
        }
    }
    PartyView {
        name: p.name.trim().to_owned(),
        lines,
    }
}

fn labelled(label: &str, text: &str) -> Labelled {
    Labelled {
        label: label.to_owned(),
        text: text.to_owned(),
    }
}

fn row(label: &str, value: String, strong: bool) -> TotalView {
    TotalView {
        label: label.to_owned(),
        value,
        strong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_amounts_are_grouped_in_thousands() {
        assert_eq!(grouped("1234567.50"), "1,234,567.50");
        assert_eq!(grouped("-1000"), "-1,000");
        assert_eq!(grouped("999.99"), "999.99");
        assert_eq!(grouped("0.05"), "0.05");
    }
}
