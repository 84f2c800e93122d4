//! The checks a document passes before anything is written.
//!
//! [`consistent`] holds for every output: the text is printable, the codes are well
//! formed and the numbers add up. [`peppol`] adds what a Peppol BIS Billing 3.0 invoice
//! requires on top. The rule names in the comments are those of EN 16931 (`BR-…`) and
//! Peppol (`PEPPOL-EN16931-R…`), so a refusal can be traced to the rule it keeps.

use crate::country::is_country_code;
use crate::decimal::Decimal;
use crate::error::DocError;
use crate::iban;
use crate::model::{Document, DocumentKind, Party, present};

/// The tax categories of UNCL 5305 that EN 16931 allows.
const CATEGORIES: [&str; 9] = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

/// The categories whose law charges no tax and so asks for the reason why.
const EXEMPT: [&str; 5] = ["E", "AE", "K", "G", "O"];

/// What the checks learnt that the writers need.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The IBAN in electronic form, if one was given.
    pub iban: Option<String>,
}

/// Checks what every document must satisfy, whatever it is written as.
pub(crate) fn consistent(doc: &Document) -> Result<Checked, DocError> {
    printable_text(doc)?;
    required(&doc.number, "number")?;
    if doc.currency.len() != 3 || !doc.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid("currency", &doc.currency, "an ISO 4217 code"));
    }
    // ISO 4217 has no currency with more than four minor digits.
    if doc.minor_digits > 4 {
        return Err(invalid(
            "minor_digits",
            &doc.minor_digits.to_string(),
            "between 0 and 4",
        ));
    }
    party(&doc.seller, "seller")?;
    party(&doc.buyer, "buyer")?;
    if let Some(due) = doc.due_date
        && due < doc.issue_date
    {
        return Err(DocError::DueBeforeIssue {
            issue: doc.issue_date,
            due,
        });
    }
    let rates = lines(doc)?;
    taxes(doc, &rates)?;
    totals(doc)?;
    let iban = match present(&doc.iban) {
        Some(text) => {
            Some(iban::electronic(text).ok_or_else(|| invalid("iban", text, "a valid IBAN"))?)
        }
        None => None,
    };
    Ok(Checked { iban })
}

/// Checks what Peppol BIS Billing 3.0 requires of an invoice beyond consistency.
pub(crate) fn peppol(doc: &Document) -> Result<(), DocError> {
    if doc.kind != DocumentKind::Invoice {
        return Err(DocError::NotAnInvoice { kind: doc.kind });
    }
    // BR-DEC-*: invoice amounts have at most two decimals.
    if doc.minor_digits > 2 {
        return Err(DocError::TooManyMinorDigits {
            currency: doc.currency.clone(),
            minor_digits: doc.minor_digits,
        });
    }
    for (p, path) in [(&doc.seller, "seller"), (&doc.buyer, "buyer")] {
        // BR-09, BR-11: both addresses name their country.
        required(&p.country_code, &format!("{path}.country_code"))?;
        // PEPPOL-EN16931-R010, R020: both parties have an electronic address.
        let Some(endpoint) = &p.endpoint_id else {
            return Err(missing(&format!("{path}.endpoint_id")));
        };
        if endpoint.scheme.len() != 4 || !endpoint.scheme.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                &format!("{path}.endpoint_id.scheme"),
                &endpoint.scheme,
                "a four-digit EAS code",
            ));
        }
        required(&endpoint.id, &format!("{path}.endpoint_id.id"))?;
        // BR-CO-09: a VAT identifier starts with its country's prefix.
        if let Some(vat) = present(&p.vat_id)
            && !vat.bytes().take(2).all(|b| b.is_ascii_uppercase())
        {
            return Err(invalid(
                &format!("{path}.vat_id"),
                vat,
                "a VAT identifier with its country prefix",
            ));
        }
    }
    // PEPPOL-EN16931-R003: a buyer reference or an order reference; this model has the
    // former only.
    if present(&doc.buyer_reference).is_none() {
        return Err(missing("buyer_reference"));
    }
    // BR-CO-25: something owed says when.
    if doc.amount_due() > 0 && doc.due_date.is_none() && present(&doc.payment_terms).is_none() {
        return Err(DocError::NoDueDateOrTerms);
    }
    tax_categories(doc)
}

