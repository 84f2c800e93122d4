//! Subjects and bodies of demo interactions, in each contact's language.
//!
//! Templates name `{first}` (the contact's first name), `{company}`, `{product}`, `{day}`,
//! `{n}` (a small number) and `{a}` (a Polish feminine ending); an empty subject means the
//! interaction has none (as for SMS).

use super::rng::Rng;
use super::words::Lang;

/// Product names are brands, the same in every language, so templates need no articles.
const PRODUCTS: &[&str] = &[
    "Cloud Basic",
    "Cloud Premium",
    "Support Plus",
    "Onboarding Pro",
    "Enterprise Suite",
];

/// The kinds the demo makes, with how often each occurs.
pub const KINDS: &[(&str, u64)] = &[
    ("email", 34),
    ("call", 20),
    ("note", 16),
    ("meeting", 10),
    ("sms", 10),
    ("chat", 10),
];

struct Texts {
    days: &'static [&'static str],
    /// Used for `{company}` when the contact works for none.
    no_company: &'static str,
    note: &'static [(&'static str, &'static str)],
    email: &'static [(&'static str, &'static str)],
    call: &'static [(&'static str, &'static str)],
    meeting: &'static [(&'static str, &'static str)],
    sms: &'static [(&'static str, &'static str)],
    chat: &'static [(&'static str, &'static str)],
}

/// The words that fill a template.
pub struct Fill<'a> {
    pub first: &'a str,
    pub company: Option<&'a str>,
    /// Polish past tenses agree with the speaker: `{a}` becomes "a" for a woman.
    pub female: bool,
}

/// A made-up interaction's text.
pub struct Written {
    /// None for kinds without one, such as SMS.
    pub subject: Option<String>,
    pub body: String,
    /// Whether the text reads as written by the contact, when it says either way.
    pub inbound: Option<bool>,
}

/// Reply prefixes in every language; a reply in a demo thread comes from the contact.
const REPLY: &[&str] = &["Re:", "AW:", "RE:", "Odp:", "SV:"];

/// A subject and body for an interaction of `kind`.
pub fn interaction(lang: Lang, kind: &str, fill: &Fill<'_>, rng: &mut Rng) -> Written {
    let t = texts(lang);
    let pairs = match kind {
        "email" => t.email,
        "call" => t.call,
        "meeting" => t.meeting,
        "sms" => t.sms,
        "chat" => t.chat,
        _ => t.note,
    };
    let index = rng.below(pairs.len() as u64) as usize;
    let (subject, body) = pairs[index];
    let product = rng.pick(PRODUCTS);
    let day = rng.pick(t.days);
    let n = rng.range(2, 40).to_string();
    let company = fill.company.unwrap_or(t.no_company);
    let apply = |template: &str| {
        template
            .replace("{first}", fill.first)
            .replace("{company}", company)
            .replace("{product}", product)
            .replace("{day}", day)
            .replace("{n}", &n)
            .replace("{a}", if fill.female { "a" } else { "" })
    };
    let inbound = match kind {
        "email" => Some(REPLY.iter().any(|p| subject.starts_with(p))),
        // The second call template is the contact calling support.
        "call" => Some(index == 1),
        "chat" => Some(true),
        "sms" => (index < 2).then_some(false),
        _ => None,
    };
    Written {
        subject: (!subject.is_empty()).then(|| apply(subject)),
        body: apply(body),
        inbound,
    }
}

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::De => &DE,
        Lang::Es => &ES,
        Lang::Pl => &PL,
        Lang::Nb => &NB,
    }
}

