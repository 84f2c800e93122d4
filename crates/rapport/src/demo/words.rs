//! The words demo records are made of, per language: names, companies, places, job
//! titles and phone number ranges.
//!
//! Domains end in `.example` and free-mail addresses use `example.com/net/org` (RFC 2606),
//! so mail sent from a demo database can never reach a real person.

use super::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Es,
    Pl,
    Nb,
}

/// How often each language's companies and contacts occur.
pub const LANG_WEIGHTS: [(Lang, u64); 5] = [
    (Lang::En, 30),
    (Lang::De, 25),
    (Lang::Es, 15),
    (Lang::Pl, 15),
    (Lang::Nb, 15),
];

pub struct Words {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub last: &'static [&'static str],
    /// Company name stems.
    pub stems: &'static [&'static str],
    /// A word naming a line of business, with the industry it stands for.
    pub trades: &'static [(&'static str, &'static str)],
    /// Legal forms.
    pub forms: &'static [&'static str],
    /// City and postal code pattern (`#` a digit, `@` a capital letter).
    pub cities: &'static [(&'static str, &'static str)],
    pub streets: &'static [&'static str],
    /// Job titles, male and female forms.
    pub titles: &'static [(&'static str, &'static str)],
}

impl Lang {
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
            Lang::Es => &ES,
            Lang::Pl => &PL,
            Lang::Nb => &NB,
        }
    }

    /// A landline number in the capital, in E.164.
    pub fn landline(self, rng: &mut Rng) -> String {
        match self {
            // Ofcom's range for drama: 020 7946 0000 to 0999.
            Lang::En => format!("+44207946{}", rng.digits(4)),
            Lang::De => format!("+4930{}{}", rng.range(2, 9), rng.digits(6)),
            Lang::Es => format!("+3491{}{}", rng.range(2, 9), rng.digits(6)),
            Lang::Pl => format!("+4822{}{}", rng.range(2, 8), rng.digits(6)),
            Lang::Nb => format!("+4722{}", rng.digits(6)),
        }
    }

    /// A mobile number, in E.164.
    pub fn mobile(self, rng: &mut Rng) -> String {
        match self {
            // Ofcom's drama range (07700 900xxx) is not a valid number to libphonenumber,
            // so an ordinary mobile range is used.
            Lang::En => format!("+4474{}{}", rng.range(0, 5), rng.digits(7)),
            Lang::De => format!(
                "+49{}{}",
                rng.pick(&["151", "160", "170", "171", "176"]),
                rng.digits(8)
            ),
            Lang::Es => format!("+346{}", rng.digits(8)),
            Lang::Pl => format!(
                "+48{}{}",
                rng.pick(&["50", "51", "60", "66", "69", "79"]),
                rng.digits(7)
            ),
            Lang::Nb => format!("+47{}{}", rng.pick(&["4", "9"]), rng.digits(7)),
        }
    }

    /// A street address line.
    pub fn street(self, rng: &mut Rng) -> String {
        let street = rng.pick(self.words().streets);
        let number = rng.range(1, 180);
        match self {
            Lang::En => format!("{number} {street}"),
            Lang::Es => format!("{street}, {number}"),
            Lang::Pl => format!("ul. {street} {number}"),
            Lang::De | Lang::Nb => format!("{street} {number}"),
        }
    }

    /// A company's name, industry and domain name.
    pub fn company(self, rng: &mut Rng) -> (String, &'static str, String) {
        let w = self.words();
        let (trade, industry) = *rng.pick(w.trades);
        let form = rng.pick(w.forms);
        let roll = rng.below(100);
        let (base, domain) = if roll < 55 {
            let stem = rng.pick(w.stems);
            let base = match self {
                Lang::Es => format!("{trade} {stem}"),
                _ => format!("{stem} {trade}"),
            };
            (base, format!("{}-{}", slug(stem), slug(trade)))
        } else if roll < 80 {
            let last = rng.pick(w.last);
            let base = match self {
                Lang::Es => format!("{trade} {last}"),
                _ => format!("{last} {trade}"),
            };
            (base, format!("{}-{}", slug(last), slug(trade)))
        } else {
            let a = rng.pick(w.last);
            let b = rng.pick(w.last);
            let and = match self {
                Lang::Es => "y",
                Lang::Pl => "i",
                _ => "&",
            };
            (format!("{a} {and} {b}"), format!("{}-{}", slug(a), slug(b)))
        };
        (
            format!("{base} {form}"),
            industry,
            format!("{domain}.example"),
        )
    }
}

