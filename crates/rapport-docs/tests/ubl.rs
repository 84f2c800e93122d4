//! The UBL invoice: valid against the OASIS UBL 2.1 schema (checked with xmllint, from
//! Debian's libxml2-utils) and carrying the Peppol BIS Billing 3.0 fields.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use jiff::civil::date;
use proptest::prelude::*;
use rapport_docs::{CUSTOMIZATION_ID, DocError, DocumentKind, PROFILE_ID, invoice_ubl};
use std::path::Path;
use std::process::Command;
use support::{invoice, line, mixed_rates};

const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// Runs xmllint against the vendored UBL 2.1 Invoice schema and answers its verdict.
fn schema_verdict(xml: &str) -> Result<(), String> {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ubl21/maindoc/UBL-Invoice-2.1.xsd");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invoice.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint runs; install it with `apt-get install libxml2-utils`");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn assert_schema_valid(xml: &str) {
    if let Err(e) = schema_verdict(xml) {
        panic!("the invoice does not validate:\n{e}\n{xml}");
    }
}

/// The text of the first element at `path`, a list of `(namespace, name)` steps from
/// the root.
fn text_at<'a>(doc: &'a roxmltree::Document, path: &[(&str, &str)]) -> Option<&'a str> {
    let mut node = doc.root_element();
    for (ns, name) in path {
        node = node.children().find(|n| n.has_tag_name((*ns, *name)))?;
    }
    node.text()
}

fn cbc(name: &str) -> (&'static str, &str) {
    (CBC, name)
}

fn cac(name: &str) -> (&'static str, &str) {
    (CAC, name)
}

fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.has_tag_name((ns, name)))
        .collect()
}

