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

form-new-contact = Neuer Kontakt
form-new-company = Neue Firma
form-edit = Bearbeiten
form-save = Speichern
form-cancel = Abbrechen
form-first-name = Vorname
form-last-name = Nachname
form-company-name = Firmenname
form-website = Webseite
form-size = Größe
form-tags-hint = Schlagwörter durch Kommas trennen.
form-none = (keine)
form-errors = Bitte korrigieren Sie die markierten Felder.
form-conflict = Jemand anderes hat diesen Datensatz gespeichert, während Sie ihn bearbeitet haben. Nichts wurde überschrieben. Vergleichen Sie die Werte und speichern Sie erneut, um Ihre zu behalten.
form-conflict-yours = Ihr Wert
form-conflict-theirs = Gespeicherter Wert
form-no-company = Keine Firma trägt diesen Namen.
quick-log = Erfassen
quick-subject = Betreff
quick-body = Notizen
quick-duration = Dauer in Minuten
quick-submit = Zum Verlauf hinzufügen
quick-actions = Schnellaktionen
quick-log-call = Anruf erfassen
quick-add-note = Notiz hinzufügen
quick-create-task = Aufgabe anlegen
quick-other-kind = Andere Art von Interaktion erfassen
quick-direction = Richtung
quick-due = Fällig am (Datum und Uhrzeit)
quick-due-invalid = Geben Sie Datum und Uhrzeit an, zu der die Aufgabe fällig ist.
quick-subject-missing = Geben Sie der Aufgabe einen Betreff.
quick-duration-invalid = Geben Sie die Dauer als ganze Zahl von Minuten an.
timeline-due = Fällig am
timeline-duration = { $minutes } Min.
history-title = Änderungen
history-show-as-of = Stand anzeigen vom
history-as-of-banner = So sah der Datensatz am { $when } aus.
history-current = Zurück zum aktuellen Stand
history-empty = Noch keine Änderungen.
history-by = von { $who }
history-action-create = Angelegt
history-action-update = Geändert
history-action-delete = Gelöscht
history-action-restore = Wiederhergestellt
history-action-merge = Zusammengeführt
history-action-purge = Endgültig entfernt
col-field = Feld
col-before = Vorher
col-after = Nachher

account-preferences = Sprache und Zeitzone
account-language = Sprache
account-time-zone = Zeitzone
account-preferences-submit = Einstellungen speichern
account-preferences-saved = Ihre Einstellungen sind gespeichert.
user-menu = Benutzermenü
user-menu-apply = Übernehmen
language-en = English
language-de = Deutsch
language-es = Español
language-pl = Polski
language-nb = Norsk bokmål
search-see-all = Alle Ergebnisse anzeigen
search-suggest-count = { $count ->
    [0] Keine Vorschläge
    [one] Ein Vorschlag
   *[other] { $count } Vorschläge
}

panel-contacts = Kontakte
panel-attachments = Anhänge
panel-no-attachments = Noch keine Dateien.
attach-file = Datei
attach-submit = Datei anhängen
attach-too-large = Die Datei ist größer als { $size } MB.
timeline-filter = Verlauf filtern
timeline-all-kinds = Alle Arten
timeline-all-directions = Alle Richtungen

nav-settings = Einstellungen
settings-title = Einstellungen
settings-users = Benutzer
settings-teams = Teams
settings-custom-fields = Eigene Felder
settings-tags = Schlagwörter
settings-tokens = API-Schlüssel
settings-new = Hinzufügen
field-color = Farbe
field-description = Beschreibung
field-members = Mitglieder
field-entity = Gilt für
field-key = Schlüssel
field-label = Bezeichnung
field-type = Typ
field-options = Auswahlwerte
field-options-hint = Für Auswahlfelder: die Werte, durch Kommas getrennt.
field-required = Pflichtfeld
field-role = Rolle
field-active = Aktiv
field-password-initial = Passwort (optional)
role-admin = Administrator
role-manager = Leitung
role-agent = Sachbearbeitung
role-viewer = Nur lesen
token-name = Name des Schlüssels
token-scopes = Berechtigungen
token-scopes-hint = Leer lassen für alles, was Ihre Rolle erlaubt, oder read, write oder contacts:read angeben, durch Kommas getrennt.
token-created = Kopieren Sie diesen Schlüssel jetzt; er wird nicht wieder angezeigt:
token-revoke = Widerrufen
token-revoked = Widerrufen am
token-last-used = Zuletzt benutzt
settings-empty = Hier ist noch nichts.
list-export = Als CSV herunterladen