static EN: Texts = Texts {
    days: &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    no_company: "their team",
    note: &[
        (
            "Budget confirmed",
            "{first} confirmed the budget for {product}. Decision expected within {n} days.",
        ),
        (
            "Key contact",
            "{first} is the main decision maker at {company}; prefers email over calls.",
        ),
        (
            "Competitor mentioned",
            "{company} is also talking to a competitor. Follow up on pricing for {product}.",
        ),
        (
            "Renewal risk",
            "Usage at {company} dropped last month. Check in with {first} before the renewal.",
        ),
    ],
    email: &[
        (
            "Quote for {product}",
            "Hi {first},\n\nplease find attached our quote for {product}. It is valid for {n} days.\n\nBest regards",
        ),
        (
            "Re: Questions about {product}",
            "Hi,\n\nthanks for the quick answer. Could you send the terms for {product} as well?\n\nKind regards,\n{first}",
        ),
        (
            "Follow-up on our meeting",
            "Hi {first},\n\nthank you for your time on {day}. As promised, here is a summary of the next steps for {company}.\n\nBest",
        ),
        (
            "Invoice {n}",
            "Dear {first},\n\nyour invoice for {product} is attached. Payment is due in {n} days.\n\nThank you",
        ),
    ],
    call: &[
        (
            "Call with {first}",
            "Discussed {product}. {first} wants a proposal by {day}.",
        ),
        (
            "Support call",
            "{first} called about a login problem; solved during the call.",
        ),
        (
            "Missed call",
            "Tried to reach {first}; left a voicemail about {product}.",
        ),
        (
            "Discovery call",
            "Talked about how {company} works today and what they need from {product}.",
        ),
    ],
    meeting: &[
        (
            "Demo of {product}",
            "Showed {product} to {first} and {n} colleagues at {company}. Good questions about reporting.",
        ),
        (
            "Quarterly review",
            "Reviewed the last quarter with {company}. Agreed to meet again on {day}.",
        ),
        (
            "Contract negotiation",
            "Negotiated terms for {product}. {first} asked for a {n}% discount.",
        ),
        (
            "Lunch with {first}",
            "Informal lunch; {first} hinted at expanding to {n} more users.",
        ),
    ],
    sms: &[
        ("", "Hi {first}, just a reminder of our meeting on {day}."),
        ("", "Thanks {first}, the documents arrived. Talk soon!"),
        ("", "Running {n} minutes late, sorry!"),
    ],
    chat: &[
        (
            "Website chat",
            "{first} asked on the website whether {product} includes training.",
        ),
        (
            "Chat: pricing",
            "{first}: Do you offer a discount for {n} users or more?",
        ),
        (
            "Chat: support",
            "{first} could not export a report; sent a link to the help article.",
        ),
    ],
};