/// A postal code from a pattern.
pub fn postal_code(pattern: &str, rng: &mut Rng) -> String {
    pattern
        .chars()
        .map(|c| match c {
            '#' => char::from(b'0' + rng.below(10) as u8),
            '@' => char::from(b'A' + rng.below(26) as u8),
            other => other,
        })
        .collect()
}

/// Lower-case ASCII for an email address or domain: `Jürgen Ødegård` becomes
/// `juergen-odegard`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        let mapped: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'ä' | 'æ' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'ø' | 'ó' | 'ò' => "o",
            'å' | 'á' | 'à' | 'ą' => "a",
            'é' | 'è' | 'ę' => "e",
            'í' => "i",
            'ú' => "u",
            'ñ' | 'ń' => "n",
            'ł' => "l",
            'ś' => "s",
            'ć' => "c",
            'ź' | 'ż' => "z",
            _ => "-",
        };
        out.push_str(mapped);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    parts.join("-")
}

/// A Polish surname in the form that goes with a woman's first name.
pub fn feminine_surname(lang: Lang, last: &str) -> String {
    if lang == Lang::Pl
        && let Some(stem) = last
            .strip_suffix("ski")
            .or_else(|| last.strip_suffix("cki"))
    {
        let ending = if last.ends_with("ski") { "ska" } else { "cka" };
        return format!("{stem}{ending}");
    }
    last.to_string()
}

pub const TAGS: &[(&str, &str)] = &[
    ("vip", "#d4a017"),
    ("newsletter", "#1f6feb"),
    ("partner", "#8250df"),
    ("trade-fair", "#bf3989"),
    ("churn-risk", "#cf222e"),
    ("key-account", "#1a7f37"),
    ("referral", "#0969da"),
    ("webinar", "#9a6700"),
    ("beta", "#6e7781"),
    ("decision-maker", "#953800"),
    ("renewal-due", "#bc4c00"),
    ("prospect", "#218bff"),
];

pub const COMPANY_SIZES: &[(&str, u64)] = &[
    ("1-10", 25),
    ("11-50", 30),
    ("51-200", 22),
    ("201-500", 12),
    ("501-1000", 6),
    ("1000+", 5),
];

pub const FREE_MAIL: &[&str] = &["example.com", "example.net", "example.org"];

static EN: Words = Words {
    country: "GB",
    female: &[
        "Amelia",
        "Isla",
        "Ava",
        "Mia",
        "Grace",
        "Sophie",
        "Emily",
        "Olivia",
        "Lucy",
        "Chloe",
        "Hannah",
        "Ella",
        "Charlotte",
        "Eleanor",
        "Freya",
    ],
    male: &[
        "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "James", "William", "Henry",
        "Daniel", "Samuel", "Joseph", "Matthew", "Edward", "Benjamin",
    ],
    last: &[
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
        "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "Hughes",
        "Edwards", "Turner", "Murphy",
    ],
    stems: &[
        "Northwind",
        "Bluebell",
        "Harbour",
        "Kingsbridge",
        "Oakridge",
        "Riverside",
        "Summit",
        "Brightwater",
        "Ashford",
        "Redfern",
        "Thornbury",
        "Westgate",
        "Lakeside",
        "Highfield",
        "Greenway",
        "Silverline",
        "Meridian",
        "Pennine",
        "Clearwater",
        "Foxglove",
    ],
    trades: &[
        ("Logistics", "Logistics"),
        ("Systems", "Software"),
        ("Foods", "Food and beverages"),
        ("Engineering", "Manufacturing"),
        ("Consulting", "Consulting"),
        ("Trading", "Wholesale"),
        ("Analytics", "Software"),
        ("Builders", "Construction"),
        ("Health", "Healthcare"),
        ("Energy", "Energy"),
        ("Media", "Media"),
        ("Finance", "Financial services"),
    ],
    forms: &["Ltd", "Ltd", "Ltd", "plc", "LLP"],
    cities: &[
        ("London", "EC# #@@"),
        ("Manchester", "M# #@@"),
        ("Birmingham", "B# #@@"),
        ("Leeds", "LS# #@@"),
        ("Bristol", "BS# #@@"),
        ("Edinburgh", "EH# #@@"),
        ("Glasgow", "G# #@@"),
        ("Cardiff", "CF# #@@"),
    ],
    streets: &[
        "High Street",
        "Station Road",
        "Church Lane",
        "Victoria Road",
        "Park Avenue",
        "Mill Lane",
        "King Street",
        "Queen Street",
        "Market Place",
        "Bridge Road",
    ],
    titles: &[
        ("Sales Manager", "Sales Manager"),
        ("Head of Operations", "Head of Operations"),
        ("Chief Financial Officer", "Chief Financial Officer"),
        ("Office Manager", "Office Manager"),
        ("Procurement Lead", "Procurement Lead"),
        ("Marketing Director", "Marketing Director"),
        ("IT Administrator", "IT Administrator"),
        ("Account Executive", "Account Executive"),
        ("Customer Success Manager", "Customer Success Manager"),
        ("Managing Director", "Managing Director"),
        ("Software Engineer", "Software Engineer"),
        ("HR Business Partner", "HR Business Partner"),
    ],
};

