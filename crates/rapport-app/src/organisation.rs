//! Organisation-wide settings: the organisation's name and logo, and the language and time
//! zone for people who have not chosen their own.

use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::policy::Denied;
use rapport_core::{ValidationErrors, clock, values};
use rapport_store::logo::{self, Logo};
use rapport_store::sessions::{set_setting, setting};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const KEY: &str = "organisation";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub default_locale: Option<String>,
    pub default_time_zone: Option<String>,
    /// The logo's SHA-256 when there is one. It lives with the image, not in the settings,
    /// so that saving the settings and replacing the logo never undo each other.
    #[serde(skip)]
    pub logo: Option<String>,
}

/// The largest logo accepted: enough for a sharp header image, small enough to keep in
/// the database.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The image types a logo may have. SVG is not among them: it can carry script.
pub const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// The current settings (empty until an administrator saves them).
pub async fn get(app: &App) -> Result<Organisation, AppError> {
    let mut org: Organisation = setting(&app.db, KEY)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    org.logo = logo::hash(&app.db).await?;
    Ok(org)
}

/// The logo, for anyone signed in (`ctx` is proof of that).
pub async fn logo(app: &App, _ctx: &Ctx) -> Result<Option<Logo>, AppError> {
    Ok(logo::get(&app.db).await?)
}

/// Stores a new logo; administrators only. The type is read from the bytes, never taken
/// from the client, and only PNG, JPEG and WebP are accepted.
pub async fn set_logo(app: &App, ctx: &Ctx, content: &[u8]) -> Result<String, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    if content.len() > MAX_LOGO_BYTES {
        return Err(AppError::TooLarge {
            limit: MAX_LOGO_BYTES as u64,
        });
    }
    let content_type = infer::get(content)
        .map(|k| k.mime_type())
        .filter(|t| LOGO_TYPES.contains(t))
        .ok_or_else(|| AppError::invalid("logo", Problem::LogoType))?;
    let sha256: String = Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stored = Logo {
        content_type: content_type.to_string(),
        content: content.to_vec(),
        sha256: sha256.clone(),
    };
    let mut tx = app.db.begin().await?;
    logo::set(&mut tx, &stored, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(sha256)
}

/// Removes the logo; administrators only. Removing none is not an error.
pub async fn remove_logo(app: &App, ctx: &Ctx) -> Result<(), AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let mut tx = app.db.begin().await?;
    logo::remove(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the settings; administrators only. Empty values clear a setting.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    name: &str,
    locale: &str,
    time_zone: &str,
) -> Result<Organisation, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let mut errors = ValidationErrors::new();
    let name = name.trim();
    if name.chars().count() > 200 {
        errors.add("name", Problem::TooLong { max: 200 });
    }
    let locale = locale.trim();
    if !locale.is_empty() && !rapport_core::entity::LOCALES.contains(&locale) {
        errors.add(
            "default_locale",
            Problem::OneOf {
                options: rapport_core::entity::LOCALES.join(", "),
            },
        );
    }
    let time_zone = time_zone.trim();
    if !time_zone.is_empty()
        && let Err(m) = values::time_zone(time_zone)
    {
        errors.add("default_time_zone", m);
    }
    errors.into_result(())?;
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut org = Organisation {
        name: some(name),
        default_locale: some(locale),
        default_time_zone: some(time_zone),
        logo: None,
    };
    let value = serde_json::to_value(&org).map_err(|e| AppError::Internal(Box::new(e)))?;
    let mut tx = app.db.begin().await?;
    set_setting(&mut tx, KEY, &value, &clock::format(clock::now())).await?;
    tx.commit().await?;
    org.logo = logo::hash(&app.db).await?;
    Ok(org)
}

const SELLER_KEY: &str = "seller";

/// The organisation as the seller on its quotes, orders and invoices. Kept apart from
/// the other settings, so saving either never undoes the other. Empty text is unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Seller {
    pub legal_name: String,
    /// One line per line of the street address.
    pub street: String,
    pub city: String,
    pub postcode: String,
    /// ISO 3166-1 alpha-2, such as `NO`.
    pub country: String,
    /// The VAT identifier with its country prefix, such as `NO987654321MVA`.
    pub vat_number: String,
    /// The legal registration, such as an organisation number.
    pub company_id: String,
    /// In its electronic form: capitals, no spaces.
    pub iban: String,
    pub bic: String,
    pub email: String,
    /// The Peppol electronic address: an EAS scheme code such as `0192`, and the id in it.
    pub endpoint_scheme: String,
    pub endpoint_id: String,
}