mfa-title = Zwei-Faktor-Anmeldung
mfa-on = Die Zwei-Faktor-Anmeldung ist eingeschaltet.
mfa-off = Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Schalten Sie sie ein, um bei jeder Anmeldung nach einem Code aus einer Authenticator-App zu fragen.
mfa-turn-on = Zwei-Faktor-Anmeldung einschalten
mfa-turn-off = Zwei-Faktor-Anmeldung ausschalten
mfa-setup-intro = Fügen Sie diesen Schlüssel Ihrer Authenticator-App hinzu (oder öffnen Sie den Link auf dem Telefon) und geben Sie den angezeigten sechsstelligen Code ein.
mfa-key = Schlüssel
mfa-link = In einer Authenticator-App öffnen
mfa-code = Sechsstelliger Code
mfa-confirm = Bestätigen und einschalten
mfa-code-title = Code eingeben
mfa-code-intro = Öffnen Sie Ihre Authenticator-App und geben Sie den sechsstelligen Code für Rapport ein.
mfa-code-wrong = Dieser Code stimmt nicht. Codes wechseln alle 30 Sekunden; nehmen Sie den aktuellen.
mfa-turned-on = Die Zwei-Faktor-Anmeldung ist jetzt eingeschaltet.
mfa-turned-off = Die Zwei-Faktor-Anmeldung ist jetzt ausgeschaltet.
settings-organisation = Organisation
org-name = Name der Organisation
org-default-language = Standardsprache
org-default-time-zone = Standardzeitzone
org-saved = Die Einstellungen sind gespeichert.
bulk-select-row = { $name } auswählen
bulk-select-all = Alle auf dieser Seite auswählen
bulk-action = Mit der Auswahl
bulk-tag = Schlagwort hinzufügen
bulk-owner = Zuständigkeit ändern
bulk-delete = Löschen
bulk-apply = Ausführen
bulk-tag-name = Schlagwort
filter-add = Filter hinzufügen
filter-field = Feld
filter-op = Bedingung
filter-value = Wert
op-eq = ist
op-ne = ist nicht
op-contains = enthält
op-lt = ist kleiner als
op-gt = ist größer als
op-is_null = ist leer
filter-remove = Filter entfernen
views-title = Gespeicherte Ansichten
views-save = Diese Ansicht speichern
views-name = Name der Ansicht
views-shared = Für alle freigeben
views-delete = Ansicht löschen
columns-title = Spalten
col-direction = Richtung
form-money-hint = Ein Betrag und ein Währungscode, zum Beispiel { $example }.
form-money-invalid = Bitte einen Betrag und einen Währungscode angeben, zum Beispiel { $example }.
org-logo = Logo
org-logo-current = Aktuelles Logo
org-logo-none = Noch kein Logo.
org-logo-choose = Logo auswählen
org-logo-replace = Neues Logo auswählen
org-logo-hint = PNG, JPEG oder WebP, höchstens { $size } KiB.
org-logo-upload = Hochladen
org-logo-remove = Logo entfernen
org-logo-too-large = Das Bild ist größer als { $size } KiB. Bitte ein kleineres wählen.
org-logo-wrong-type = Bitte ein PNG-, JPEG- oder WebP-Bild wählen. Andere Dateien, auch SVG, werden nicht angenommen.
notifications-title = Benachrichtigungen
notifications-bell = Benachrichtigungen
notifications-bell-unread = Benachrichtigungen, { $count } ungelesen
notifications-show = Anzeigen
notifications-all = Alle
notifications-unread = Ungelesen
notifications-read-all = Alle als gelesen markieren
notifications-mark-read = Als gelesen markieren
notifications-new = Neu
notifications-empty = Keine Benachrichtigungen.
notification-owner-contact = { $actor } hat Ihnen den Kontakt { $record } zugewiesen.
notification-owner-company = { $actor } hat Ihnen die Firma { $record } zugewiesen.
notification-interaction-contact = { $actor } hat eine Interaktion mit Ihrem Kontakt { $record } erfasst.
notification-interaction-company = { $actor } hat eine Interaktion mit Ihrer Firma { $record } erfasst.