static DE: Words = Words {
    country: "DE",
    female: &[
        "Anna",
        "Lea",
        "Marie",
        "Sophie",
        "Emma",
        "Hannah",
        "Sabine",
        "Katrin",
        "Julia",
        "Claudia",
        "Lena",
        "Birgit",
        "Jana",
        "Ulrike",
        "Franziska",
    ],
    male: &[
        "Lukas",
        "Maximilian",
        "Felix",
        "Jonas",
        "Leon",
        "Paul",
        "Jürgen",
        "Stefan",
        "Michael",
        "Andreas",
        "Tobias",
        "Matthias",
        "Florian",
        "Sebastian",
        "Dominik",
    ],
    last: &[
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Braun",
        "Krüger",
        "Hofmann",
        "Hartmann",
        "Lange",
        "Schmitt",
        "Werner",
        "Krause",
        "Meier",
        "Weiß",
    ],
    stems: &[
        "Nordlicht",
        "Bergmann",
        "Rheintal",
        "Alpen",
        "Hansa",
        "Sonnenhof",
        "Elbe",
        "Waldner",
        "Spree",
        "Isar",
        "Lindenberg",
        "Falkenstein",
        "Weser",
        "Schwarzwald",
        "Brückner",
        "Taunus",
        "Mainau",
        "Eichwald",
        "Harz",
        "Bodensee",
    ],
    trades: &[
        ("Logistik", "Logistics"),
        ("Software", "Software"),
        ("Feinkost", "Food and beverages"),
        ("Maschinenbau", "Manufacturing"),
        ("Beratung", "Consulting"),
        ("Handel", "Wholesale"),
        ("Datentechnik", "Software"),
        ("Bau", "Construction"),
        ("Medizintechnik", "Healthcare"),
        ("Energie", "Energy"),
        ("Verlag", "Media"),
        ("Finanz", "Financial services"),
    ],
    forms: &["GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG"],
    cities: &[
        ("Berlin", "10###"),
        ("Hamburg", "20###"),
        ("München", "80###"),
        ("Köln", "50###"),
        ("Frankfurt am Main", "60###"),
        ("Stuttgart", "70###"),
        ("Leipzig", "04###"),
        ("Düsseldorf", "40###"),
    ],
    streets: &[
        "Hauptstraße",
        "Bahnhofstraße",
        "Gartenstraße",
        "Schillerstraße",
        "Goethestraße",
        "Lindenallee",
        "Marktplatz",
        "Industriestraße",
        "Am Hafen",
        "Kirchweg",
    ],
    titles: &[
        ("Vertriebsleiter", "Vertriebsleiterin"),
        ("Geschäftsführer", "Geschäftsführerin"),
        ("Einkaufsleiter", "Einkaufsleiterin"),
        ("Leiter Marketing", "Leiterin Marketing"),
        ("IT-Administrator", "IT-Administratorin"),
        ("Projektmanager", "Projektmanagerin"),
        ("Key Account Manager", "Key Account Managerin"),
        ("Buchhalter", "Buchhalterin"),
        ("Personalreferent", "Personalreferentin"),
        ("Teamleiter Kundenservice", "Teamleiterin Kundenservice"),
        ("Technischer Leiter", "Technische Leiterin"),
        ("Softwareentwickler", "Softwareentwicklerin"),
    ],
};