/// The seller details (empty until an administrator saves them).
pub async fn seller(app: &App) -> Result<Seller, AppError> {
    Ok(setting(&app.db, SELLER_KEY)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

/// Checks and stores the seller details; administrators only. Every field is checked,
/// so the answer names each one that is wrong.
pub async fn save_seller(app: &App, ctx: &Ctx, input: &Seller) -> Result<Seller, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let seller = checked_seller(input)?;
    let value = serde_json::to_value(&seller).map_err(|e| AppError::Internal(Box::new(e)))?;
    let mut tx = app.db.begin().await?;
    set_setting(&mut tx, SELLER_KEY, &value, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(seller)
}

/// The seller details normalised (trimmed, codes in capitals), or every field's problem.
pub fn checked_seller(input: &Seller) -> Result<Seller, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut text = |field: &str, value: &str, max: usize| {
        let value = value.trim().replace('\r', "");
        if value.contains('\0') {
            errors.add(field, Problem::HasNul);
        } else if value.chars().count() > max {
            errors.add(field, Problem::TooLong { max });
        }
        value
    };
    let mut seller = Seller {
        legal_name: text("legal_name", &input.legal_name, 200),
        street: text("street", &input.street, 500),
        city: text("city", &input.city, 100),
        postcode: text("postcode", &input.postcode, 20),
        country: text("country", &input.country, 2).to_ascii_uppercase(),
        vat_number: compact(&text("vat_number", &input.vat_number, 32)),
        company_id: text("company_id", &input.company_id, 50),
        iban: compact(&text("iban", &input.iban, 42)),
        bic: compact(&text("bic", &input.bic, 11)),
        email: text("email", &input.email, 254),
        endpoint_scheme: text("endpoint_scheme", &input.endpoint_scheme, 4),
        endpoint_id: text("endpoint_id", &input.endpoint_id, 100),
    };
    if !seller.country.is_empty() && !rapport_docs::is_country_code(&seller.country) {
        errors.add("country", Problem::BadCountry);
    }
    if !seller.vat_number.is_empty() && !vat_number_shape(&seller.vat_number) {
        errors.add("vat_number", Problem::BadVatNumber);
    }
    if !seller.iban.is_empty() {
        match rapport_docs::electronic_iban(&seller.iban) {
            Some(iban) => seller.iban = iban,
            None => errors.add("iban", Problem::BadIban),
        }
    }
    if !seller.bic.is_empty() && !bic_shape(&seller.bic) {
        errors.add("bic", Problem::BadBic);
    }
    if !seller.email.is_empty() {
        match values::email(&seller.email) {
            Ok(email) => seller.email = email,
            Err(problem) => errors.add("email", problem),
        }
    }
    let scheme = &seller.endpoint_scheme;
    let eas_code = scheme.len() == 4 && scheme.bytes().all(|b| b.is_ascii_digit());
    if !scheme.is_empty() && !eas_code {
        errors.add("endpoint_scheme", Problem::BadEndpoint);
    }
    // An electronic address is a scheme and an id; one without the other reaches no one.
    match (scheme.is_empty(), seller.endpoint_id.is_empty()) {
        (true, false) => errors.add("endpoint_scheme", Problem::Required),
        (false, true) => errors.add("endpoint_id", Problem::Required),
        _ => {}
    }
    errors.into_result(seller)
}

/// Codes are compared and written without spaces and in capitals.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A VAT identifier starts with two letters of its country prefix (`EL` for Greece is
/// not an ISO code, so the letters alone are checked) and goes on in letters and digits.
pub(crate) fn vat_number_shape(vat: &str) -> bool {
    let bytes = vat.as_bytes();
    bytes.len() >= 4
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

/// ISO 9362: four letters of the bank, two of its country, two of its place, and three
/// of a branch or none.
fn bic_shape(bic: &str) -> bool {
    let bytes = bic.as_bytes();
    matches!(bytes.len(), 8 | 11)
        && bytes[..6].iter().all(u8::is_ascii_uppercase)
        && bytes[6..].iter().all(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seller_details_are_normalised() {
        let seller = checked_seller(&Seller {
            legal_name: " Fjordkontor AS ".into(),
            country: "no".into(),
            vat_number: "no 987 654 321 mva".into(),
            iban: "no93 8601 1117 947".into(),
            bic: "dnbanokk".into(),
            endpoint_scheme: "0192".into(),
            endpoint_id: "987654321".into(),
            ..Seller::default()
        })
        .expect("valid");
        assert_eq!(seller.legal_name, "Fjordkontor AS");
        assert_eq!(seller.country, "NO");
        assert_eq!(seller.vat_number, "NO987654321MVA");
        assert_eq!(seller.iban, "NO9386011117947");
        assert_eq!(seller.bic, "DNBANOKK");
    }

    #[test]
    fn each_wrong_field_is_named() {
        let wrong = checked_seller(&Seller {
            country: "XX".into(),
            vat_number: "987".into(),
            iban: "NO9386011117948".into(),
            bic: "DNB".into(),
            email: "nobody".into(),
            endpoint_scheme: "01".into(),
            ..Seller::default()
        })
        .expect_err("invalid");
        let fields: Vec<&str> = wrong.0.iter().map(|e| e.field.as_str()).collect();
        for field in [
            "country",
            "vat_number",
            "iban",
            "bic",
            "email",
            "endpoint_scheme",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }
    }
}
