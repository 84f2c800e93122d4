//! The PDF, read back with lopdf: its pages, its text and its fonts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use proptest::prelude::*;
use rapport_docs::{DocError, DocumentKind, Labels, pdf};
use support::{invoice, line, mixed_rates};

/// The parsed file and the text of each of its pages.
fn read(bytes: &[u8]) -> (lopdf::Document, Vec<String>) {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let count = doc.get_pages().len() as u32;
    let pages = (1..=count)
        .map(|p| doc.extract_text(&[p]).unwrap())
        .collect();
    (doc, pages)
}

fn all_text(pages: &[String]) -> String {
    pages.join("\n")
}

/// German words, and amounts, dates and rates written the German way.
fn german(doc: &rapport_docs::Document) -> Labels {
    let mut labels = Labels::english(doc);
    labels.lang = "de".into();
    labels.title = "Rechnung".into();
    labels.number = "Rechnungsnummer".into();
    labels.issue_date = "Rechnungsdatum".into();
    labels.due_date = "Fällig am".into();
    labels.buyer = "Rechnungsempfänger".into();
    labels.description = "Beschreibung".into();
    labels.quantity = "Menge".into();
    labels.unit_price = "Einzelpreis".into();
    labels.discount = "Rabatt".into();
    labels.tax_rate = "USt.".into();
    labels.net = "Betrag".into();
    labels.subtotal = "Zwischensumme".into();
    labels.tax = "USt. {rate} auf {taxable}".into();
    labels.total = "Gesamtbetrag".into();
    labels.paid = "Bezahlt".into();
    labels.amount_due = "Offener Betrag".into();
    labels.page = "Seite {page} von {pages}".into();
    let digits = doc.minor_digits;
    labels.formats.money = Box::new(move |minor| {
        let text = rapport_docs::amount(minor, digits).replace('.', ",");
        format!("{text}\u{a0}€")
    });
    labels.formats.date = Box::new(|d| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()));
    labels.formats.quantity = Box::new(|q| q.replace('.', ","));
    labels.formats.percent = Box::new(|r| format!("{}\u{a0}%", r.replace('.', ",")));
    labels
}

#[test]
fn an_invoice_is_one_page_with_its_number_parties_and_total() {
    let mut doc = mixed_rates();
    doc.paid = 500_000;
    let bytes = pdf(&doc, &Labels::english(&doc)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let (parsed, pages) = read(&bytes);
    assert_eq!(pages.len(), 1);
    let text = &pages[0];
    for expected in [
        "Invoice",
        "2024-0042",
        "Fjordkontor Ærø & Søn AS",
        "Łódzka Spółdzielnia Źródło",
        "90-926 Łódź",
        "9008 Tromsø",
        "NOK 27,854.75",
        "NOK 22,854.75",
        "VAT 25% of NOK 17,425.00",
        "NO93 8601 1117 947",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not in the text:\n{text}"
        );
    }
    // Both faces are embedded as subsets with a map back to Unicode.
    let mut fonts = Vec::new();
    for object in parsed.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice())
        {
            assert!(dict.has(b"ToUnicode"));
            fonts.push(
                String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap())
                    .into_owned(),
            );
        }
    }
    fonts.sort();
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    assert!(
        fonts
            .iter()
            .all(|f| f.len() == 6 + 1 + f.split('+').nth(1).unwrap().len())
    );
    assert!(fonts[0].ends_with("+NotoSans-Bold") || fonts[1].ends_with("+NotoSans-Bold"));
    // Subsetting keeps the file small: the whole faces are half a megabyte each.
    assert!(bytes.len() < 80_000, "{} bytes", bytes.len());
}

#[test]
fn letters_of_the_five_languages_come_back_as_written() {
    let mut doc = mixed_rates();
    doc.buyer.name = "Ærlige Åsmund Øverli & Łukasz Żółć".into();
    doc.lines[0].description = "Zażółć gęślą jaźń · Blåbærsyltetøy · Straße · Añejo".into();
    let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
    let text = all_text(&pages);
    assert!(
        text.contains("Ærlige Åsmund Øverli & Łukasz Żółć"),
        "{text}"
    );
    assert!(
        text.contains("Zażółć gęślą jaźń · Blåbærsyltetøy · Straße · Añejo"),
        "{text}"
    );
}

#[test]
fn a_long_document_breaks_onto_pages_each_with_the_table_head_and_its_number() {
    let lines = (0..70)
        .map(|i| {
            let words = "Service of the heat pump, parts and labour. ".repeat(i % 4 + 1);
            line(
                &format!("Item {i}: {words}"),
                "2",
                10_000 + i as i64,
                0,
                "25",
                "S",
            )
        })
        .collect();
    let doc = invoice(lines);
    let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
    let count = pages.len();
    assert!(count >= 3, "70 lines on {count} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {count}", i + 1)),
            "page {}:\n{page}",
            i + 1
        );
        if i > 0 {
            assert!(
                page.contains("Invoice  2024-0042"),
                "page {} lacks the running head",
                i + 1
            );
        }
    }
    // Every line is printed exactly once, in order, and the table head opens each page
    // that has lines.
    let text = all_text(&pages);
    let mut last = 0;
    for i in 0..70 {
        let label = format!("Item {i}: ");
        assert_eq!(text.matches(&label).count(), 1, "{label}");
        let at = text.find(&label).unwrap();
        assert!(at > last || i == 0);
        last = at;
    }
    for page in pages.iter().filter(|p| p.contains("Item ")) {
        assert!(page.contains("Description"));
    }
    assert!(
        pages[count - 1].contains("NOK"),
        "the totals end the document"
    );
    let total = format!("NOK {}", group(doc.total));
    assert_eq!(
        text.matches(&total).count(),
        1,
        "{total} once, as the total"
    );
}