static ES: Words = Words {
    country: "ES",
    female: &[
        "Lucía", "Martina", "Sofía", "María", "Paula", "Julia", "Carmen", "Elena", "Laura",
        "Marta", "Isabel", "Cristina", "Nuria", "Raquel", "Ainhoa",
    ],
    male: &[
        "Hugo",
        "Mateo",
        "Pablo",
        "Daniel",
        "Alejandro",
        "Álvaro",
        "Javier",
        "Sergio",
        "Diego",
        "Adrián",
        "Manuel",
        "David",
        "Jorge",
        "Iker",
        "Andrés",
    ],
    last: &[
        "García",
        "Fernández",
        "González",
        "Rodríguez",
        "López",
        "Martínez",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Martín",
        "Jiménez",
        "Ruiz",
        "Hernández",
        "Díaz",
        "Moreno",
        "Muñoz",
        "Álvarez",
        "Romero",
        "Alonso",
        "Gutiérrez",
        "Navarro",
        "Torres",
        "Domínguez",
        "Vázquez",
        "Ramos",
        "Gil",
        "Serrano",
        "Blanco",
        "Molina",
        "Ortega",
    ],
    stems: &[
        "Iberia",
        "del Sol",
        "Mediterránea",
        "Castilla",
        "Levante",
        "Cantábrico",
        "Aurora",
        "Guadalquivir",
        "Montserrat",
        "del Ebro",
        "Alhambra",
        "Costa Brava",
        "Galicia",
        "del Tajo",
        "Sierra Nevada",
        "del Duero",
        "Atlántica",
        "Pirineos",
        "Triana",
        "Albufera",
    ],
    trades: &[
        ("Logística", "Logistics"),
        ("Sistemas", "Software"),
        ("Alimentación", "Food and beverages"),
        ("Industrias", "Manufacturing"),
        ("Consultores", "Consulting"),
        ("Distribuciones", "Wholesale"),
        ("Tecnología", "Software"),
        ("Construcciones", "Construction"),
        ("Clínicas", "Healthcare"),
        ("Energía", "Energy"),
        ("Ediciones", "Media"),
        ("Inversiones", "Financial services"),
    ],
    forms: &["S.L.", "S.L.", "S.A.", "S.L.U."],
    cities: &[
        ("Madrid", "28###"),
        ("Barcelona", "08###"),
        ("Valencia", "46###"),
        ("Sevilla", "41###"),
        ("Bilbao", "48###"),
        ("Málaga", "29###"),
        ("Zaragoza", "50###"),
        ("Valladolid", "47###"),
    ],
    streets: &[
        "Calle Mayor",
        "Calle de Alcalá",
        "Avenida de la Constitución",
        "Calle Real",
        "Paseo de Gracia",
        "Calle del Carmen",
        "Gran Vía",
        "Calle San Fernando",
        "Avenida del Puerto",
        "Plaza de España",
    ],
    titles: &[
        ("Director comercial", "Directora comercial"),
        ("Director financiero", "Directora financiera"),
        ("Jefe de compras", "Jefa de compras"),
        ("Responsable de marketing", "Responsable de marketing"),
        ("Administrador de sistemas", "Administradora de sistemas"),
        ("Gerente", "Gerente"),
        ("Técnico de recursos humanos", "Técnica de recursos humanos"),
        ("Jefe de proyecto", "Jefa de proyecto"),
        ("Director de operaciones", "Directora de operaciones"),
        ("Consultor", "Consultora"),
        (
            "Responsable de atención al cliente",
            "Responsable de atención al cliente",
        ),
        ("Ingeniero de software", "Ingeniera de software"),
    ],
};