#[test]
fn an_invoice_with_mixed_rates_is_valid_ubl_with_the_peppol_fields() {
    let doc = mixed_rates();
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);

    let tree = roxmltree::Document::parse(&xml).unwrap();
    let root = tree.root_element();
    assert!(root.has_tag_name((
        "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        "Invoice"
    )));
    assert_eq!(
        text_at(&tree, &[cbc("CustomizationID")]),
        Some(CUSTOMIZATION_ID)
    );
    assert_eq!(text_at(&tree, &[cbc("ProfileID")]), Some(PROFILE_ID));
    assert_eq!(text_at(&tree, &[cbc("ID")]), Some("2024-0042"));
    assert_eq!(text_at(&tree, &[cbc("IssueDate")]), Some("2024-06-03"));
    assert_eq!(text_at(&tree, &[cbc("DueDate")]), Some("2024-07-03"));
    assert_eq!(text_at(&tree, &[cbc("InvoiceTypeCode")]), Some("380"));
    assert_eq!(text_at(&tree, &[cbc("DocumentCurrencyCode")]), Some("NOK"));
    assert_eq!(text_at(&tree, &[cbc("BuyerReference")]), Some("PO-7781"));

    let seller = [cac("AccountingSupplierParty"), cac("Party")];
    let endpoint = root
        .children()
        .find(|n| n.has_tag_name((CAC, "AccountingSupplierParty")))
        .and_then(|n| n.children().find(|n| n.has_tag_name((CAC, "Party"))))
        .and_then(|n| n.children().find(|n| n.has_tag_name((CBC, "EndpointID"))))
        .unwrap();
    assert_eq!(endpoint.attribute("schemeID"), Some("0192"));
    assert_eq!(endpoint.text(), Some("987654321"));
    let registration = [
        seller[0],
        seller[1],
        cac("PartyLegalEntity"),
        cbc("RegistrationName"),
    ];
    assert_eq!(
        text_at(&tree, &registration),
        Some("Fjordkontor Ærø & Søn AS")
    );
    let vat = [
        seller[0],
        seller[1],
        cac("PartyTaxScheme"),
        cbc("CompanyID"),
    ];
    assert_eq!(text_at(&tree, &vat), Some("NO987654321MVA"));
    let street = [
        seller[0],
        seller[1],
        cac("PostalAddress"),
        cbc("StreetName"),
    ];
    assert_eq!(text_at(&tree, &street), Some("Storgata 12"));
    let country = [
        cac("AccountingCustomerParty"),
        cac("Party"),
        cac("PostalAddress"),
        cac("Country"),
        cbc("IdentificationCode"),
    ];
    assert_eq!(text_at(&tree, &country), Some("PL"));
    let city = [
        cac("AccountingCustomerParty"),
        cac("Party"),
        cac("PostalAddress"),
        cbc("CityName"),
    ];
    assert_eq!(text_at(&tree, &city), Some("Łódź"));

    assert_eq!(
        text_at(&tree, &[cac("PaymentMeans"), cbc("PaymentMeansCode")]),
        Some("30")
    );
    assert_eq!(
        text_at(
            &tree,
            &[cac("PaymentMeans"), cac("PayeeFinancialAccount"), cbc("ID")]
        ),
        Some("NO9386011117947")
    );
    assert_eq!(
        text_at(&tree, &[cac("PaymentTerms"), cbc("Note")]),
        Some("30 days net")
    );

    let tax_total = children(root, CAC, "TaxTotal");
    assert_eq!(
        tax_total.len(),
        1,
        "Peppol allows one tax total with subtotals"
    );
    let subtotals = children(tax_total[0], CAC, "TaxSubtotal");
    assert_eq!(subtotals.len(), doc.taxes.len());
    for (node, tax) in subtotals.iter().zip(&doc.taxes) {
        let taxable = children(*node, CBC, "TaxableAmount")[0];
        assert_eq!(taxable.attribute("currencyID"), Some("NOK"));
        assert_eq!(
            taxable.text(),
            Some(rapport_docs::amount(tax.taxable, 2).as_str())
        );
        let category = children(*node, CAC, "TaxCategory")[0];
        assert_eq!(
            children(category, CBC, "ID")[0].text(),
            Some(tax.category.as_str())
        );
        assert_eq!(
            children(category, CBC, "Percent")[0].text(),
            Some(tax.rate.as_str())
        );
    }
    assert_eq!(
        text_at(&tree, &[cac("TaxTotal"), cbc("TaxAmount")]),
        Some(rapport_docs::amount(doc.tax_total, 2).as_str())
    );

    let totals =
        |name: &str| text_at(&tree, &[cac("LegalMonetaryTotal"), cbc(name)]).map(str::to_owned);
    assert_eq!(
        totals("LineExtensionAmount"),
        Some(rapport_docs::amount(doc.subtotal, 2))
    );
    assert_eq!(
        totals("TaxExclusiveAmount"),
        Some(rapport_docs::amount(doc.subtotal, 2))
    );
    assert_eq!(
        totals("TaxInclusiveAmount"),
        Some(rapport_docs::amount(doc.total, 2))
    );
    assert_eq!(totals("PrepaidAmount"), Some("0.00".to_owned()));
    assert_eq!(
        totals("PayableAmount"),
        Some(rapport_docs::amount(doc.total, 2))
    );

    let lines = children(root, CAC, "InvoiceLine");
    assert_eq!(lines.len(), 4);
    let quantity = children(lines[0], CBC, "InvoicedQuantity")[0];
    assert_eq!(quantity.attribute("unitCode"), Some("C62"));
    assert_eq!(quantity.text(), Some("12.5"));
    // The catering line's discount is a line allowance with its reason code.
    let allowance = children(lines[1], CAC, "AllowanceCharge");
    assert_eq!(allowance.len(), 1);
    assert_eq!(
        children(allowance[0], CBC, "ChargeIndicator")[0].text(),
        Some("false")
    );
    assert_eq!(
        children(allowance[0], CBC, "Amount")[0].text(),
        Some("300.00")
    );
    assert!(children(lines[0], CAC, "AllowanceCharge").is_empty());
}