/// The category rules (BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-G-*, BR-O-*, …) that concern
/// the parties and the reasons for charging no tax.
fn tax_categories(doc: &Document) -> Result<(), DocError> {
    let categories: Vec<&str> = doc.taxes.iter().map(|t| t.category.as_str()).collect();
    let rule = |category: &str, rule: &'static str| DocError::TaxCategoryRule {
        category: category.to_owned(),
        rule,
    };
    for (i, tax) in doc.taxes.iter().enumerate() {
        let category = tax.category.as_str();
        if category == "K" {
            // BR-IC-11 asks for the delivery date or period, which this model lacks.
            return Err(DocError::UnsupportedTaxCategory {
                category: category.to_owned(),
                reason: "an intra-community supply needs a delivery date or period",
            });
        }
        let exempt = EXEMPT.contains(&category);
        match (exempt, present(&tax.exemption_reason)) {
            (true, None) => return Err(missing(&format!("taxes[{i}].exemption_reason"))),
            (false, Some(_)) => return Err(rule(category, "no exemption reason")),
            _ => {}
        }
        if category == "O" {
            if categories.iter().any(|c| *c != "O") {
                return Err(rule(category, "that no other tax category appears"));
            }
            if present(&doc.seller.vat_id).is_some() || present(&doc.buyer.vat_id).is_some() {
                return Err(rule(category, "that neither party names a VAT identifier"));
            }
        } else if present(&doc.seller.vat_id).is_none() {
            return Err(rule(category, "the seller's VAT identifier"));
        }
        if category == "AE"
            && present(&doc.buyer.vat_id).is_none()
            && present(&doc.buyer.company_id).is_none()
        {
            return Err(rule(
                category,
                "the buyer's VAT identifier or legal registration",
            ));
        }
    }
    Ok(())
}

fn party(p: &Party, path: &str) -> Result<(), DocError> {
    required(&p.name, &format!("{path}.name"))?;
    let code = p.country_code.trim();
    if !code.is_empty() && !is_country_code(code) {
        return Err(invalid(
            &format!("{path}.country_code"),
            code,
            "an ISO 3166-1 alpha-2 code",
        ));
    }
    Ok(())
}

/// A line's tax category and its rate, as read.
struct LineRate {
    category: String,
    rate: Decimal,
}

/// Checks each line and answers its tax category and rate.
fn lines(doc: &Document) -> Result<Vec<LineRate>, DocError> {
    if doc.lines.is_empty() {
        return Err(missing("lines"));
    }
    let mut rates = Vec::with_capacity(doc.lines.len());
    for (i, line) in doc.lines.iter().enumerate() {
        let path = |field: &str| format!("lines[{i}].{field}");
        required(&line.description, &path("description"))?;
        let quantity = Decimal::parse(&line.quantity)
            .ok_or_else(|| invalid(&path("quantity"), &line.quantity, "a decimal number"))?;
        let unit = line.unit_code.as_str();
        if !(1..=3).contains(&unit.len())
            || !unit
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(invalid(&path("unit_code"), unit, "a UN/ECE rec. 20 code"));
        }
        // BR-27: an item's price is never negative.
        if line.unit_price < 0 {
            return Err(invalid(
                &path("unit_price"),
                &line.unit_price.to_string(),
                "zero or more",
            ));
        }
        if line.discount < 0 {
            return Err(invalid(
                &path("discount"),
                &line.discount.to_string(),
                "zero or more",
            ));
        }
        let rate = category_rate(
            &line.tax_category,
            &line.tax_rate,
            &path("tax_category"),
            &path("tax_rate"),
        )?;
        line_net(i, &quantity, line.unit_price, line.discount, line.net)?;
        rates.push(LineRate {
            category: line.tax_category.clone(),
            rate,
        });
    }
    Ok(rates)
}

/// PEPPOL-EN16931-R120: the net is quantity × price − discount, rounded to the minor
/// unit; rounding either way is accepted.
fn line_net(
    i: usize,
    quantity: &Decimal,
    price: i64,
    discount: i64,
    net: i64,
) -> Result<(), DocError> {
    let overflow = || DocError::Overflow {
        field: format!("lines[{i}].net"),
    };
    let scale = quantity.scale();
    let unit = 10i128.pow(scale);
    let gross = quantity
        .scaled_to(scale)
        .checked_mul(i128::from(price))
        .ok_or_else(overflow)?;
    let stated = (i128::from(net) + i128::from(discount))
        .checked_mul(unit)
        .ok_or_else(overflow)?;
    if (stated - gross).abs() <= unit {
        return Ok(());
    }
    let expected = gross - i128::from(discount) * unit;
    Err(DocError::LineNet {
        line: i,
        expected: Decimal::from_parts(expected, scale).normalized(),
        net,
    })
}