static PL: Words = Words {
    country: "PL",
    female: &[
        "Zuzanna",
        "Julia",
        "Zofia",
        "Maja",
        "Hanna",
        "Lena",
        "Alicja",
        "Oliwia",
        "Małgorzata",
        "Agnieszka",
        "Katarzyna",
        "Magdalena",
        "Joanna",
        "Ewa",
        "Dorota",
    ],
    male: &[
        "Jakub",
        "Antoni",
        "Jan",
        "Szymon",
        "Franciszek",
        "Filip",
        "Aleksander",
        "Mikołaj",
        "Wojciech",
        "Łukasz",
        "Krzysztof",
        "Paweł",
        "Tomasz",
        "Piotr",
        "Grzegorz",
    ],
    last: &[
        "Nowak",
        "Kowalski",
        "Wiśniewski",
        "Wójcik",
        "Kowalczyk",
        "Kamiński",
        "Lewandowski",
        "Zieliński",
        "Szymański",
        "Woźniak",
        "Dąbrowski",
        "Kozłowski",
        "Jankowski",
        "Mazur",
        "Kwiatkowski",
        "Krawczyk",
        "Piotrowski",
        "Grabowski",
        "Nowakowski",
        "Pawłowski",
        "Michalski",
        "Nowicki",
        "Adamczyk",
        "Dudek",
        "Zając",
        "Wieczorek",
        "Jabłoński",
        "Król",
        "Majewski",
        "Olszewski",
    ],
    stems: &[
        "Wisła", "Mazowsze", "Bałtyk", "Tatry", "Odra", "Polana", "Warta", "Orzeł", "Sokół",
        "Jantar", "Dąbrowa", "Karpaty", "Mazury", "Bursztyn", "Promień", "Lechia", "Pomorze",
        "Wawel", "Beskid", "Narew",
    ],
    trades: &[
        ("Logistyka", "Logistics"),
        ("Systemy", "Software"),
        ("Żywność", "Food and beverages"),
        ("Maszyny", "Manufacturing"),
        ("Doradztwo", "Consulting"),
        ("Handel", "Wholesale"),
        ("Informatyka", "Software"),
        ("Budownictwo", "Construction"),
        ("Medyka", "Healthcare"),
        ("Energia", "Energy"),
        ("Media", "Media"),
        ("Finanse", "Financial services"),
    ],
    forms: &["sp. z o.o.", "sp. z o.o.", "sp. z o.o.", "S.A.", "sp.k."],
    cities: &[
        ("Warszawa", "0#-###"),
        ("Kraków", "3#-###"),
        ("Wrocław", "5#-###"),
        ("Poznań", "6#-###"),
        ("Gdańsk", "80-###"),
        ("Łódź", "9#-###"),
        ("Katowice", "40-###"),
        ("Lublin", "20-###"),
    ],
    streets: &[
        "Marszałkowska",
        "Długa",
        "Piotrkowska",
        "Floriańska",
        "Mickiewicza",
        "Kościuszki",
        "Słowackiego",
        "Polna",
        "Ogrodowa",
        "Lipowa",
    ],
    titles: &[
        ("Kierownik sprzedaży", "Kierowniczka sprzedaży"),
        ("Dyrektor finansowy", "Dyrektorka finansowa"),
        ("Specjalista ds. zakupów", "Specjalistka ds. zakupów"),
        ("Kierownik marketingu", "Kierowniczka marketingu"),
        ("Administrator IT", "Administratorka IT"),
        ("Prezes zarządu", "Prezes zarządu"),
        ("Księgowy", "Księgowa"),
        ("Kierownik projektu", "Kierowniczka projektu"),
        ("Specjalista ds. HR", "Specjalistka ds. HR"),
        ("Opiekun klienta", "Opiekunka klienta"),
        ("Dyrektor operacyjny", "Dyrektorka operacyjna"),
        ("Programista", "Programistka"),
    ],
};