#[test]
fn yen_amounts_have_no_decimals() {
    let mut doc = invoice(vec![
        line("Tatami mats", "4", 12_500, 0, "10", "S"),
        line("Green tea", "3", 1_080, 0, "8", "S"),
    ]);
    doc.currency = "JPY".into();
    doc.minor_digits = 0;
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        text_at(&tree, &[cac("LegalMonetaryTotal"), cbc("PayableAmount")]),
        Some("58499")
    );
    assert_eq!(
        text_at(&tree, &[cac("TaxTotal"), cbc("TaxAmount")]),
        Some("5259")
    );
    let price = tree
        .descendants()
        .find(|n| n.has_tag_name((CBC, "PriceAmount")))
        .unwrap();
    assert_eq!(price.text(), Some("12500"));
    assert_eq!(price.attribute("currencyID"), Some("JPY"));
}

#[test]
fn markup_characters_in_text_are_escaped_and_read_back_whole() {
    let mut doc = mixed_rates();
    doc.seller.name = r#"Smith & <Sons> "Quoted" 'Ltd'"#.into();
    doc.buyer.name = "A&B </cbc:Name><cbc:Evil>".into();
    doc.lines[0].description = "Widgets <b>bold</b> & \"more\"".into();
    doc.note = Some("5 < 6 && 7 > 3".into());
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let name = [
        cac("AccountingSupplierParty"),
        cac("Party"),
        cac("PartyName"),
        cbc("Name"),
    ];
    assert_eq!(text_at(&tree, &name), Some(doc.seller.name.as_str()));
    let buyer = [
        cac("AccountingCustomerParty"),
        cac("Party"),
        cac("PartyLegalEntity"),
        cbc("RegistrationName"),
    ];
    assert_eq!(text_at(&tree, &buyer), Some(doc.buyer.name.as_str()));
    assert_eq!(text_at(&tree, &[cbc("Note")]), Some("5 < 6 && 7 > 3"));
    assert!(!tree.descendants().any(|n| n.tag_name().name() == "Evil"));
    assert!(!tree.descendants().any(|n| n.tag_name().name() == "b"));
}

#[test]
fn a_long_description_keeps_its_first_line_as_the_name_and_the_whole_as_description() {
    let long = format!(
        "Annual maintenance of the ventilation plant\n{}",
        "Filters, belts and bearings replaced; ducts inspected and cleaned. ".repeat(40)
    );
    let mut doc = invoice(vec![line(&long, "1", 1_250_000, 0, "25", "S")]);
    doc.paid = 0;
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let item = [cac("InvoiceLine"), cac("Item")];
    let name = [item[0], item[1], cbc("Name")];
    let description = [item[0], item[1], cbc("Description")];
    assert_eq!(
        text_at(&tree, &name),
        Some("Annual maintenance of the ventilation plant")
    );
    assert_eq!(text_at(&tree, &description), Some(long.trim()));
}

#[test]
fn a_partly_paid_invoice_states_what_was_paid_and_what_is_due() {
    let mut doc = mixed_rates();
    doc.paid = 500_000;
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let total =
        |name: &str| text_at(&tree, &[cac("LegalMonetaryTotal"), cbc(name)]).map(str::to_owned);
    assert_eq!(total("PrepaidAmount"), Some("5000.00".into()));
    assert_eq!(
        total("PayableAmount"),
        Some(rapport_docs::amount(doc.total - 500_000, 2))
    );
    assert_eq!(
        total("TaxInclusiveAmount"),
        Some(rapport_docs::amount(doc.total, 2))
    );
}

#[test]
fn exempt_and_zero_rated_lines_carry_their_categories() {
    let mut doc = invoice(vec![
        line("Course fee", "1", 800_000, 0, "0", "E"),
        line("Course book", "1", 45_000, 0, "0", "Z"),
    ]);
    doc.iban = None;
    let xml = invoice_ubl(&doc).unwrap();
    assert_schema_valid(&xml);
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let reason = tree
        .descendants()
        .find(|n| n.has_tag_name((CBC, "TaxExemptionReason")))
        .unwrap();
    assert_eq!(reason.text(), Some("Exempt under §6 of the VAT act"));
    // Without an account to pay to, the means of payment is left undefined.
    assert_eq!(
        text_at(&tree, &[cac("PaymentMeans"), cbc("PaymentMeansCode")]),
        Some("1")
    );
    assert!(
        tree.descendants()
            .all(|n| !n.has_tag_name((CAC, "PayeeFinancialAccount")))
    );
}