/// Reads a category and its rate, and checks the rate suits the category (BR-S-05,
/// BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05, BR-O-05, BR-AF-05, BR-AG-05).
fn category_rate(
    category: &str,
    rate: &str,
    category_path: &str,
    rate_path: &str,
) -> Result<Decimal, DocError> {
    if !CATEGORIES.contains(&category) {
        return Err(invalid(
            category_path,
            category,
            "a tax category of UNCL 5305 (S, Z, E, AE, K, G, O, L, M)",
        ));
    }
    let value =
        Decimal::parse(rate).ok_or_else(|| invalid(rate_path, rate, "a decimal percentage"))?;
    let fits = match category {
        "S" => !value.is_negative() && !value.is_zero(),
        "L" | "M" => !value.is_negative(),
        _ => value.is_zero(),
    };
    if !fits {
        return Err(DocError::TaxRate {
            category: category.to_owned(),
            rate: rate.to_owned(),
        });
    }
    Ok(value)
}

/// Checks each tax subtotal against the lines it sums.
fn taxes(doc: &Document, rates: &[LineRate]) -> Result<(), DocError> {
    // BR-CO-18: at least one tax breakdown.
    if doc.taxes.is_empty() {
        return Err(missing("taxes"));
    }
    let mut seen: Vec<(&str, Decimal)> = Vec::new();
    for (i, tax) in doc.taxes.iter().enumerate() {
        let rate = category_rate(
            &tax.category,
            &tax.rate,
            &format!("taxes[{i}].category"),
            &format!("taxes[{i}].rate"),
        )?;
        if seen.iter().any(|(c, r)| *c == tax.category && *r == rate) {
            return Err(DocError::DuplicateTax {
                category: tax.category.clone(),
                rate: rate.normalized(),
            });
        }
        seen.push((&tax.category, rate));
        // BR-S-08 and its twins: the taxable amount is the sum of the lines' nets.
        let mut lines: i64 = 0;
        for (line, lr) in doc.lines.iter().zip(rates) {
            if lr.category == tax.category && lr.rate == rate {
                lines = lines
                    .checked_add(line.net)
                    .ok_or_else(|| DocError::Overflow {
                        field: format!("taxes[{i}].taxable"),
                    })?;
            }
        }
        if lines != tax.taxable {
            return Err(DocError::Taxable {
                category: tax.category.clone(),
                rate: rate.normalized(),
                lines,
                taxable: tax.taxable,
            });
        }
        tax_amount(doc.minor_digits, &tax.category, &rate, tax.taxable, tax.tax)?;
    }
    for (i, lr) in rates.iter().enumerate() {
        if !seen.iter().any(|(c, r)| *c == lr.category && *r == lr.rate) {
            return Err(DocError::UncoveredTax {
                line: i,
                category: lr.category.clone(),
                rate: lr.rate.normalized(),
            });
        }
    }
    Ok(())
}

/// BR-S-09 and its twins: the tax is the taxable amount times the rate. EN 16931
/// accepts a difference of less than one whole currency unit, which leaves room for
/// rounding per line; a category without tax charges none at all.
fn tax_amount(
    minor_digits: u8,
    category: &str,
    rate: &Decimal,
    taxable: i64,
    tax: i64,
) -> Result<(), DocError> {
    let wrong = || DocError::TaxAmount {
        category: category.to_owned(),
        rate: rate.normalized(),
        taxable,
        tax,
    };
    if rate.is_zero() {
        return if tax == 0 { Ok(()) } else { Err(wrong()) };
    }
    let scale = rate.scale();
    // Everything in units of 10^-scale percent of a minor unit.
    let exact = i128::from(taxable)
        .checked_mul(rate.scaled_to(scale))
        .ok_or_else(wrong)?;
    let stated = i128::from(tax)
        .checked_mul(100 * 10i128.pow(scale))
        .ok_or_else(wrong)?;
    let one_unit = 100 * 10i128.pow(scale) * 10i128.pow(u32::from(minor_digits));
    if (stated - exact).abs() < one_unit {
        Ok(())
    } else {
        Err(wrong())
    }
}

