//! The words and numbers of the demo's sales: the staff who own records, the products
//! sold in each market, deal titles, reasons deals are lost and follow-up tasks, in each
//! contact's language.

use super::words::Lang;

/// A demo user: name, role, language and time zone.
pub struct Staff {
    pub name: &'static str,
    pub role: &'static str,
    pub lang: Lang,
    pub time_zone: &'static str,
}

/// The staff the demo adds: managers and agents who own its contacts and deals.
pub const STAFF: &[Staff] = &[
    Staff {
        name: "Emily Carter",
        role: "manager",
        lang: Lang::En,
        time_zone: "Europe/London",
    },
    Staff {
        name: "Oliver Bennett",
        role: "agent",
        lang: Lang::En,
        time_zone: "Europe/London",
    },
    Staff {
        name: "Hannah Becker",
        role: "manager",
        lang: Lang::De,
        time_zone: "Europe/Berlin",
    },
    Staff {
        name: "Jonas Wagner",
        role: "agent",
        lang: Lang::De,
        time_zone: "Europe/Berlin",
    },
    Staff {
        name: "Lucía Moreno",
        role: "agent",
        lang: Lang::Es,
        time_zone: "Europe/Madrid",
    },
    Staff {
        name: "Piotr Zieliński",
        role: "agent",
        lang: Lang::Pl,
        time_zone: "Europe/Warsaw",
    },
    Staff {
        name: "Agnieszka Wójcik",
        role: "agent",
        lang: Lang::Pl,
        time_zone: "Europe/Warsaw",
    },
    Staff {
        name: "Ingrid Solberg",
        role: "agent",
        lang: Lang::Nb,
        time_zone: "Europe/Oslo",
    },
];

/// The domain of the demo users' addresses (RFC 2606, so no mail reaches anyone).
pub const STAFF_DOMAIN: &str = "demo.rapport.example";

/// The market a language's contacts buy in: its currency, standard and reduced tax rates
/// (the reduced one applies to printed books), what its prices are worth against the euro
/// in hundredths, and its locale code.
pub struct Market {
    pub currency: &'static str,
    pub standard_rate: &'static str,
    pub book_rate: &'static str,
    pub per_euro: i64,
    pub locale: &'static str,
    pub time_zone: &'static str,
}

pub fn market(lang: Lang) -> &'static Market {
    match lang {
        Lang::En => &Market {
            currency: "GBP",
            standard_rate: "20",
            book_rate: "0",
            per_euro: 86,
            locale: "en",
            time_zone: "Europe/London",
        },
        Lang::De => &Market {
            currency: "EUR",
            standard_rate: "19",
            book_rate: "7",
            per_euro: 100,
            locale: "de",
            time_zone: "Europe/Berlin",
        },
        Lang::Es => &Market {
            currency: "EUR",
            standard_rate: "21",
            book_rate: "4",
            per_euro: 100,
            locale: "es",
            time_zone: "Europe/Madrid",
        },
        Lang::Pl => &Market {
            currency: "PLN",
            standard_rate: "23",
            book_rate: "5",
            per_euro: 430,
            locale: "pl",
            time_zone: "Europe/Warsaw",
        },
        Lang::Nb => &Market {
            currency: "NOK",
            standard_rate: "25",
            book_rate: "0",
            per_euro: 1150,
            locale: "nb",
            time_zone: "Europe/Oslo",
        },
    }
}

/// What a product is in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Sold per seat and month: the quantity is seats times twelve.
    Seats,
    /// A yearly licence or service.
    Yearly,
    Days,
    Hours,
    Once,
    Books,
}