#[test]
fn the_schema_check_is_real_it_refuses_a_broken_invoice() {
    let xml = invoice_ubl(&mixed_rates()).unwrap();
    assert_schema_valid(&xml);
    // The issue date moved behind the due date breaks the schema's sequence.
    let issue = "  <cbc:IssueDate>2024-06-03</cbc:IssueDate>\n";
    let swapped = xml.replace(issue, "").replace(
        "  <cbc:DueDate>2024-07-03</cbc:DueDate>\n",
        &format!("  <cbc:DueDate>2024-07-03</cbc:DueDate>\n{issue}"),
    );
    assert_ne!(swapped, xml);
    assert!(schema_verdict(&swapped).unwrap_err().contains("IssueDate"));
    // So does an element UBL does not know, and a date that is no date.
    let unknown = xml
        .replace("<cbc:Note>", "<cbc:Remark>")
        .replace("</cbc:Note>", "</cbc:Remark>");
    assert!(schema_verdict(&unknown).is_err());
    let bad_date = xml.replace("2024-06-03", "3 June 2024");
    assert!(schema_verdict(&bad_date).is_err());
}

#[test]
fn numbers_that_do_not_add_up_are_refused_by_name() {
    let mut doc = mixed_rates();
    doc.total += 1;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::Total { .. })));

    let mut doc = mixed_rates();
    doc.subtotal -= 100;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::Subtotal { .. })));

    let mut doc = mixed_rates();
    doc.tax_total += 1;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::TaxTotal { .. })));

    let mut doc = mixed_rates();
    doc.lines[2].net += 1000;
    assert_eq!(
        invoice_ubl(&doc),
        Err(DocError::LineNet {
            line: 2,
            expected: "89850".into(),
            net: 90850
        })
    );

    let mut doc = mixed_rates();
    doc.taxes[0].taxable += 1;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::Taxable { .. })));

    let mut doc = mixed_rates();
    doc.taxes[0].tax += 500;
    doc.tax_total += 500;
    doc.total += 500;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::TaxAmount { .. })));

    let mut doc = mixed_rates();
    doc.taxes.remove(1);
    assert_eq!(
        invoice_ubl(&doc),
        Err(DocError::UncoveredTax {
            line: 1,
            category: "S".into(),
            rate: "15".into()
        })
    );

    let mut doc = mixed_rates();
    doc.paid = doc.total + 1;
    assert!(matches!(invoice_ubl(&doc), Err(DocError::Paid { .. })));
}

