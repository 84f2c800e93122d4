app-name = Rapport
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-contacts = Kontakte
nav-companies = Firmen
nav-interactions = Interaktionen
nav-account = Ihr Konto
nav-api = API
search-label = Suche
search-placeholder = Kontakte, Firmen, Notizen durchsuchen … (Strg K)
search-title = Suche
search-no-results = Keine Treffer für „{ $query }“.
sign-out = Abmelden

login-title = Anmelden
login-email = E-Mail-Adresse
login-password = Passwort
login-submit = Anmelden
login-failed = E-Mail-Adresse oder Passwort ist falsch.
login-too-many = Zu viele Fehlversuche. Bitte warten Sie eine Minute.

setup-title = Willkommen bei Rapport
setup-intro = Legen Sie den ersten Administrator an. Alle anderen laden Sie danach ein.
setup-name = Ihr Name
setup-submit = Administrator anlegen

contacts-title = Kontakte
contacts-empty = Noch keine Kontakte.
companies-title = Firmen
companies-empty = Noch keine Firmen.
interactions-title = Interaktionen
interactions-empty = Noch keine Interaktionen.
list-next = Nächste Seite
list-search = Liste filtern
list-search-submit = Filtern

col-name = Name
col-email = E-Mail
col-phone = Telefon
col-company = Firma
col-stage = Phase
col-created = Angelegt
col-domain = Domain
col-industry = Branche
col-kind = Art
col-subject = Betreff
col-when = Zeitpunkt

contact-facts = Angaben
contact-timeline = Verlauf
contact-no-interactions = Noch nichts im Verlauf.
field-title = Position
field-tags = Schlagwörter
field-owner = Zuständig

kind-note = Notiz
kind-email = E-Mail
kind-call = Anruf
kind-sms = SMS
kind-chat = Chat
kind-meeting = Termin
kind-task = Aufgabe
kind-system = System
direction-inbound = Eingehend
direction-outbound = Ausgehend
direction-internal = Intern

stage-subscriber = Abonnent
stage-lead = Interessent
stage-marketing_qualified = Marketing-qualifiziert
stage-sales_qualified = Vertriebsqualifiziert
stage-opportunity = Verkaufschance
stage-customer = Kunde
stage-evangelist = Fürsprecher
stage-other = Sonstiges

account-title = Ihr Konto
account-sessions = Angemeldete Geräte
account-this-session = Dieses Gerät
account-last-seen = Zuletzt aktiv
account-revoke = Dieses Gerät abmelden
account-password = Passwort ändern
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-password-submit = Passwort ändern
account-password-changed = Ihr Passwort ist geändert. Andere Geräte wurden abgemeldet.
account-password-wrong = Das aktuelle Passwort ist falsch.

error-title = Etwas ist schiefgelaufen
error-not-found = Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen.
error-forbidden = Das dürfen Sie nicht.
error-csrf = Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-back = Zurück zu den Kontakten
