//! The demo's knowledge base: a few categories and eight articles, each in English with
//! its translations into the other four languages, public ones for customers and
//! internal ones for the support team. Texts are fixed; the random generator only
//! chooses which translations are still drafts and how many readers found them helpful.

use super::generate::{Generator, HISTORY, Prepared, between, prepare};
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::kb;
use serde_json::{Map, Value, json};
use time::Duration;

/// The categories: name, description, and the index of the parent, if any.
const CATEGORIES: [(&str, &str, Option<usize>); 5] = [
    (
        "Getting started",
        "The first steps with your workspace",
        None,
    ),
    ("Your account", "Signing in, passwords and security", None),
    ("Billing", "Invoices, payment methods and receipts", None),
    ("Refunds", "When and how money is paid back", Some(2)),
    (
        "For the support team",
        "How we answer customers; not shown to them",
        None,
    ),
];

/// The languages of each article's texts, in the order `TOPICS` writes them.
const LANGUAGES: [&str; 5] = ["en", "de", "es", "pl", "nb"];

struct Topic {
    category: usize,
    audience: &'static str,
    /// Title and HTML body in each of `LANGUAGES`, the English one the original.
    texts: [(&'static str, &'static str); 5],
}

const TOPICS: [Topic; 8] = [
    Topic {
        category: 0,
        audience: "public",
        texts: [
            (
                "Setting up your first project",
                "<h2>Before you start</h2><p>A project keeps your files, tasks and people together.</p><ol><li>Open <strong>Projects</strong>.</li><li>Choose <em>New project</em> and give it a name.</li><li>Pick a start date and save.</li></ol>",
            ),
            (
                "Das erste Projekt anlegen",
                "<h2>Bevor Sie beginnen</h2><p>Ein Projekt hält Dateien, Aufgaben und Beteiligte zusammen.</p><ol><li>Öffnen Sie <strong>Projekte</strong>.</li><li>Wählen Sie <em>Neues Projekt</em> und geben Sie einen Namen ein.</li><li>Legen Sie ein Startdatum fest und speichern Sie.</li></ol>",
            ),
            (
                "Crear su primer proyecto",
                "<h2>Antes de empezar</h2><p>Un proyecto reúne sus archivos, tareas y personas.</p><ol><li>Abra <strong>Proyectos</strong>.</li><li>Elija <em>Nuevo proyecto</em> y escriba un nombre.</li><li>Indique una fecha de inicio y guarde.</li></ol>",
            ),
            (
                "Zakładanie pierwszego projektu",
                "<h2>Zanim zaczniesz</h2><p>Projekt łączy pliki, zadania i osoby w jednym miejscu.</p><ol><li>Otwórz <strong>Projekty</strong>.</li><li>Wybierz <em>Nowy projekt</em> i wpisz nazwę.</li><li>Ustaw datę rozpoczęcia i zapisz.</li></ol>",
            ),
            (
                "Opprette ditt første prosjekt",
                "<h2>Før du begynner</h2><p>Et prosjekt samler filer, oppgaver og folk på ett sted.</p><ol><li>Åpne <strong>Prosjekter</strong>.</li><li>Velg <em>Nytt prosjekt</em> og gi det et navn.</li><li>Velg en startdato og lagre.</li></ol>",
            ),
        ],
    },
    Topic {
        category: 0,
        audience: "public",
        texts: [
            (
                "Inviting colleagues",
                "<p>Everyone you invite gets an email with a link that is valid for seven days.</p><ul><li>Go to <strong>Settings › People</strong>.</li><li>Enter one address per line.</li><li>Choose what they may do, then send.</li></ul>",
            ),
            (
                "Kollegen einladen",
                "<p>Wer eingeladen wird, erhält eine E-Mail mit einem Link, der sieben Tage gilt.</p><ul><li>Gehen Sie zu <strong>Einstellungen › Personen</strong>.</li><li>Geben Sie eine Adresse pro Zeile ein.</li><li>Wählen Sie die Rechte und senden Sie ab.</li></ul>",
            ),
            (
                "Invitar a compañeros",
                "<p>Cada persona invitada recibe un correo con un enlace válido durante siete días.</p><ul><li>Vaya a <strong>Ajustes › Personas</strong>.</li><li>Escriba una dirección por línea.</li><li>Elija qué pueden hacer y envíe.</li></ul>",
            ),
            (
                "Zapraszanie współpracowników",
                "<p>Każda zaproszona osoba dostaje e-mail z linkiem ważnym przez siedem dni.</p><ul><li>Przejdź do <strong>Ustawienia › Osoby</strong>.</li><li>Wpisz jeden adres w wierszu.</li><li>Wybierz uprawnienia i wyślij.</li></ul>",
            ),
            (
                "Invitere kolleger",
                "<p>Alle du inviterer, får en e-post med en lenke som gjelder i sju dager.</p><ul><li>Gå til <strong>Innstillinger › Personer</strong>.</li><li>Skriv én adresse per linje.</li><li>Velg hva de kan gjøre, og send.</li></ul>",
            ),
        ],
    },
    Topic {
        category: 1,
        audience: "public",
        texts: [
            (
                "Resetting your password",
                "<p>Forgot your password? Choose <em>Forgot password</em> on the sign-in page and we send a reset link to your address.</p><p>The link works once and expires after an hour.</p>",
            ),
            (
                "Passwort zurücksetzen",
                "<p>Passwort vergessen? Wählen Sie auf der Anmeldeseite <em>Passwort vergessen</em>, dann senden wir Ihnen einen Link.</p><p>Der Link gilt einmal und läuft nach einer Stunde ab.</p>",
            ),
            (
                "Restablecer la contraseña",
                "<p>¿Ha olvidado su contraseña? Elija <em>He olvidado la contraseña</em> en la página de acceso y le enviaremos un enlace.</p><p>El enlace funciona una vez y caduca en una hora.</p>",
            ),
            (
                "Resetowanie hasła",
                "<p>Nie pamiętasz hasła? Na stronie logowania wybierz <em>Nie pamiętam hasła</em>, a wyślemy link na Twój adres.</p><p>Link działa raz i wygasa po godzinie.</p>",
            ),
            (
                "Tilbakestille passordet",
                "<p>Glemt passordet? Velg <em>Glemt passord</em> på innloggingssiden, så sender vi en lenke til adressen din.</p><p>Lenken virker én gang og utløper etter en time.</p>",
            ),
        ],
    },
    Topic {
        category: 1,
        audience: "public",
        texts: [
            (
                "Turning on two-step sign-in",
                "<h2>Why</h2><p>A code from your phone keeps your account safe even if someone learns your password.</p><h2>How</h2><p>Open <strong>Account › Security</strong>, scan the QR code with an authenticator app and type the six digits it shows.</p>",
            ),
            (
                "Anmeldung in zwei Schritten einschalten",
                "<h2>Warum</h2><p>Ein Code vom Telefon schützt Ihr Konto, selbst wenn jemand Ihr Passwort kennt.</p><h2>Wie</h2><p>Öffnen Sie <strong>Konto › Sicherheit</strong>, scannen Sie den QR-Code mit einer Authenticator-App und geben Sie die sechs Ziffern ein.</p>",
            ),
            (
                "Activar el acceso en dos pasos",
                "<h2>Por qué</h2><p>Un código del móvil protege su cuenta aunque alguien conozca su contraseña.</p><h2>Cómo</h2><p>Abra <strong>Cuenta › Seguridad</strong>, escanee el código QR con una aplicación de autenticación y escriba los seis dígitos.</p>",
            ),
            (
                "Włączanie logowania dwuetapowego",
                "<h2>Dlaczego</h2><p>Kod z telefonu chroni konto, nawet jeśli ktoś pozna Twoje hasło.</p><h2>Jak</h2><p>Otwórz <strong>Konto › Bezpieczeństwo</strong>, zeskanuj kod QR aplikacją uwierzytelniającą i wpisz sześć cyfr.</p>",
            ),
            (
                "Slå på innlogging i to trinn",
                "<h2>Hvorfor</h2><p>En kode fra telefonen beskytter kontoen selv om noen kjenner passordet ditt.</p><h2>Hvordan</h2><p>Åpne <strong>Konto › Sikkerhet</strong>, skann QR-koden med en autentiseringsapp og skriv inn de seks sifrene.</p>",
            ),
        ],
    },
    Topic {
        category: 2,
        audience: "public",
        texts: [
            (
                "Downloading an invoice",
                "<p>Every invoice is kept under <strong>Billing › Invoices</strong>. Choose one and press <em>Download PDF</em>.</p><p>Need it sent to your accountant? Add their address under <em>Invoice recipients</em>.</p>",
            ),
            (
                "Eine Rechnung herunterladen",
                "<p>Alle Rechnungen finden Sie unter <strong>Abrechnung › Rechnungen</strong>. Wählen Sie eine aus und klicken Sie auf <em>PDF herunterladen</em>.</p><p>Soll sie an Ihre Buchhaltung gehen? Tragen Sie die Adresse unter <em>Rechnungsempfänger</em> ein.</p>",
            ),
            (
                "Descargar una factura",
                "<p>Todas las facturas están en <strong>Facturación › Facturas</strong>. Elija una y pulse <em>Descargar PDF</em>.</p><p>¿Quiere que le llegue a su gestor? Añada su dirección en <em>Destinatarios de facturas</em>.</p>",
            ),
            (
                "Pobieranie faktury",
                "<p>Wszystkie faktury są w <strong>Rozliczenia › Faktury</strong>. Wybierz jedną i kliknij <em>Pobierz PDF</em>.</p><p>Mają trafiać do księgowej? Dodaj jej adres w <em>Odbiorcy faktur</em>.</p>",
            ),
            (
                "Laste ned en faktura",
                "<p>Alle fakturaer ligger under <strong>Fakturering › Fakturaer</strong>. Velg én og trykk <em>Last ned PDF</em>.</p><p>Skal den til regnskapsføreren? Legg til adressen under <em>Fakturamottakere</em>.</p>",
            ),
        ],
    },
    Topic {
        category: 3,
        audience: "public",
        texts: [
            (
                "Asking for a refund",
                "<p>You may cancel within 30 days of paying and get the whole amount back.</p><p>Write to us with the invoice number; refunds reach your account within ten working days.</p>",
            ),
            (
                "Eine Erstattung beantragen",
                "<p>Innerhalb von 30 Tagen nach der Zahlung können Sie kündigen und erhalten den vollen Betrag zurück.</p><p>Schreiben Sie uns mit der Rechnungsnummer; das Geld ist binnen zehn Werktagen auf Ihrem Konto.</p>",
            ),
            (
                "Solicitar un reembolso",
                "<p>Puede cancelar en los 30 días siguientes al pago y recuperar el importe completo.</p><p>Escríbanos con el número de factura; el dinero llega a su cuenta en diez días hábiles.</p>",
            ),
            (
                "Wniosek o zwrot pieniędzy",
                "<p>W ciągu 30 dni od zapłaty możesz zrezygnować i odzyskać całą kwotę.</p><p>Napisz do nas, podając numer faktury; pieniądze wrócą na konto w ciągu dziesięciu dni roboczych.</p>",
            ),
            (
                "Be om å få pengene tilbake",
                "<p>Du kan si opp innen 30 dager etter betaling og få hele beløpet tilbake.</p><p>Skriv til oss med fakturanummeret; pengene kommer inn på kontoen innen ti virkedager.</p>",
            ),
        ],
    },
    Topic {
        category: 4,
        audience: "internal",
        texts: [
            (
                "Calming an upset caller",
                "<p>Let them finish. Repeat the problem in your own words and say what you will do next, with a time.</p><blockquote>Never promise a refund on the phone; open a ticket for billing instead.</blockquote>",
            ),
            (
                "Aufgebrachte Anrufer beruhigen",
                "<p>Lassen Sie ausreden. Fassen Sie das Problem in eigenen Worten zusammen und sagen Sie, was Sie als Nächstes tun und bis wann.</p><blockquote>Am Telefon nie eine Erstattung zusagen; stattdessen ein Ticket für die Abrechnung anlegen.</blockquote>",
            ),
            (
                "Calmar a un cliente enfadado",
                "<p>Déjele terminar. Repita el problema con sus palabras y diga qué hará después y cuándo.</p><blockquote>Nunca prometa un reembolso por teléfono; abra un ticket para facturación.</blockquote>",
            ),
            (
                "Jak uspokoić zdenerwowanego rozmówcę",
                "<p>Pozwól mu skończyć. Powtórz problem własnymi słowami i powiedz, co zrobisz dalej i do kiedy.</p><blockquote>Nigdy nie obiecuj zwrotu przez telefon; załóż zgłoszenie dla działu rozliczeń.</blockquote>",
            ),
            (
                "Roe ned en opprørt innringer",
                "<p>La dem snakke ferdig. Gjenta problemet med dine egne ord, og si hva du gjør videre og når.</p><blockquote>Lov aldri å betale tilbake på telefonen; opprett en sak til fakturering i stedet.</blockquote>",
            ),
        ],
    },
    Topic {
        category: 4,
        audience: "internal",
        texts: [
            (
                "Passing a ticket to second line",
                "<ol><li>Check that the steps to reproduce are in the ticket.</li><li>Attach logs or screenshots.</li><li>Move it to the <strong>Second line</strong> queue and tell the customer when they will hear from us.</li></ol>",
            ),
            (
                "Ein Ticket an den Second Level übergeben",
                "<ol><li>Prüfen Sie, ob die Schritte zum Nachstellen im Ticket stehen.</li><li>Hängen Sie Protokolle oder Bildschirmfotos an.</li><li>Verschieben Sie es in die Warteschlange <strong>Second Level</strong> und sagen Sie dem Kunden, wann er von uns hört.</li></ol>",
            ),
            (
                "Pasar un ticket al segundo nivel",
                "<ol><li>Compruebe que el ticket incluye los pasos para reproducir el fallo.</li><li>Adjunte registros o capturas de pantalla.</li><li>Muévalo a la cola <strong>Segundo nivel</strong> y diga al cliente cuándo tendrá noticias.</li></ol>",
            ),
            (
                "Przekazanie zgłoszenia do drugiej linii",
                "<ol><li>Sprawdź, czy zgłoszenie opisuje kroki do odtworzenia błędu.</li><li>Dołącz logi lub zrzuty ekranu.</li><li>Przenieś je do kolejki <strong>Druga linia</strong> i powiedz klientowi, kiedy się odezwiemy.</li></ol>",
            ),
            (
                "Sende en sak videre til andrelinjen",
                "<ol><li>Sjekk at stegene for å gjenskape feilen står i saken.</li><li>Legg ved logger eller skjermbilder.</li><li>Flytt den til køen <strong>Andrelinje</strong>, og si til kunden når de hører fra oss.</li></ol>",
            ),
        ],
    },
];