/// `1234567` minor units as `12,345.67`.
fn group(minor: i64) -> String {
    let plain = rapport_docs::amount(minor, 2);
    let (whole, fraction) = plain.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{fraction}")
}

#[test]
fn a_description_longer_than_a_page_goes_on_over_the_next() {
    let words: Vec<String> = (0..1500).map(|i| format!("w{i}")).collect();
    let doc = invoice(vec![
        line(&words.join(" "), "1", 100_000, 0, "25", "S"),
        line("After the long one", "1", 5_000, 0, "25", "S"),
    ]);
    let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
    assert!(pages.len() >= 2);
    let text = all_text(&pages);
    for word in [&words[0], &words[700], &words[1499]] {
        assert!(
            text.split_whitespace().any(|w| w == word.as_str()),
            "{word} is lost"
        );
    }
    assert!(pages[0].contains("w0 w1 w2"));
    assert!(text.contains("After the long one"));
}

#[test]
fn german_labels_and_formats_are_used_and_the_language_declared() {
    let mut doc = mixed_rates();
    doc.currency = "EUR".into();
    doc.paid = 100_000;
    let bytes = pdf(&doc, &german(&doc)).unwrap();
    let (parsed, pages) = read(&bytes);
    let text = &pages[0];
    for expected in [
        "Rechnung",
        "Rechnungsempfänger",
        "Fällig am",
        "03.06.2024",
        "03.07.2024",
        "Gesamtbetrag",
        "27854,75\u{a0}€",
        "Offener Betrag",
        "USt. 25\u{a0}% auf 17425,00\u{a0}€",
        "12,5",
        "Seite 1 von 1",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    assert!(!text.contains("Invoice"));
    let catalog = parsed.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"de");
}

#[test]
fn a_quote_has_its_title_and_no_payment_rows() {
    let mut doc = mixed_rates();
    doc.kind = DocumentKind::Quote;
    doc.iban = None;
    let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
    let text = &pages[0];
    assert!(text.contains("Quote") && text.contains("Quote number"));
    assert!(!text.contains("Amount due") && !text.contains("Paid") && !text.contains("IBAN"));
}

#[test]
fn yen_amounts_are_printed_without_decimals() {
    let mut doc = invoice(vec![line("Tatami mats", "4", 12_500, 0, "10", "S")]);
    doc.currency = "JPY".into();
    doc.minor_digits = 0;
    let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
    assert!(pages[0].contains("JPY 55,000"), "{}", pages[0]);
    assert!(pages[0].contains("JPY 12,500"));
}

#[test]
fn documents_that_do_not_add_up_or_cannot_be_set_are_refused() {
    let mut doc = mixed_rates();
    doc.total -= 1;
    assert!(matches!(
        pdf(&doc, &Labels::english(&doc)),
        Err(DocError::Total { .. })
    ));

    let mut doc = mixed_rates();
    doc.buyer.name = "株式会社".into();
    assert_eq!(
        pdf(&doc, &Labels::english(&doc)),
        Err(DocError::MissingGlyph { character: '株' })
    );
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = mixed_rates();
    let first = pdf(&doc, &Labels::english(&doc)).unwrap();
    let second = pdf(&doc, &Labels::english(&doc)).unwrap();
    assert_eq!(first, second);
    let mut changed = doc.clone();
    changed.number = "2024-0043".into();
    assert_ne!(first, pdf(&changed, &Labels::english(&changed)).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn every_line_is_printed_on_numbered_pages(sizes in prop::collection::vec(1usize..60, 1..45)) {
        let lines = sizes
            .iter()
            .enumerate()
            .map(|(i, words)| line(&format!("L{i}x {}", "lorem ipsum ".repeat(*words)), "1", 1_000, 0, "25", "S"))
            .collect();
        let doc = invoice(lines);
        let (_, pages) = read(&pdf(&doc, &Labels::english(&doc)).unwrap());
        let count = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let number = format!("Page {} of {count}", i + 1);
            prop_assert!(page.contains(&number));
        }
        let text = all_text(&pages);
        for i in 0..sizes.len() {
            let label = format!("L{i}x");
            prop_assert_eq!(text.split_whitespace().filter(|w| *w == label.as_str()).count(), 1);
        }
        // A page holds at most about sixty lines of text, so long documents must break.
        let wrapped_lines: usize = sizes.iter().map(|w| w / 6 + 1).sum();
        prop_assert!(count >= wrapped_lines / 60);
    }
}