/// One product of every market's catalogue: its code, its name in each language (en, de,
/// es, pl, nb), its price in euro cents, its unit, its kind, and whether it is still sold.
pub struct Item {
    pub code: &'static str,
    pub names: [&'static str; 5],
    pub euro_cents: i64,
    pub unit: &'static str,
    pub kind: Kind,
    pub active: bool,
}

/// Ten products per market, fifty in all; the first three are what deals are about.
pub const ITEMS: &[Item] = &[
    Item {
        code: "CLB",
        names: ["Cloud Basic"; 5],
        euro_cents: 1_900,
        unit: "MON",
        kind: Kind::Seats,
        active: true,
    },
    Item {
        code: "CLP",
        names: ["Cloud Premium"; 5],
        euro_cents: 4_900,
        unit: "MON",
        kind: Kind::Seats,
        active: true,
    },
    Item {
        code: "ENT",
        names: ["Enterprise Suite"; 5],
        euro_cents: 1_200_000,
        unit: "ANN",
        kind: Kind::Yearly,
        active: true,
    },
    Item {
        code: "SUP",
        names: ["Support Plus"; 5],
        euro_cents: 240_000,
        unit: "ANN",
        kind: Kind::Yearly,
        active: true,
    },
    Item {
        code: "ONB",
        names: ["Onboarding Pro"; 5],
        euro_cents: 120_000,
        unit: "DAY",
        kind: Kind::Days,
        active: true,
    },
    Item {
        code: "CON",
        names: [
            "Consulting hour",
            "Beratungsstunde",
            "Hora de consultoría",
            "Godzina konsultacji",
            "Konsulenttime",
        ],
        euro_cents: 15_000,
        unit: "HUR",
        kind: Kind::Hours,
        active: true,
    },
    Item {
        code: "MIG",
        names: [
            "Data migration",
            "Datenmigration",
            "Migración de datos",
            "Migracja danych",
            "Datamigrering",
        ],
        euro_cents: 450_000,
        unit: "C62",
        kind: Kind::Once,
        active: true,
    },
    Item {
        code: "TRN",
        names: [
            "On-site training",
            "Schulung vor Ort",
            "Formación presencial",
            "Szkolenie na miejscu",
            "Opplæring på stedet",
        ],
        euro_cents: 180_000,
        unit: "DAY",
        kind: Kind::Days,
        active: true,
    },
    Item {
        code: "HBK",
        names: [
            "Printed handbook",
            "Handbuch (gedruckt)",
            "Manual impreso",
            "Podręcznik drukowany",
            "Trykt håndbok",
        ],
        euro_cents: 4_900,
        unit: "H87",
        kind: Kind::Books,
        active: true,
    },
    Item {
        code: "STA",
        names: ["Cloud Starter (2023)"; 5],
        euro_cents: 900,
        unit: "MON",
        kind: Kind::Seats,
        active: false,
    },
];

/// A product's description in each language, by kind.
pub fn description(lang: Lang, kind: Kind) -> &'static str {
    let all: [&str; 5] = match kind {
        Kind::Seats => [
            "Per user and month, billed yearly.",
            "Pro Nutzer und Monat, jährliche Abrechnung.",
            "Por usuario y mes, facturación anual.",
            "Za użytkownika miesięcznie, rozliczenie roczne.",
            "Per bruker og måned, fakturert årlig.",
        ],
        Kind::Yearly => [
            "Yearly licence with updates.",
            "Jahreslizenz mit Updates.",
            "Licencia anual con actualizaciones.",
            "Licencja roczna z aktualizacjami.",
            "Årlig lisens med oppdateringer.",
        ],
        Kind::Days | Kind::Hours => [
            "Delivered by our own consultants.",
            "Durchgeführt von unseren eigenen Beratern.",
            "Impartido por nuestros propios consultores.",
            "Realizowane przez naszych konsultantów.",
            "Levert av våre egne konsulenter.",
        ],
        Kind::Once => [
            "One-off project, fixed price.",
            "Einmaliges Projekt zum Festpreis.",
            "Proyecto único a precio cerrado.",
            "Jednorazowy projekt w cenie ryczałtowej.",
            "Engangsprosjekt til fastpris.",
        ],
        Kind::Books => [
            "Reference guide for every user.",
            "Nachschlagewerk für alle Nutzer.",
            "Guía de referencia para cada usuario.",
            "Przewodnik dla każdego użytkownika.",
            "Oppslagsverk for alle brukere.",
        ],
    };
    all[index(lang)]
}

/// The position of a language in the five-language arrays.
pub fn index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::De => 1,
        Lang::Es => 2,
        Lang::Pl => 3,
        Lang::Nb => 4,
    }
}

