//! UBL 2.1 invoices following Peppol BIS Billing 3.0.
//!
//! Elements are written in the order of the UBL schema's sequences, and only when they
//! have content: Peppol refuses empty elements (PEPPOL-EN16931-R008).

use crate::check::{self, Checked};
use crate::decimal::{Decimal, amount};
use crate::error::DocError;
use crate::model::{Document, DocumentLine, Party, TaxSubtotal, present};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// The specification the invoice claims to follow (BT-24).
pub const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// The business process the invoice belongs to (BT-23).
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// UNCL 1001: a commercial invoice.
const COMMERCIAL_INVOICE: &str = "380";
/// UNCL 4461: credit transfer, which needs the payee's account; "instrument not
/// defined" when there is no account to name.
const CREDIT_TRANSFER: &str = "30";
const INSTRUMENT_NOT_DEFINED: &str = "1";
/// UNCL 5189: a discount.
const DISCOUNT: &str = "95";

/// Writes `doc` as a UBL 2.1 invoice for Peppol BIS Billing 3.0, after checking that its
/// numbers add up and that it has everything Peppol requires.
pub fn invoice_ubl(doc: &Document) -> Result<String, DocError> {
    let checked = check::consistent(doc)?;
    check::peppol(doc)?;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    Ubl {
        doc,
        checked: &checked,
    }
    .invoice(&mut w)
    .map_err(|e| DocError::Xml(e.to_string()))?;
    String::from_utf8(w.into_inner()).map_err(|e| DocError::Xml(e.to_string()))
}

type Xml = Writer<Vec<u8>>;

struct Ubl<'a> {
    doc: &'a Document,
    checked: &'a Checked,
}