/// BR-CO-10, BR-CO-13, BR-CO-14, BR-CO-15: the totals add up.
fn totals(doc: &Document) -> Result<(), DocError> {
    let overflow = |field: &str| DocError::Overflow {
        field: field.to_owned(),
    };
    let mut lines: i64 = 0;
    for line in &doc.lines {
        lines = lines
            .checked_add(line.net)
            .ok_or_else(|| overflow("subtotal"))?;
    }
    if lines != doc.subtotal {
        return Err(DocError::Subtotal {
            lines,
            subtotal: doc.subtotal,
        });
    }
    let mut taxes: i64 = 0;
    for tax in &doc.taxes {
        taxes = taxes
            .checked_add(tax.tax)
            .ok_or_else(|| overflow("tax_total"))?;
    }
    if taxes != doc.tax_total {
        return Err(DocError::TaxTotal {
            taxes,
            tax_total: doc.tax_total,
        });
    }
    let expected = doc
        .subtotal
        .checked_add(doc.tax_total)
        .ok_or_else(|| overflow("total"))?;
    if expected != doc.total {
        return Err(DocError::Total {
            expected,
            total: doc.total,
        });
    }
    if doc.paid < 0 || doc.paid > doc.total.max(0) {
        return Err(DocError::Paid {
            paid: doc.paid,
            total: doc.total,
        });
    }
    Ok(())
}

/// Every text is free of control characters, which XML 1.0 cannot carry and a page
/// cannot show; line breaks and tabs are allowed.
fn printable_text(doc: &Document) -> Result<(), DocError> {
    let mut texts: Vec<(String, &str)> = vec![
        ("number".into(), &doc.number),
        ("currency".into(), &doc.currency),
    ];
    for (p, path) in [(&doc.seller, "seller"), (&doc.buyer, "buyer")] {
        for (field, value) in [
            ("name", Some(&p.name)),
            ("street", Some(&p.street)),
            ("city", Some(&p.city)),
            ("postcode", Some(&p.postcode)),
            ("country_code", Some(&p.country_code)),
            ("vat_id", p.vat_id.as_ref()),
            ("company_id", p.company_id.as_ref()),
            ("email", p.email.as_ref()),
        ] {
            if let Some(v) = value {
                texts.push((format!("{path}.{field}"), v));
            }
        }
        if let Some(e) = &p.endpoint_id {
            texts.push((format!("{path}.endpoint_id.scheme"), &e.scheme));
            texts.push((format!("{path}.endpoint_id.id"), &e.id));
        }
    }
    for (field, value) in [
        ("buyer_reference", &doc.buyer_reference),
        ("note", &doc.note),
        ("payment_terms", &doc.payment_terms),
        ("iban", &doc.iban),
    ] {
        if let Some(v) = value {
            texts.push((field.into(), v));
        }
    }
    for (i, line) in doc.lines.iter().enumerate() {
        for (field, value) in [
            ("description", &line.description),
            ("quantity", &line.quantity),
            ("unit_code", &line.unit_code),
            ("tax_rate", &line.tax_rate),
            ("tax_category", &line.tax_category),
        ] {
            texts.push((format!("lines[{i}].{field}"), value));
        }
    }
    for (i, tax) in doc.taxes.iter().enumerate() {
        texts.push((format!("taxes[{i}].rate"), &tax.rate));
        texts.push((format!("taxes[{i}].category"), &tax.category));
        if let Some(reason) = &tax.exemption_reason {
            texts.push((format!("taxes[{i}].exemption_reason"), reason));
        }
    }
    for (field, value) in texts {
        if value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        {
            return Err(invalid(&field, value, "text without control characters"));
        }
    }
    Ok(())
}

fn required(value: &str, field: &str) -> Result<(), DocError> {
    if value.trim().is_empty() {
        Err(missing(field))
    } else {
        Ok(())
    }
}

fn missing(field: &str) -> DocError {
    DocError::Missing {
        field: field.to_owned(),
    }
}

fn invalid(field: &str, value: &str, expected: &'static str) -> DocError {
    DocError::Invalid {
        field: field.to_owned(),
        value: value.to_owned(),
        expected,
    }
}