#[test]
fn what_peppol_requires_is_required() {
    let missing = |doc: &rapport_docs::Document| match invoice_ubl(doc) {
        Err(DocError::Missing { field }) => field,
        other => panic!("expected a missing field, got {other:?}"),
    };
    let mut doc = mixed_rates();
    doc.seller.name = "  ".into();
    assert_eq!(missing(&doc), "seller.name");
    let mut doc = mixed_rates();
    doc.buyer.country_code = String::new();
    assert_eq!(missing(&doc), "buyer.country_code");
    let mut doc = mixed_rates();
    doc.buyer.endpoint_id = None;
    assert_eq!(missing(&doc), "buyer.endpoint_id");
    let mut doc = mixed_rates();
    doc.buyer_reference = None;
    assert_eq!(missing(&doc), "buyer_reference");
    let mut doc = mixed_rates();
    doc.lines[1].description = String::new();
    assert_eq!(missing(&doc), "lines[1].description");
    let mut doc = invoice(vec![line("Course", "1", 10_000, 0, "0", "E")]);
    doc.taxes[0].exemption_reason = None;
    assert_eq!(missing(&doc), "taxes[0].exemption_reason");

    let mut doc = mixed_rates();
    doc.kind = DocumentKind::Quote;
    assert_eq!(
        invoice_ubl(&doc),
        Err(DocError::NotAnInvoice {
            kind: DocumentKind::Quote
        })
    );

    let mut doc = mixed_rates();
    doc.buyer.country_code = "XX".into();
    assert!(
        matches!(invoice_ubl(&doc), Err(DocError::Invalid { field, .. }) if field == "buyer.country_code")
    );

    let mut doc = mixed_rates();
    doc.iban = Some("NO93 8601 1117 948".into());
    assert!(matches!(invoice_ubl(&doc), Err(DocError::Invalid { field, .. }) if field == "iban"));

    let mut doc = mixed_rates();
    doc.lines[0].tax_rate = "0".into();
    assert!(matches!(invoice_ubl(&doc), Err(DocError::TaxRate { .. })));

    let mut doc = mixed_rates();
    doc.currency = "KWD".into();
    doc.minor_digits = 3;
    assert!(matches!(
        invoice_ubl(&doc),
        Err(DocError::TooManyMinorDigits { .. })
    ));

    let mut doc = mixed_rates();
    doc.due_date = None;
    doc.payment_terms = None;
    assert_eq!(invoice_ubl(&doc), Err(DocError::NoDueDateOrTerms));
    doc.due_date = Some(date(2024, 5, 1));
    assert!(matches!(
        invoice_ubl(&doc),
        Err(DocError::DueBeforeIssue { .. })
    ));

    let mut doc = mixed_rates();
    doc.buyer.name = "Bad\u{1}name".into();
    assert!(
        matches!(invoice_ubl(&doc), Err(DocError::Invalid { field, .. }) if field == "buyer.name")
    );
}

/// Lines of random quantities, prices and rates, with their arithmetic done the usual way.
fn any_lines() -> impl Strategy<Value = Vec<rapport_docs::DocumentLine>> {
    let quantity = prop_oneof![
        (1u32..50).prop_map(|q| q.to_string()),
        (1u32..5000).prop_map(|q| format!("{}.{:02}", q / 100, q % 100)),
    ];
    let rate = prop::sample::select(vec![("25", "S"), ("15", "S"), ("12.5", "S"), ("0", "Z")]);
    let one =
        (quantity, 0i64..2_000_000, rate, 0i64..100).prop_map(|(q, price, (rate, cat), off)| {
            let mut l = line("Item", &q, price, 0, rate, cat);
            // A discount of up to the whole net.
            let discount = l.net * off / 100;
            l.discount = discount;
            l.net -= discount;
            l
        });
    prop::collection::vec(one, 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn consistent_invoices_are_written_and_their_totals_read_back(lines in any_lines(), paid_share in 0i64..=100) {
        let mut doc = invoice(lines);
        doc.paid = doc.total * paid_share / 100;
        let xml = invoice_ubl(&doc).unwrap();
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let total = |name: &str| text_at(&tree, &[cac("LegalMonetaryTotal"), cbc(name)]).unwrap().replace('.', "").parse::<i64>().unwrap();
        prop_assert_eq!(total("TaxInclusiveAmount"), doc.total);
        prop_assert_eq!(total("PayableAmount"), doc.total - doc.paid);
        prop_assert_eq!(children(tree.root_element(), CAC, "InvoiceLine").len(), doc.lines.len());

        // Any total one minor unit off is refused.
        let mut off = doc.clone();
        off.total += 1;
        prop_assert!(matches!(invoice_ubl(&off), Err(DocError::Total { .. })), "{:?}", invoice_ubl(&off));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn random_invoices_are_schema_valid(lines in any_lines()) {
        let xml = invoice_ubl(&invoice(lines)).unwrap();
        prop_assert!(schema_verdict(&xml).is_ok(), "{:?}", schema_verdict(&xml));
    }
}
