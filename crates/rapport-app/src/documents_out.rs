//! Quotes, orders and invoices written out: a stored document read as a
//! `rapport_docs::Document` (the seller from the organisation's settings, the buyer from
//! the document's company or contact, the lines and taxes recomputed through
//! `rapport_core::money`), and then as a PDF or a Peppol BIS Billing 3.0 UBL invoice.
//!
//! What the outputs need and the records lack is answered with 422 naming each missing
//! field (`seller.vat_number`, `buyer.peppol_id`), never with a server error.

use crate::documents::line_input;
use crate::organisation::{self, Seller};
use crate::{App, AppError, Ctx, records};
use jiff::civil::Date;
use rapport_core::documents as rules;
use rapport_core::entity::Entity;
use rapport_core::money::{self, Currency, MoneyError, Percent, Quantity};
use rapport_core::policy::Action;
use rapport_core::record::Record;
use rapport_core::{Problem, ValidationErrors};
use rapport_docs::{
    DocError, Document, DocumentKind, DocumentLine, EndpointId, Labels, Party, TaxSubtotal,
};
use rapport_store::records as store;
use serde_json::{Map, Value};
use uuid::Uuid;

/// A document written out, ready to be sent as a download.
#[derive(Debug, Clone)]
pub struct DocumentFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// What a document is written out as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Pdf,
    Ubl,
}

/// The PDF of a quote, order or invoice the caller may see. `labels` gives the words
/// of the reader's language; it is told the language stored for the caller (their own,
/// else the organisation's default), which a caller without a better one can use.
pub async fn pdf(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    labels: &(dyn Fn(Option<&str>, &Document) -> Labels + Sync),
) -> Result<DocumentFile, AppError> {
    let (_, doc) = document(app, ctx, entity, id, Output::Pdf).await?;
    let locale = reader_locale(app, ctx).await?;
    let words = labels(locale.as_deref(), &doc);
    let bytes = rapport_docs::pdf(&doc, &words).map_err(refused)?;
    Ok(DocumentFile {
        file_name: format!("{}.pdf", file_stem(&doc.number)),
        content_type: "application/pdf",
        bytes,
    })
}

/// The UBL invoice of an issued invoice the caller may see; a draft or cancelled one is
/// refused with 409 and the reason.
pub async fn ubl(app: &App, ctx: &Ctx, id: Uuid) -> Result<DocumentFile, AppError> {
    let (_, doc) = document(app, ctx, Entity::Invoice, id, Output::Ubl).await?;
    let xml = rapport_docs::invoice_ubl(&doc).map_err(refused)?;
    Ok(DocumentFile {
        file_name: format!("{}.xml", file_stem(&doc.number)),
        content_type: "application/xml",
        bytes: xml.into_bytes(),
    })
}

/// The language stored for the caller: their own, else the organisation's default.
async fn reader_locale(app: &App, ctx: &Ctx) -> Result<Option<String>, AppError> {
    let own = match ctx.actor.author() {
        Some(user_id) => store::get(&app.db, Entity::User, user_id)
            .await?
            .and_then(|u| u.str("locale").map(str::to_string)),
        None => None,
    };
    match own {
        Some(locale) => Ok(Some(locale)),
        None => Ok(organisation::get(app).await?.default_locale),
    }
}

/// The stored document as `rapport_docs` reads it, after the checks that concern the
/// caller and the document's state.
async fn document(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    id: Uuid,
    output: Output,
) -> Result<(Record, Document), AppError> {
    ctx.actor.check(entity, Action::Read)?;
    // Reads through the record service, so visibility is the caller's and the status is
    // the one that shows today (`overdue`).
    let record = records::get(app, ctx, entity, id, None).await?;
    if record.is_deleted() {
        return Err(AppError::Conflict(format!(
            "this {} is deleted; restore it first",
            entity.singular()
        )));
    }
    if output == Output::Ubl {
        rules::ubl_ready(record.str("status").unwrap_or_default()).map_err(AppError::Conflict)?;
    }
    let seller = organisation::seller(app).await?;
    let buyer = buyer(app, &record).await?;
    let mut missing = ValidationErrors::new();
    let doc = build(&record, &seller, buyer, output, &mut missing)?;
    missing.into_result(())?;
    Ok((record, doc))
}