static DE: Texts = Texts {
    days: &["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
    no_company: "das Team",
    note: &[
        (
            "Budget bestätigt",
            "{first} hat das Budget für {product} bestätigt. Entscheidung in {n} Tagen erwartet.",
        ),
        (
            "Ansprechpartner",
            "{first} entscheidet bei {company}; bevorzugt E-Mail statt Anrufe.",
        ),
        (
            "Wettbewerber",
            "{company} spricht auch mit einem Wettbewerber. Preise für {product} nachfassen.",
        ),
        (
            "Kündigungsrisiko",
            "Die Nutzung bei {company} ist gesunken. Vor der Verlängerung mit {first} sprechen.",
        ),
    ],
    email: &[
        (
            "Angebot für {product}",
            "Hallo {first},\n\nanbei unser Angebot für {product}. Es gilt {n} Tage.\n\nViele Grüße",
        ),
        (
            "AW: Fragen zu {product}",
            "Hallo,\n\ndanke für die schnelle Antwort. Können Sie mir auch die Bedingungen für {product} schicken?\n\nBeste Grüße\n{first}",
        ),
        (
            "Nachbereitung unseres Termins",
            "Hallo {first},\n\nvielen Dank für Ihre Zeit am {day}. Wie besprochen die nächsten Schritte für {company}.\n\nViele Grüße",
        ),
        (
            "Rechnung {n}",
            "Hallo {first},\n\nanbei Ihre Rechnung für {product}. Zahlbar innerhalb von {n} Tagen.\n\nVielen Dank",
        ),
    ],
    call: &[
        (
            "Telefonat mit {first}",
            "Über {product} gesprochen. {first} möchte bis {day} ein Angebot.",
        ),
        (
            "Supportanruf",
            "{first} rief wegen eines Anmeldeproblems an; im Gespräch gelöst.",
        ),
        (
            "Verpasster Anruf",
            "{first} nicht erreicht; Nachricht zu {product} hinterlassen.",
        ),
        (
            "Erstgespräch",
            "Besprochen, wie {company} heute arbeitet und was sie von {product} erwarten.",
        ),
    ],
    meeting: &[
        (
            "Vorführung {product}",
            "{product} für {first} und {n} Kollegen bei {company} vorgeführt. Gute Fragen zum Reporting.",
        ),
        (
            "Quartalsgespräch",
            "Das letzte Quartal mit {company} besprochen. Nächster Termin am {day}.",
        ),
        (
            "Vertragsverhandlung",
            "Konditionen für {product} verhandelt. {first} wünscht {n} % Rabatt.",
        ),
        (
            "Mittagessen mit {first}",
            "Lockeres Mittagessen; {first} deutete {n} weitere Nutzer an.",
        ),
    ],
    sms: &[
        (
            "",
            "Hallo {first}, kurze Erinnerung an unseren Termin am {day}.",
        ),
        (
            "",
            "Danke {first}, die Unterlagen sind angekommen. Bis bald!",
        ),
        ("", "Ich verspäte mich um {n} Minuten, Entschuldigung!"),
    ],
    chat: &[
        (
            "Website-Chat",
            "{first} fragte auf der Website, ob {product} eine Schulung enthält.",
        ),
        (
            "Chat: Preise",
            "{first}: Gibt es einen Rabatt ab {n} Nutzern?",
        ),
        (
            "Chat: Support",
            "{first} konnte keinen Bericht exportieren; Link zum Hilfeartikel geschickt.",
        ),
    ],
};

static ES: Texts = Texts {
    days: &["lunes", "martes", "miércoles", "jueves", "viernes"],
    no_company: "su equipo",
    note: &[
        (
            "Presupuesto confirmado",
            "{first} confirmó el presupuesto para {product}. Decisión prevista en {n} días.",
        ),
        (
            "Contacto clave",
            "{first} decide en {company}; prefiere el correo a las llamadas.",
        ),
        (
            "Competencia",
            "{company} también habla con un competidor. Revisar precios de {product}.",
        ),
        (
            "Riesgo de baja",
            "El uso en {company} bajó el mes pasado. Hablar con {first} antes de la renovación.",
        ),
    ],
    email: &[
        (
            "Presupuesto de {product}",
            "Hola {first}:\n\nadjunto nuestro presupuesto de {product}. Es válido durante {n} días.\n\nUn saludo",
        ),
        (
            "RE: Dudas sobre {product}",
            "Hola:\n\ngracias por la rápida respuesta. ¿Podrían enviarme también las condiciones de {product}?\n\nSaludos,\n{first}",
        ),
        (
            "Seguimiento de nuestra reunión",
            "Hola {first}:\n\ngracias por tu tiempo el {day}. Como acordamos, estos son los próximos pasos para {company}.\n\nUn saludo",
        ),
        (
            "Factura {n}",
            "Hola {first}:\n\nadjuntamos su factura de {product}. Vence en {n} días.\n\nGracias",
        ),
    ],
    call: &[
        (
            "Llamada con {first}",
            "Hablamos de {product}. {first} quiere una propuesta para el {day}.",
        ),
        (
            "Llamada de soporte",
            "{first} llamó por un problema de acceso; resuelto durante la llamada.",
        ),
        (
            "Llamada perdida",
            "No localicé a {first}; dejé un mensaje sobre {product}.",
        ),
        (
            "Primera llamada",
            "Hablamos de cómo trabaja {company} hoy y qué necesita de {product}.",
        ),
    ],
    meeting: &[
        (
            "Demostración de {product}",
            "Presenté {product} a {first} y {n} compañeros de {company}. Buenas preguntas sobre informes.",
        ),
        (
            "Revisión trimestral",
            "Revisamos el trimestre con {company}. Nos vemos de nuevo el {day}.",
        ),
        (
            "Negociación del contrato",
            "Negociamos las condiciones de {product}. {first} pidió un {n} % de descuento.",
        ),
        (
            "Comida con {first}",
            "Comida informal; {first} habló de ampliar a {n} usuarios más.",
        ),
    ],
    sms: &[
        ("", "Hola {first}, te recuerdo nuestra reunión del {day}."),
        ("", "Gracias {first}, ya tenemos los documentos. ¡Hablamos!"),
        ("", "Llego {n} minutos tarde, ¡perdón!"),
    ],
    chat: &[
        (
            "Chat web",
            "{first} preguntó en la web si {product} incluye formación.",
        ),
        (
            "Chat: precios",
            "{first}: ¿Hay descuento a partir de {n} usuarios?",
        ),
        (
            "Chat: soporte",
            "{first} no podía exportar un informe; le enviamos el artículo de ayuda.",
        ),
    ],
};

static PL: Texts = Texts {
    days: &["poniedziałek", "wtorek", "środę", "czwartek", "piątek"],
    no_company: "zespół",
    note: &[
        (
            "Budżet potwierdzony",
            "{first} potwierdził{a} budżet na {product}. Decyzja w ciągu {n} dni.",
        ),
        (
            "Osoba decyzyjna",
            "{first} podejmuje decyzje w {company}; woli e-mail niż telefon.",
        ),
        (
            "Konkurencja",
            "{company} rozmawia też z konkurencją. Wrócić do cen za {product}.",
        ),
        (
            "Ryzyko odejścia",
            "Wykorzystanie w {company} spadło. Porozmawiać z {first} przed odnowieniem.",
        ),
    ],
    email: &[
        (
            "Oferta na {product}",
            "Dzień dobry {first},\n\nw załączeniu oferta na {product}. Jest ważna {n} dni.\n\nPozdrawiam",
        ),
        (
            "Odp: Pytania o {product}",
            "Dzień dobry,\n\ndziękuję za szybką odpowiedź. Czy mogą Państwo przesłać też warunki na {product}?\n\nPozdrawiam\n{first}",
        ),
        (
            "Podsumowanie spotkania",
            "Dzień dobry {first},\n\ndziękuję za spotkanie w {day}. Zgodnie z ustaleniami przesyłam kolejne kroki dla {company}.\n\nPozdrawiam",
        ),
        (
            "Faktura {n}",
            "Dzień dobry {first},\n\nw załączeniu faktura za {product}. Termin płatności: {n} dni.\n\nDziękujemy",
        ),
    ],
    call: &[
        (
            "Rozmowa z {first}",
            "Rozmawialiśmy o {product}. {first} prosi o ofertę na {day}.",
        ),
        (
            "Zgłoszenie do wsparcia",
            "{first} dzwonił{a} w sprawie logowania; rozwiązane w trakcie rozmowy.",
        ),
        (
            "Nieodebrane połączenie",
            "Nie udało się połączyć z {first}; zostawiona wiadomość o {product}.",
        ),
        (
            "Pierwsza rozmowa",
            "Omówiliśmy, jak pracuje {company} i czego oczekuje od nas.",
        ),
    ],
    meeting: &[
        (
            "Prezentacja: {product}",
            "Pokazaliśmy {product} dla {first} i {n} osób z {company}. Dobre pytania o raporty.",
        ),
        (
            "Przegląd kwartalny",
            "Podsumowaliśmy kwartał z {company}. Kolejne spotkanie w {day}.",
        ),
        (
            "Negocjacje umowy",
            "Negocjowaliśmy warunki. {first} prosi o {n}% rabatu na {product}.",
        ),
        (
            "Lunch z {first}",
            "Nieformalny lunch; {first} wspomniał{a} o {n} nowych użytkownikach.",
        ),
    ],
    sms: &[
        ("", "Dzień dobry {first}, przypominam o spotkaniu w {day}."),
        ("", "Dziękuję {first}, dokumenty dotarły. Do usłyszenia!"),
        ("", "Spóźnię się {n} minut, przepraszam!"),
    ],
    chat: &[
        (
            "Czat na stronie",
            "{first} zapytał{a} na stronie, czy {product} obejmuje szkolenie.",
        ),
        ("Czat: ceny", "{first}: Czy jest rabat od {n} użytkowników?"),
        (
            "Czat: wsparcie",
            "{first} ma problem z eksportem raportu; wysłano link do pomocy.",
        ),
    ],
};

static NB: Texts = Texts {
    days: &["mandag", "tirsdag", "onsdag", "torsdag", "fredag"],
    no_company: "teamet",
    note: &[
        (
            "Budsjett bekreftet",
            "{first} bekreftet budsjettet for {product}. Beslutning ventes innen {n} dager.",
        ),
        (
            "Nøkkelperson",
            "{first} tar beslutningene hos {company}; foretrekker e-post fremfor telefon.",
        ),
        (
            "Konkurrent nevnt",
            "{company} snakker også med en konkurrent. Følg opp prisen på {product}.",
        ),
        (
            "Fare for oppsigelse",
            "Bruken hos {company} har falt. Ta en prat med {first} før fornyelsen.",
        ),
    ],
    email: &[
        (
            "Tilbud på {product}",
            "Hei {first},\n\nvedlagt er vårt tilbud på {product}. Det gjelder i {n} dager.\n\nVennlig hilsen",
        ),
        (
            "SV: Spørsmål om {product}",
            "Hei,\n\ntakk for raskt svar. Kan dere også sende vilkårene for {product}?\n\nMvh\n{first}",
        ),
        (
            "Oppfølging etter møtet",
            "Hei {first},\n\ntakk for praten på {day}. Som avtalt kommer neste steg for {company} her.\n\nVennlig hilsen",
        ),
        (
            "Faktura {n}",
            "Hei {first},\n\nvedlagt er fakturaen for {product}. Forfall om {n} dager.\n\nTakk",
        ),
    ],
    call: &[
        (
            "Samtale med {first}",
            "Snakket om {product}. {first} ønsker et tilbud innen {day}.",
        ),
        (
            "Supportsamtale",
            "{first} ringte om et innloggingsproblem; løst i samtalen.",
        ),
        (
            "Tapt anrop",
            "Fikk ikke tak i {first}; la igjen beskjed om {product}.",
        ),
        (
            "Første samtale",
            "Snakket om hvordan {company} jobber i dag og hva de trenger.",
        ),
    ],
    meeting: &[
        (
            "Demo av {product}",
            "Viste {product} til {first} og {n} kolleger hos {company}. Gode spørsmål om rapporter.",
        ),
        (
            "Kvartalsgjennomgang",
            "Gikk gjennom kvartalet med {company}. Nytt møte på {day}.",
        ),
        (
            "Kontraktsforhandling",
            "Forhandlet vilkår for {product}. {first} ba om {n} % rabatt.",
        ),
        (
            "Lunsj med {first}",
            "Uformell lunsj; {first} antydet {n} nye brukere.",
        ),
    ],
    sms: &[
        ("", "Hei {first}, minner om møtet vårt på {day}."),
        ("", "Takk {first}, dokumentene er mottatt. Snakkes!"),
        ("", "Blir {n} minutter forsinket, beklager!"),
    ],
    chat: &[
        (
            "Nettsidechat",
            "{first} spurte på nettsiden om {product} inkluderer opplæring.",
        ),
        ("Chat: priser", "{first}: Gir dere rabatt fra {n} brukere?"),
        (
            "Chat: support",
            "{first} fikk ikke eksportert en rapport; sendte lenke til hjelpeartikkelen.",
        ),
    ],
};