static NB: Words = Words {
    country: "NO",
    female: &[
        "Nora", "Emma", "Olivia", "Ella", "Sofie", "Leah", "Ingrid", "Astrid", "Kari", "Solveig",
        "Marit", "Sigrid", "Hanne", "Silje", "Ragnhild",
    ],
    male: &[
        "Jakob",
        "Emil",
        "Noah",
        "Oliver",
        "Filip",
        "Lukas",
        "Henrik",
        "Magnus",
        "Sindre",
        "Bjørn",
        "Håkon",
        "Eirik",
        "Øystein",
        "Torbjørn",
        "Anders",
    ],
    last: &[
        "Hansen",
        "Johansen",
        "Olsen",
        "Larsen",
        "Andersen",
        "Pedersen",
        "Nilsen",
        "Kristiansen",
        "Jensen",
        "Karlsen",
        "Johnsen",
        "Pettersen",
        "Eriksen",
        "Berg",
        "Haugen",
        "Hagen",
        "Johannessen",
        "Andreassen",
        "Jacobsen",
        "Dahl",
        "Jørgensen",
        "Halvorsen",
        "Henriksen",
        "Lund",
        "Sørensen",
        "Bakken",
        "Solberg",
        "Strand",
        "Moen",
        "Ødegård",
    ],
    stems: &[
        "Fjord",
        "Nordkapp",
        "Vidde",
        "Fjell",
        "Havbris",
        "Nordlys",
        "Skog",
        "Bølge",
        "Midnattsol",
        "Trollheim",
        "Lofoten",
        "Vestland",
        "Jotun",
        "Polar",
        "Elvebakken",
        "Dovre",
        "Hardanger",
        "Varanger",
        "Sjøstjerne",
        "Fonna",
    ],
    trades: &[
        ("Logistikk", "Logistics"),
        ("Systemer", "Software"),
        ("Sjømat", "Food and beverages"),
        ("Mekaniske", "Manufacturing"),
        ("Rådgivning", "Consulting"),
        ("Handel", "Wholesale"),
        ("Data", "Software"),
        ("Bygg", "Construction"),
        ("Helse", "Healthcare"),
        ("Energi", "Energy"),
        ("Media", "Media"),
        ("Finans", "Financial services"),
    ],
    forms: &["AS", "AS", "AS", "ASA", "DA"],
    cities: &[
        ("Oslo", "0###"),
        ("Bergen", "5###"),
        ("Trondheim", "7###"),
        ("Stavanger", "40##"),
        ("Tromsø", "90##"),
        ("Drammen", "30##"),
        ("Kristiansand", "46##"),
        ("Bodø", "80##"),
    ],
    streets: &[
        "Storgata",
        "Kirkegata",
        "Strandgata",
        "Kongens gate",
        "Dronningens gate",
        "Parkveien",
        "Skolegata",
        "Fjordveien",
        "Torggata",
        "Sjøgata",
    ],
    titles: &[
        ("Salgssjef", "Salgssjef"),
        ("Daglig leder", "Daglig leder"),
        ("Økonomisjef", "Økonomisjef"),
        ("Innkjøpsansvarlig", "Innkjøpsansvarlig"),
        ("Markedssjef", "Markedssjef"),
        ("IT-ansvarlig", "IT-ansvarlig"),
        ("Prosjektleder", "Prosjektleder"),
        ("Kundeansvarlig", "Kundeansvarlig"),
        ("HR-rådgiver", "HR-rådgiver"),
        ("Driftssjef", "Driftssjef"),
        ("Regnskapsfører", "Regnskapsfører"),
        ("Utvikler", "Utvikler"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Lang; 5] = [Lang::En, Lang::De, Lang::Es, Lang::Pl, Lang::Nb];

    #[test]
    fn every_generated_phone_number_is_valid_for_its_country() {
        let mut rng = Rng::new(42);
        for lang in ALL {
            for _ in 0..300 {
                for number in [lang.landline(&mut rng), lang.mobile(&mut rng)] {
                    assert_eq!(
                        rapport_core::values::phone(&number).as_deref(),
                        Ok(number.as_str()),
                        "{lang:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lists_are_large_enough() {
        for lang in ALL {
            let w = lang.words();
            assert_eq!(w.female.len() + w.male.len(), 30, "{lang:?}");
            assert_eq!(w.last.len(), 30, "{lang:?}");
            assert!(w.stems.len() >= 20 && w.trades.len() >= 12, "{lang:?}");
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Jürgen"), "juergen");
        assert_eq!(slug("Ødegård"), "odegard");
        assert_eq!(slug("Łukasz Wiśniewski"), "lukasz-wisniewski");
        assert_eq!(slug("Mediterránea & Co."), "mediterranea-co");
        assert_eq!(feminine_surname(Lang::Pl, "Kowalski"), "Kowalska");
        assert_eq!(feminine_surname(Lang::Pl, "Nowicki"), "Nowicka");
        assert_eq!(feminine_surname(Lang::Pl, "Nowak"), "Nowak");
        assert_eq!(feminine_surname(Lang::De, "Kowalski"), "Kowalski");
    }
}