impl Ubl<'_> {
    fn invoice(&self, w: &mut Xml) -> io::Result<()> {
        let doc = self.doc;
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("Invoice")
            .with_attribute(("xmlns", NS_INVOICE))
            .with_attribute(("xmlns:cac", NS_CAC))
            .with_attribute(("xmlns:cbc", NS_CBC))
            .write_inner_content(|w| {
                text(w, "cbc:CustomizationID", CUSTOMIZATION_ID)?;
                text(w, "cbc:ProfileID", PROFILE_ID)?;
                text(w, "cbc:ID", doc.number.trim())?;
                text(w, "cbc:IssueDate", &doc.issue_date.to_string())?;
                if let Some(due) = doc.due_date {
                    text(w, "cbc:DueDate", &due.to_string())?;
                }
                text(w, "cbc:InvoiceTypeCode", COMMERCIAL_INVOICE)?;
                if let Some(note) = present(&doc.note) {
                    text(w, "cbc:Note", note)?;
                }
                text(w, "cbc:DocumentCurrencyCode", &doc.currency)?;
                if let Some(reference) = present(&doc.buyer_reference) {
                    text(w, "cbc:BuyerReference", reference)?;
                }
                w.create_element("cac:AccountingSupplierParty")
                    .write_inner_content(|w| party(w, &doc.seller))?;
                w.create_element("cac:AccountingCustomerParty")
                    .write_inner_content(|w| party(w, &doc.buyer))?;
                self.payment_means(w)?;
                if let Some(terms) = present(&doc.payment_terms) {
                    w.create_element("cac:PaymentTerms")
                        .write_inner_content(|w| text(w, "cbc:Note", terms))?;
                }
                self.tax_total(w)?;
                self.monetary_total(w)?;
                for (i, line) in doc.lines.iter().enumerate() {
                    self.line(w, i, line)?;
                }
                Ok(())
            })?;
        Ok(())
    }

    fn payment_means(&self, w: &mut Xml) -> io::Result<()> {
        w.create_element("cac:PaymentMeans")
            .write_inner_content(|w| {
                let code = match self.checked.iban {
                    Some(_) => CREDIT_TRANSFER,
                    None => INSTRUMENT_NOT_DEFINED,
                };
                text(w, "cbc:PaymentMeansCode", code)?;
                // The remittance information the buyer quotes when paying (BT-83).
                text(w, "cbc:PaymentID", self.doc.number.trim())?;
                if let Some(iban) = &self.checked.iban {
                    w.create_element("cac:PayeeFinancialAccount")
                        .write_inner_content(|w| text(w, "cbc:ID", iban))?;
                }
                Ok(())
            })?;
        Ok(())
    }

    fn tax_total(&self, w: &mut Xml) -> io::Result<()> {
        w.create_element("cac:TaxTotal").write_inner_content(|w| {
            self.money(w, "cbc:TaxAmount", self.doc.tax_total)?;
            for tax in &self.doc.taxes {
                self.tax_subtotal(w, tax)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    fn tax_subtotal(&self, w: &mut Xml, tax: &TaxSubtotal) -> io::Result<()> {
        w.create_element("cac:TaxSubtotal")
            .write_inner_content(|w| {
                self.money(w, "cbc:TaxableAmount", tax.taxable)?;
                self.money(w, "cbc:TaxAmount", tax.tax)?;
                w.create_element("cac:TaxCategory")
                    .write_inner_content(|w| {
                        tax_category(w, &tax.category, &tax.rate)?;
                        if let Some(reason) = present(&tax.exemption_reason) {
                            text(w, "cbc:TaxExemptionReason", reason)?;
                        }
                        vat_scheme(w)
                    })?;
                Ok(())
            })?;
        Ok(())
    }

    fn monetary_total(&self, w: &mut Xml) -> io::Result<()> {
        let doc = self.doc;
        w.create_element("cac:LegalMonetaryTotal")
            .write_inner_content(|w| {
                // Without document-level allowances or charges the sum of the lines is
                // also the amount before tax.
                self.money(w, "cbc:LineExtensionAmount", doc.subtotal)?;
                self.money(w, "cbc:TaxExclusiveAmount", doc.subtotal)?;
                self.money(w, "cbc:TaxInclusiveAmount", doc.total)?;
                self.money(w, "cbc:PrepaidAmount", doc.paid)?;
                self.money(w, "cbc:PayableAmount", doc.amount_due())
            })?;
        Ok(())
    }

    fn line(&self, w: &mut Xml, i: usize, line: &DocumentLine) -> io::Result<()> {
        w.create_element("cac:InvoiceLine")
            .write_inner_content(|w| {
                text(w, "cbc:ID", &(i + 1).to_string())?;
                w.create_element("cbc:InvoicedQuantity")
                    .with_attribute(("unitCode", line.unit_code.as_str()))
                    .write_text_content(BytesText::new(&normalized(&line.quantity)))?;
                self.money(w, "cbc:LineExtensionAmount", line.net)?;
                if line.discount > 0 {
                    w.create_element("cac:AllowanceCharge")
                        .write_inner_content(|w| {
                            text(w, "cbc:ChargeIndicator", "false")?;
                            text(w, "cbc:AllowanceChargeReasonCode", DISCOUNT)?;
                            text(w, "cbc:AllowanceChargeReason", "Discount")?;
                            self.money(w, "cbc:Amount", line.discount)
                        })?;
                }
                w.create_element("cac:Item").write_inner_content(|w| {
                    let (name, description) = item_name(&line.description);
                    if let Some(description) = description {
                        text(w, "cbc:Description", description)?;
                    }
                    text(w, "cbc:Name", name)?;
                    w.create_element("cac:ClassifiedTaxCategory")
                        .write_inner_content(|w| {
                            tax_category(w, &line.tax_category, &line.tax_rate)?;
                            vat_scheme(w)
                        })?;
                    Ok(())
                })?;
                w.create_element("cac:Price")
                    .write_inner_content(|w| self.money(w, "cbc:PriceAmount", line.unit_price))?;
                Ok(())
            })?;
        Ok(())
    }

    fn money(&self, w: &mut Xml, name: &str, minor: i64) -> io::Result<()> {
        w.create_element(name)
            .with_attribute(("currencyID", self.doc.currency.as_str()))
            .write_text_content(BytesText::new(&amount(minor, self.doc.minor_digits)))?;
        Ok(())
    }
}

fn party(w: &mut Xml, p: &Party) -> io::Result<()> {
    w.create_element("cac:Party").write_inner_content(|w| {
        if let Some(endpoint) = &p.endpoint_id {
            w.create_element("cbc:EndpointID")
                .with_attribute(("schemeID", endpoint.scheme.as_str()))
                .write_text_content(BytesText::new(endpoint.id.trim()))?;
        }
        w.create_element("cac:PartyName")
            .write_inner_content(|w| text(w, "cbc:Name", p.name.trim()))?;
        w.create_element("cac:PostalAddress")
            .write_inner_content(|w| {
                let mut street = p.street.lines().map(str::trim).filter(|l| !l.is_empty());
                if let Some(first) = street.next() {
                    text(w, "cbc:StreetName", first)?;
                }
                let rest: Vec<&str> = street.collect();
                if !rest.is_empty() {
                    text(w, "cbc:AdditionalStreetName", &rest.join(", "))?;
                }
                optional(w, "cbc:CityName", &p.city)?;
                optional(w, "cbc:PostalZone", &p.postcode)?;
                w.create_element("cac:Country").write_inner_content(|w| {
                    text(w, "cbc:IdentificationCode", p.country_code.trim())
                })?;
                Ok(())
            })?;
        if let Some(vat) = present(&p.vat_id) {
            w.create_element("cac:PartyTaxScheme")
                .write_inner_content(|w| {
                    text(w, "cbc:CompanyID", vat)?;
                    vat_scheme(w)
                })?;
        }
        w.create_element("cac:PartyLegalEntity")
            .write_inner_content(|w| {
                text(w, "cbc:RegistrationName", p.name.trim())?;
                if let Some(id) = present(&p.company_id) {
                    text(w, "cbc:CompanyID", id)?;
                }
                Ok(())
            })?;
        if let Some(email) = present(&p.email) {
            w.create_element("cac:Contact")
                .write_inner_content(|w| text(w, "cbc:ElectronicMail", email))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A tax category's code and rate; "not subject to VAT" has no rate (BR-O-05).
fn tax_category(w: &mut Xml, category: &str, rate: &str) -> io::Result<()> {
    text(w, "cbc:ID", category)?;
    if category != "O" {
        text(w, "cbc:Percent", &normalized(rate))?;
    }
    Ok(())
}

fn vat_scheme(w: &mut Xml) -> io::Result<()> {
    w.create_element("cac:TaxScheme")
        .write_inner_content(|w| text(w, "cbc:ID", "VAT"))?;
    Ok(())
}

/// The item's name is the description's first line; a description of several lines is
/// also given whole.
fn item_name(description: &str) -> (&str, Option<&str>) {
    let whole = description.trim();
    let first = whole
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(whole);
    if first == whole {
        (first, None)
    } else {
        (first, Some(whole))
    }
}

/// Decimal text in its shortest form; the checks have already read it.
fn normalized(text: &str) -> String {
    Decimal::parse(text).map_or_else(|| text.to_owned(), |d| d.normalized())
}

fn text(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn optional(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    let value = value.trim();
    if value.is_empty() {
        Ok(())
    } else {
        text(w, name, value)
    }
}