/// The second pipeline the demo adds beside the default one, by name.
pub const RENEWALS: &str = "Renewals";
pub const RENEWAL_STAGES: &[(&str, &str, i64)] = &[
    ("upcoming", "Renewal upcoming", 60),
    ("in_talks", "In talks", 75),
    ("terms_agreed", "Terms agreed", 90),
];

/// Deal titles: `{product}` and `{company}` (the contact's company, or their name).
pub fn deal_titles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "{product} for {company}",
            "{product} rollout at {company}",
            "{company}: upgrade to {product}",
        ],
        Lang::De => &[
            "{product} für {company}",
            "Einführung {product} bei {company}",
            "{company}: Upgrade auf {product}",
        ],
        Lang::Es => &[
            "{product} para {company}",
            "Implantación de {product} en {company}",
            "{company}: ampliación a {product}",
        ],
        Lang::Pl => &[
            "{product} dla firmy {company}",
            "Wdrożenie {product} – {company}",
            "{company}: rozszerzenie do {product}",
        ],
        Lang::Nb => &[
            "{product} til {company}",
            "Innføring av {product} hos {company}",
            "{company}: oppgradering til {product}",
        ],
    }
}

pub fn renewal_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Renewal of {product} – {company}",
        Lang::De => "Verlängerung {product} – {company}",
        Lang::Es => "Renovación de {product} – {company}",
        Lang::Pl => "Przedłużenie {product} – {company}",
        Lang::Nb => "Fornyelse av {product} – {company}",
    }
}

/// Why deals are lost, as a salesperson writes it down.
pub fn lost_reasons(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Too expensive",
            "Budget was cut",
            "Chose a competitor",
            "No longer needed",
            "Project postponed",
        ],
        Lang::De => &[
            "Zu teuer",
            "Budget gestrichen",
            "Hat sich für einen Mitbewerber entschieden",
            "Kein Bedarf mehr",
            "Projekt verschoben",
        ],
        Lang::Es => &[
            "Demasiado caro",
            "Presupuesto recortado",
            "Eligió a un competidor",
            "Ya no lo necesita",
            "Proyecto aplazado",
        ],
        Lang::Pl => &[
            "Za drogo",
            "Budżet został obcięty",
            "Wybrali konkurencję",
            "Brak potrzeby",
            "Projekt przesunięty",
        ],
        Lang::Nb => &[
            "For dyrt",
            "Budsjettet ble kuttet",
            "Valgte en konkurrent",
            "Har ikke lenger behov",
            "Prosjektet er utsatt",
        ],
    }
}

/// Follow-up tasks of a deal: `{first}` (the contact's first name) and `{company}`.
pub fn task_titles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Follow up with {first}",
            "Send the proposal to {company}",
            "Call {first} about the offer",
            "Prepare the contract for {company}",
        ],
        Lang::De => &[
            "Bei {first} nachfassen",
            "Angebot an {company} senden",
            "{first} wegen des Angebots anrufen",
            "Vertrag für {company} vorbereiten",
        ],
        Lang::Es => &[
            "Hacer seguimiento con {first}",
            "Enviar la propuesta a {company}",
            "Llamar a {first} por la oferta",
            "Preparar el contrato de {company}",
        ],
        Lang::Pl => &[
            "Follow-up: {first}",
            "Wysłać ofertę – {company}",
            "Telefon w sprawie oferty: {first}",
            "Przygotować umowę – {company}",
        ],
        Lang::Nb => &[
            "Følg opp {first}",
            "Send tilbudet til {company}",
            "Ring {first} om tilbudet",
            "Forbered kontrakten for {company}",
        ],
    }
}

/// The demo's price lists: a name, the language whose market's products they price, and
/// the share of the list price they ask, in percent.
pub const PRICE_LISTS: &[(&str, Lang, i64)] = &[
    ("Partnerpreise EUR", Lang::De, 85),
    ("Partnerpriser NOK", Lang::Nb, 90),
];

/// How payments come in, with how often.
pub const PAYMENT_METHODS: &[(&str, u64)] = &[
    ("bank_transfer", 70),
    ("direct_debit", 15),
    ("card", 13),
    ("cash", 2),
];