# The services' validation problems, keyed by each problem's stable code; the
# variables are the values the problem names.
invalid-required = muss ausgefüllt werden
invalid-empty = darf nicht leer sein
invalid-not-a-string = muss ein Text sein
invalid-not-a-bool = muss wahr oder falsch sein
invalid-not-a-list = muss eine Liste sein
invalid-not-an-object = muss ein Objekt sein
invalid-not-a-number = muss eine Zahl sein
invalid-not-an-id = muss eine ID (eine UUID) sein
invalid-not-a-time = muss ein Zeitpunkt nach RFC 3339 sein, zum Beispiel 2026-01-31T14:00:00Z
invalid-not-a-date = muss ein Datum sein, zum Beispiel 2026-01-31
invalid-has-nul = darf keine NUL-Zeichen enthalten
invalid-too-long = darf höchstens { $max } Zeichen lang sein
invalid-too-long-bytes = darf höchstens { $max } Byte lang sein
invalid-too-short = muss mindestens { $min } Zeichen lang sein
invalid-length = muss { $min } bis { $max } Zeichen lang sein
invalid-too-many = darf höchstens { $max ->
    [one] einen Eintrag
   *[other] { $max } Einträge
} enthalten
invalid-one-of = muss einer dieser Werte sein: { $options }
invalid-each-one-of = jeder Eintrag muss einer dieser Werte sein: { $options }
invalid-int-range = muss eine ganze Zahl von { $min } bis { $max } sein
invalid-body-not-object = der Inhalt der Anfrage muss ein JSON-Objekt sein
invalid-kept-by-rapport = wird von Rapport selbst geführt und kann nicht gesetzt werden
invalid-unknown-field = ist kein Feld dieser Ressource
invalid-create-only = kann nach dem Anlegen nicht mehr geändert werden
invalid-not-changeable-here = kann hier nicht geändert werden
invalid-contact-needs-name = ein Kontakt braucht einen Vor- oder Nachnamen
invalid-interaction-needs-parent = eine Interaktion braucht eine contact_id oder eine company_id
invalid-select-needs-option = ein Auswahlfeld braucht mindestens einen Auswahlwert
invalid-not-tag-names = muss eine Liste von Schlagwörtern sein
invalid-tag-length = jedes Schlagwort muss 1 bis 64 Zeichen lang sein
invalid-key-not-allowed = „{ $key }“ ist hier nicht erlaubt; erlaubt sind { $allowed }
invalid-key-too-long = { $key } muss ein Text von höchstens { $max } Zeichen sein
invalid-item = Eintrag { $index }: { $problem }
invalid-part = { $key }: { $problem }
invalid-participant-empty = braucht einen Namen, eine E-Mail-Adresse, eine Telefonnummer oder eine user_id
invalid-not-strings = muss eine Liste von Texten sein
invalid-option-length = jeder Auswahlwert muss 1 bis 100 Zeichen lang sein
invalid-option-twice = der Auswahlwert „{ $option }“ kommt zweimal vor
invalid-custom-not-object = muss ein Objekt mit Werten eigener Felder sein
invalid-unknown-custom = ist kein eigenes Feld dieser Ressource
invalid-unknown-type = hat einen unbekannten Typ „{ $name }“
invalid-money-shape = muss die Form { $shape } haben
invalid-no-such-record = { $kind ->
    [contacts] kein Kontakt
    [companies] keine Firma
    [interactions] keine Interaktion
    [tags] kein Schlagwort
    [custom-fields] kein eigenes Feld
    [users] kein Benutzer
    [teams] kein Team
    [attachments] kein Anhang
   *[other] kein Datensatz
} hat diese ID
invalid-no-such-user = kein Benutzer mit der ID { $id }
invalid-assign-own-teams = Sie dürfen Datensätze nur sich selbst oder Ihren Teams zuweisen
invalid-taken = ist bereits vergeben
invalid-link-missing = ein verknüpfter Datensatz existiert nicht
invalid-attachments-uploaded = Anhänge werden bei den Anhängen eines Datensatzes hochgeladen
invalid-merge-self = ein Datensatz kann nicht mit sich selbst zusammengeführt werden
invalid-merge-from = muss die ID des Datensatzes sein, der übernommen wird
invalid-bad-email = ist keine gültige E-Mail-Adresse
invalid-phone-country = muss mit einer Ländervorwahl beginnen, zum Beispiel +49 oder +43
invalid-phone-unreadable = lässt sich nicht als Telefonnummer im E.164-Format lesen
invalid-phone-invalid = ist für ihre Ländervorwahl keine gültige Telefonnummer
invalid-url-scheme = muss eine Adresse mit http:// oder https:// sein
invalid-bad-url = ist keine gültige Webadresse
invalid-bad-domain = ist kein gültiger Domainname wie example.com
invalid-bad-color = muss eine Farbe wie #1f6feb sein
invalid-bad-key = muss mit einem Kleinbuchstaben beginnen und darf nur a–z, 0–9 und _ enthalten (höchstens 64 Zeichen)
invalid-bad-time-zone = ist keine bekannte Zeitzone wie Europe/Berlin
invalid-bad-currency = muss ein Währungscode aus drei Buchstaben nach ISO 4217 sein, zum Beispiel EUR
invalid-cannot-sort = nach „{ $name }“ kann nicht sortiert werden; sortierbare Felder: { $fields }
invalid-deleted-param = muss exclude oder only sein
invalid-unknown-parameter = ist kein bekannter Abfrageparameter
invalid-filter-shape = muss die Form filter[Feld] oder filter[Feld][Operator] haben
invalid-cannot-filter = nach „{ $name }“ kann nicht gefiltert werden; filterbare Felder: { $fields }
invalid-unknown-operator = unbekannter Operator „{ $op }“; möglich sind eq, ne, lt, lte, gt, gte, contains, in und is_null
invalid-operator-not-for = der Operator { $op } passt nicht zu { $field }
invalid-is-null-bool = is_null erwartet true oder false
invalid-in-too-many = in erwartet höchstens { $max ->
    [one] einen Wert
   *[other] { $max } Werte
}
invalid-values-too-long = Werte dürfen höchstens { $max } Zeichen lang sein
invalid-value-not-an-id = „{ $value }“ ist keine ID
invalid-value-not-whole = „{ $value }“ ist keine ganze Zahl
invalid-value-not-a-time = „{ $value }“ ist weder ein Datum (2026-01-31) noch ein Zeitpunkt nach RFC 3339
invalid-bad-cursor = ist keine Position, die diese Liste ausgegeben hat
invalid-bad-search-cursor = ist keine Position, die diese Suche ausgegeben hat
invalid-cursor-other-sort = gehört zu einer anderen Sortierung; beginnen Sie ohne Position von vorn
invalid-unknown-scope = unbekannte Berechtigung „{ $scope }“: möglich sind read, write oder RESSOURCE:read|write
invalid-unknown-scope-resource = unbekannte Ressource „{ $resource }“ in der Berechtigung „{ $scope }“
invalid-share-views-role = nur die Leitung und Administratoren können Ansichten freigeben
invalid-code-wrong = ist nicht der aktuelle Code
invalid-bad-secret = ist kein gültiger geheimer Schlüssel
invalid-token-id = muss die ID eines Schlüssels (eine UUID) sein, wie `rapport token list` sie zeigt
invalid-login-fields = E-Mail-Adresse und Passwort sind erforderlich
invalid-file-name-missing = braucht einen Dateinamen
invalid-file-name-too-long = der Dateiname darf höchstens { $max } Zeichen lang sein
invalid-upload-broke = das Hochladen wurde abgebrochen
invalid-file-empty = ist leer
invalid-file-missing = ist erforderlich: senden Sie die Datei als Multipart-Feld namens file
invalid-logo-type = muss ein PNG-, JPEG- oder WebP-Bild sein
invalid-not-request-field = ist kein Feld dieser Anfrage
invalid-bad-id = ist keine gültige ID
invalid-bad-percent = muss ein Prozentsatz von 0 bis 100 mit höchstens zwei Nachkommastellen sein
invalid-stage-key-twice = der Phasenschlüssel „{ $key }“ kommt zweimal vor
invalid-no-such-stage = muss eine Phase der Pipeline sein: { $stages }
invalid-lead-needs-identity = ein Lead braucht einen Namen, einen Firmennamen, eine E-Mail-Adresse oder eine Telefonnummer
invalid-lead-needs-channel = geben Sie eine E-Mail-Adresse oder eine Telefonnummer an
invalid-set-by-converting = wird beim Umwandeln des Leads gesetzt
invalid-price-twice = Produkt { $product } hat mehr als einen Preis
invalid-reason-needs-lost = nur ein verlorener Deal hat einen Verlustgrund
invalid-too-many-decimals = darf höchstens { $max ->
    [one] eine Nachkommastelle
   *[other] { $max } Nachkommastellen
} haben
invalid-decimal-range = muss eine Zahl von { $min } bis { $max } sein
invalid-amount-too-large = ergibt einen zu großen Betrag

# Sales documents.
invalid-currency-differs = das Produkt hat seinen Preis in { $currency }, nicht in der Währung des Belegs
