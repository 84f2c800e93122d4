//! Documents for the tests, with their arithmetic done here as the sales module would.

#![allow(dead_code)]

use jiff::civil::date;
use rapport_docs::{Document, DocumentKind, DocumentLine, EndpointId, Party, TaxSubtotal};

pub fn seller() -> Party {
    Party {
        name: "Fjordkontor Ærø & Søn AS".into(),
        street: "Storgata 12\n3. etasje".into(),
        city: "Tromsø".into(),
        postcode: "9008".into(),
        country_code: "NO".into(),
        vat_id: Some("NO987654321MVA".into()),
        company_id: Some("987654321".into()),
        email: Some("faktura@fjordkontor.example".into()),
        endpoint_id: Some(EndpointId {
            scheme: "0192".into(),
            id: "987654321".into(),
        }),
    }
}

pub fn buyer() -> Party {
    Party {
        name: "Łódzka Spółdzielnia Źródło".into(),
        street: "ul. Piotrkowska 104".into(),
        city: "Łódź".into(),
        postcode: "90-926".into(),
        country_code: "PL".into(),
        vat_id: Some("PL7251801126".into()),
        company_id: None,
        email: None,
        endpoint_id: Some(EndpointId {
            scheme: "9945".into(),
            id: "PL7251801126".into(),
        }),
    }
}

/// Reads simple decimal text into digits and a scale.
fn parts(text: &str) -> (i128, u32) {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits: i128 = format!("{whole}{fraction}").parse().unwrap();
    (digits, fraction.len() as u32)
}

/// `n / d` rounded half away from zero.
fn round_div(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d.abs() {
        q + n.signum() * d.signum()
    } else {
        q
    }
}

/// A line whose net is quantity × price − discount, rounded to the minor unit.
pub fn line(
    description: &str,
    quantity: &str,
    unit_price: i64,
    discount: i64,
    rate: &str,
    category: &str,
) -> DocumentLine {
    let (q, scale) = parts(quantity);
    let gross = round_div(q * i128::from(unit_price), 10i128.pow(scale));
    DocumentLine {
        description: description.into(),
        quantity: quantity.into(),
        unit_code: "C62".into(),
        unit_price,
        discount,
        net: i64::try_from(gross).unwrap() - discount,
        tax_rate: rate.into(),
        tax_category: category.into(),
    }
}

/// An invoice over `lines`, with the taxes grouped per category and rate and rounded once
/// per group.
pub fn invoice(lines: Vec<DocumentLine>) -> Document {
    let mut taxes: Vec<TaxSubtotal> = Vec::new();
    for l in &lines {
        match taxes
            .iter_mut()
            .find(|t| t.category == l.tax_category && t.rate == l.tax_rate)
        {
            Some(t) => t.taxable += l.net,
            None => taxes.push(TaxSubtotal {
                rate: l.tax_rate.clone(),
                category: l.tax_category.clone(),
                taxable: l.net,
                tax: 0,
                exemption_reason: None,
            }),
        }
    }
    for t in &mut taxes {
        let (r, scale) = parts(&t.rate);
        t.tax = i64::try_from(round_div(
            i128::from(t.taxable) * r,
            100 * 10i128.pow(scale),
        ))
        .unwrap();
        if t.category == "E" {
            t.exemption_reason = Some("Exempt under §6 of the VAT act".into());
        }
    }
    let subtotal: i64 = lines.iter().map(|l| l.net).sum();
    let tax_total: i64 = taxes.iter().map(|t| t.tax).sum();
    Document {
        kind: DocumentKind::Invoice,
        number: "2024-0042".into(),
        issue_date: date(2024, 6, 3),
        due_date: Some(date(2024, 7, 3)),
        currency: "NOK".into(),
        minor_digits: 2,
        seller: seller(),
        buyer: buyer(),
        buyer_reference: Some("PO-7781".into()),
        lines,
        taxes,
        subtotal,
        tax_total,
        total: subtotal + tax_total,
        paid: 0,
        note: Some("Thank you for your order.".into()),
        payment_terms: Some("30 days net".into()),
        iban: Some("NO93 8601 1117 947".into()),
    }
}

/// An invoice with three tax rates.
pub fn mixed_rates() -> Document {
    invoice(vec![
        line("Consulting, June", "12.5", 125_000, 0, "25", "S"),
        line("Catering for the workshop", "1", 480_000, 30_000, "15", "S"),
        line("Printed manual", "3", 29_950, 0, "0", "Z"),
        line("Travel time", "2", 90_000, 0, "25", "S"),
    ])
}