/// How a translation stands: most are published, some still drafts, a few archived.
const TRANSLATION_STATUSES: [(&str, u64); 3] = [("published", 80), ("draft", 15), ("archived", 5)];

impl Generator {
    /// The knowledge base: categories first, then each original before its translations,
    /// so rows are written in an order that satisfies their links.
    pub fn knowledge_base(&mut self) -> Vec<Prepared> {
        let start = self.now - HISTORY;
        let mut out: Vec<Prepared> = Vec::new();
        let mut categories = Vec::new();
        for (i, (name, description, parent)) in CATEGORIES.iter().enumerate() {
            let mut data = Map::new();
            data.insert("name".into(), json!(name));
            data.insert("description".into(), json!(description));
            data.insert(
                "parent_id".into(),
                parent
                    .and_then(|p| categories.get(p).copied())
                    .map_or(Value::Null, |id: uuid::Uuid| json!(id.to_string())),
            );
            data.insert("position".into(), json!(i));
            let record = prepare(Entity::KbCategory, data, start);
            categories.push(record.id);
            out.push(record);
        }
        for topic in &TOPICS {
            let written = between(
                &mut self.rng,
                start,
                self.now - Duration::days(30),
                self.now,
            );
            let mut original = None;
            for (lang, (title, body)) in LANGUAGES.iter().zip(topic.texts) {
                let status = if original.is_none() {
                    "published"
                } else {
                    *self.rng.weighted(&TRANSLATION_STATUSES)
                };
                // Translations follow their original within a few weeks.
                let at = if original.is_none() {
                    written
                } else {
                    between(
                        &mut self.rng,
                        written,
                        written + Duration::days(21),
                        self.now,
                    )
                };
                let body = kb::sanitise(body);
                let mut data = Map::new();
                data.insert("title".into(), json!(title));
                data.insert(
                    "category_id".into(),
                    json!(categories[topic.category].to_string()),
                );
                data.insert(
                    "translation_of".into(),
                    original.map_or(Value::Null, |id: uuid::Uuid| json!(id.to_string())),
                );
                data.insert("language".into(), json!(lang));
                data.insert("body_text".into(), json!(kb::plain_text(&body)));
                data.insert("body".into(), json!(body));
                data.insert("status".into(), json!(status));
                data.insert("audience".into(), json!(topic.audience));
                // An archived translation was published when it was written.
                let published = (status != "draft").then(|| clock::format(at));
                data.insert("published_at".into(), json!(published));
                let read = status != "draft";
                let yes = if read { self.rng.range(0, 60) } else { 0 };
                let no = if read { self.rng.range(0, 12) } else { 0 };
                data.insert("helpful_yes".into(), json!(yes));
                data.insert("helpful_no".into(), json!(no));
                data.insert("tags".into(), json!([]));
                let record = prepare(Entity::KbArticle, data, at);
                original.get_or_insert(record.id);
                out.push(record);
            }
        }
        out
    }
}