/// The document's buyer: its company, else its contact (and the contact's company, if
/// the contact has one), with the contact's name kept as the buyer's reference.
struct Buyer {
    company: Option<Record>,
    contact: Option<Record>,
}

async fn buyer(app: &App, document: &Record) -> Result<Buyer, AppError> {
    let live = |r: Option<Record>| r.filter(|r| !r.is_deleted());
    let contact = match document.uuid("contact_id") {
        Some(id) => live(store::get(&app.db, Entity::Contact, id).await?),
        None => None,
    };
    let company_id = document
        .uuid("company_id")
        .or_else(|| contact.as_ref().and_then(|c| c.uuid("company_id")));
    let company = match company_id {
        Some(id) => live(store::get(&app.db, Entity::Company, id).await?),
        None => None,
    };
    Ok(Buyer { company, contact })
}

fn text(data: &Map<String, Value>, key: &str) -> Option<String> {
    data.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn contact_name(contact: &Record) -> Option<String> {
    let name = [contact.str("first_name"), contact.str("last_name")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

fn build(
    record: &Record,
    seller: &Seller,
    buyer: Buyer,
    output: Output,
    missing: &mut ValidationErrors,
) -> Result<Document, AppError> {
    let kind = match record.entity {
        Entity::Quote => DocumentKind::Quote,
        Entity::Order => DocumentKind::Order,
        _ => DocumentKind::Invoice,
    };
    let currency_code = record.str("currency").unwrap_or_default().to_string();
    let currency =
        Currency::parse(&currency_code).map_err(|e| AppError::invalid("currency", e.problem()))?;
    let (lines, taxes, totals) = lines(record)?;
    let issue_date = date(record, "issue_date")
        .or_else(|| {
            record
                .str("created_at")
                .and_then(|t| t.get(..10))
                .and_then(|d| d.parse().ok())
        })
        .ok_or_else(|| AppError::invalid("issue_date", Problem::NotADate))?;
    let due_date = match record.entity {
        Entity::Quote => date(record, "valid_until"),
        Entity::Invoice => date(record, "due_date"),
        _ => None,
    };
    let number = record.str("number").filter(|n| !n.is_empty());
    let number = match number {
        Some(n) => n.to_string(),
        // A draft invoice has no number yet; its draft is named by its id.
        None => format!(
            "DRAFT-{}",
            record
                .id()
                .map(|id| id.simple().to_string()[..12].to_string())
                .unwrap_or_default()
        ),
    };
    let seller_party = seller_party(seller, output, &lines, missing);
    let buyer_reference = text(&record.data, "buyer_reference")
        .or_else(|| buyer.contact.as_ref().and_then(contact_name));
    if output == Output::Ubl && buyer_reference.is_none() {
        missing.add("buyer_reference", Problem::Required);
    }
    let buyer_party = buyer_party(&buyer, output, missing);
    Ok(Document {
        kind,
        number,
        issue_date,
        due_date,
        currency: currency_code,
        minor_digits: currency.minor_digits(),
        seller: seller_party,
        buyer: buyer_party,
        buyer_reference,
        lines,
        taxes,
        subtotal: totals.0,
        tax_total: totals.1,
        total: totals.2,
        paid: record.get("paid").as_i64().unwrap_or(0),
        note: text(&record.data, "notes"),
        payment_terms: None,
        iban: (kind == DocumentKind::Invoice && !seller.iban.is_empty())
            .then(|| seller.iban.clone()),
    })
}

fn date(record: &Record, key: &str) -> Option<Date> {
    record.str(key).and_then(|d| d.parse().ok())
}

/// The lines, the tax per rate and the totals (subtotal, tax, total), computed again from
/// the stored lines with the arithmetic that priced them.
#[allow(clippy::type_complexity)]
fn lines(
    record: &Record,
) -> Result<(Vec<DocumentLine>, Vec<TaxSubtotal>, (i64, i64, i64)), AppError> {
    let stored: Vec<&Map<String, Value>> = record
        .get("lines")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    if stored.is_empty() {
        return Err(AppError::invalid("lines", Problem::Required));
    }
    let inputs = stored
        .iter()
        .enumerate()
        .map(|(i, line)| {
            line_input(line).map_err(|(part, p)| AppError::invalid(format!("lines[{i}].{part}"), p))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let totals = money::totals(&inputs).map_err(|e| match e {
        MoneyError::LineTooLarge { line } => {
            AppError::invalid(format!("lines[{line}]"), Problem::AmountTooLarge)
        }
        other => AppError::invalid("lines", other.problem()),
    })?;
    let lines = stored
        .iter()
        .zip(&inputs)
        .zip(&totals.lines)
        .map(|((line, input), amounts)| DocumentLine {
            description: text(line, "description").unwrap_or_default(),
            quantity: quantity_text(input.quantity),
            unit_code: text(line, "unit").unwrap_or_else(rapport_docs::default_unit_code),
            unit_price: input.unit_price,
            discount: amounts.discount,
            net: amounts.net,
            tax_rate: percent_text(input.tax_rate),
            tax_category: category(input.tax_rate).to_string(),
        })
        .collect();
    let taxes = totals
        .taxes
        .iter()
        .map(|t| TaxSubtotal {
            rate: percent_text(t.rate),
            category: category(t.rate).to_string(),
            taxable: t.taxable,
            tax: t.tax,
            exemption_reason: None,
        })
        .collect();
    Ok((
        lines,
        taxes,
        (totals.subtotal, totals.tax_total, totals.total),
    ))
}

/// A rate above zero is the standard category; a zero rate is zero rated. Rapport has no
/// exemptions yet, which would need their legal reason.
fn category(rate: Percent) -> &'static str {
    if rate.hundredths() == 0 { "Z" } else { "S" }
}

/// Scaled units as the shortest decimal text: `15000` ten-thousandths is `1.5`.
fn scaled_text(n: i64, scale: u32) -> String {
    let unit = 10i64.pow(scale);
    let whole = n / unit;
    let fraction = (n % unit).abs();
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = scale as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn quantity_text(q: Quantity) -> String {
    scaled_text(q.ten_thousandths(), 4)
}

fn percent_text(p: Percent) -> String {
    scaled_text(p.hundredths(), 2)
}

fn seller_party(
    seller: &Seller,
    output: Output,
    lines: &[DocumentLine],
    missing: &mut ValidationErrors,
) -> Party {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    if seller.legal_name.is_empty() {
        missing.add("seller.legal_name", Problem::Required);
    }
    if output == Output::Ubl {
        if seller.country.is_empty() {
            missing.add("seller.country", Problem::Required);
        }
        // A standard-rated line needs the seller's VAT identifier (BR-S-02).
        if seller.vat_number.is_empty() && lines.iter().any(|l| l.tax_category == "S") {
            missing.add("seller.vat_number", Problem::Required);
        }
        if seller.endpoint_id.is_empty() {
            missing.add("seller.endpoint_id", Problem::Required);
        }
    }
    Party {
        name: seller.legal_name.clone(),
        street: seller.street.clone(),
        city: seller.city.clone(),
        postcode: seller.postcode.clone(),
        country_code: seller.country.clone(),
        vat_id: some(&seller.vat_number),
        company_id: some(&seller.company_id),
        email: some(&seller.email),
        endpoint_id: (!seller.endpoint_id.is_empty()).then(|| EndpointId {
            scheme: seller.endpoint_scheme.clone(),
            id: seller.endpoint_id.clone(),
        }),
    }
}

fn buyer_party(buyer: &Buyer, output: Output, missing: &mut ValidationErrors) -> Party {
    let ubl = output == Output::Ubl;
    let Some(company) = &buyer.company else {
        let name = buyer.contact.as_ref().and_then(contact_name);
        if name.is_none() {
            missing.add("buyer", Problem::Required);
        }
        if ubl {
            // A person has no address or electronic address in Rapport; an invoice sent
            // through Peppol goes to a company.
            missing.add("company_id", Problem::Required);
        }
        return Party {
            name: name.unwrap_or_default(),
            street: String::new(),
            city: String::new(),
            postcode: String::new(),
            country_code: String::new(),
            vat_id: None,
            company_id: None,
            email: buyer
                .contact
                .as_ref()
                .and_then(|c| c.str("email").map(str::to_string)),
            endpoint_id: None,
        };
    };
    let empty = Map::new();
    let address = company.get("address").as_object().unwrap_or(&empty);
    let mut street: Vec<String> = ["street", "street2"]
        .into_iter()
        .filter_map(|k| text(address, k))
        .collect();
    let country = text(address, "country").unwrap_or_default();
    let code = country.to_ascii_uppercase();
    let country_code = if rapport_docs::is_country_code(&code) {
        code
    } else {
        if ubl {
            let problem = if country.is_empty() {
                Problem::Required
            } else {
                Problem::BadCountry
            };
            missing.add("buyer.address.country", problem);
        }
        // On paper a country that is no code is still an address line.
        if !country.is_empty() {
            street.push(country);
        }
        String::new()
    };
    let endpoint_id = text(&company.data, "peppol_id").and_then(|p| endpoint(&p));
    if ubl && endpoint_id.is_none() {
        let problem = match text(&company.data, "peppol_id") {
            Some(_) => Problem::BadEndpoint,
            None => Problem::Required,
        };
        missing.add("buyer.peppol_id", problem);
    }
    Party {
        name: text(&company.data, "name").unwrap_or_default(),
        street: street.join("\n"),
        city: text(address, "city").unwrap_or_default(),
        postcode: text(address, "postal_code").unwrap_or_default(),
        country_code,
        vat_id: text(&company.data, "vat_id"),
        company_id: None,
        email: None,
        endpoint_id,
    }
}

/// Checks the invoicing fields a client sets on a company: a VAT identifier with its
/// country prefix (kept in capitals without spaces) and an electronic address `scheme:id`.
pub(crate) fn check_company(
    fields: &Map<String, Value>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    if let Some(vat) = fields.get("vat_id").and_then(Value::as_str) {
        let vat = organisation::compact(vat);
        if organisation::vat_number_shape(&vat) {
            data.insert("vat_id".into(), Value::String(vat));
        } else {
            errors.add("vat_id", Problem::BadVatNumber);
        }
    }
    if let Some(peppol) = fields.get("peppol_id").and_then(Value::as_str) {
        match endpoint(peppol) {
            Some(e) => {
                data.insert(
                    "peppol_id".into(),
                    Value::String(format!("{}:{}", e.scheme, e.id)),
                );
            }
            None => errors.add("peppol_id", Problem::BadEndpoint),
        }
    }
    Ok(errors.into_result(())?)
}

/// Reads `scheme:id`, the scheme being a four-digit EAS code.
pub fn endpoint(text: &str) -> Option<EndpointId> {
    let (scheme, id) = text.trim().split_once(':')?;
    let (scheme, id) = (scheme.trim(), id.trim());
    (scheme.len() == 4 && scheme.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty()).then(|| {
        EndpointId {
            scheme: scheme.to_string(),
            id: id.to_string(),
        }
    })
}

/// A file name made of the document's number, in characters every system accepts.
fn file_stem(number: &str) -> String {
    number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// What `rapport_docs` refused, as a 422 on the field it names.
fn refused(e: DocError) -> AppError {
    let field = match &e {
        DocError::Missing { field } | DocError::Invalid { field, .. } => field.clone(),
        DocError::LineNet { line, .. } | DocError::UncoveredTax { line, .. } => {
            format!("lines[{line}]")
        }
        DocError::NoDueDateOrTerms | DocError::DueBeforeIssue { .. } => "due_date".into(),
        DocError::Paid { .. } => "paid".into(),
        DocError::MissingGlyph { .. } => "lines".into(),
        DocError::Font(_) | DocError::Xml(_) => return AppError::Internal(Box::new(e)),
        _ => "document".into(),
    };
    AppError::invalid(
        field,
        Problem::DocumentRefused {
            detail: e.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_short() {
        assert_eq!(scaled_text(15_000, 4), "1.5");
        assert_eq!(scaled_text(10_000, 4), "1");
        assert_eq!(scaled_text(2_500, 2), "25");
        assert_eq!(scaled_text(1_250, 2), "12.5");
        assert_eq!(scaled_text(5, 2), "0.05");
    }

    #[test]
    fn endpoints_name_a_scheme_and_an_id() {
        let e = endpoint("0192:987654321").expect("endpoint");
        assert_eq!((e.scheme.as_str(), e.id.as_str()), ("0192", "987654321"));
        assert!(endpoint("987654321").is_none());
        assert!(endpoint("92:987654321").is_none());
        assert!(endpoint("0192:").is_none());
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_stem("INV-2026-0001"), "INV-2026-0001");
        assert_eq!(file_stem("a/b\"c"), "a_b_c");
    }
}
