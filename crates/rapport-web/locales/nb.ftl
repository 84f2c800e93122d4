app-name = Rapport
skip-to-content = Gå til innholdet
nav-main = Hovedmeny
nav-contacts = Kontakter
nav-companies = Firmaer
nav-interactions = Interaksjoner
nav-account = Kontoen din
nav-api = API
search-label = Søk
search-placeholder = Søk i kontakter, firmaer, notater … (Ctrl K)
search-title = Søk
search-no-results = Ingen treff for «{ $query }».
sign-out = Logg ut

login-title = Logg inn
login-email = E-postadresse
login-password = Passord
login-submit = Logg inn
login-failed = E-postadressen eller passordet er feil.
login-too-many = For mange mislykkede forsøk. Vent et minutt og prøv igjen.

setup-title = Velkommen til Rapport
setup-intro = Opprett den første administratoren. Resten kan du invitere etterpå.
setup-name = Navnet ditt
setup-submit = Opprett administrator

contacts-title = Kontakter
contacts-empty = Ingen kontakter ennå.
companies-title = Firmaer
companies-empty = Ingen firmaer ennå.
interactions-title = Interaksjoner
interactions-empty = Ingen interaksjoner ennå.
list-next = Neste side
list-search = Filtrer listen
list-search-submit = Filtrer

col-name = Navn
col-email = E-post
col-phone = Telefon
col-company = Firma
col-stage = Fase
col-created = Opprettet
col-domain = Domene
col-industry = Bransje
col-kind = Type
col-subject = Emne
col-when = Tidspunkt

contact-facts = Opplysninger
contact-timeline = Tidslinje
contact-no-interactions = Ingenting på tidslinjen ennå.
field-title = Stilling
field-tags = Stikkord
field-owner = Ansvarlig

kind-note = Notat
kind-email = E-post
kind-call = Samtale
kind-sms = SMS
kind-chat = Chat
kind-meeting = Møte
kind-task = Oppgave
kind-system = System
direction-inbound = Innkommende
direction-outbound = Utgående
direction-internal = Intern

stage-subscriber = Abonnent
stage-lead = Interessent
stage-marketing_qualified = Markedskvalifisert
stage-sales_qualified = Salgskvalifisert
stage-opportunity = Salgsmulighet
stage-customer = Kunde
stage-evangelist = Ambassadør
stage-other = Annet

account-title = Kontoen din
account-sessions = Innloggede enheter
account-this-session = Denne enheten
account-last-seen = Sist aktiv
account-revoke = Logg ut denne enheten
account-password = Bytt passord
account-current-password = Nåværende passord
account-new-password = Nytt passord
account-password-submit = Bytt passord
account-password-changed = Passordet er byttet. Andre enheter ble logget ut.
account-password-wrong = Det nåværende passordet er feil.

error-title = Noe gikk galt
error-not-found = Denne siden finnes ikke, eller du har ikke tilgang til den.
error-forbidden = Du har ikke lov til å gjøre dette.
error-csrf = Dette skjemaet er utløpt. Last inn siden på nytt og prøv igjen.
error-back = Tilbake til kontaktene

form-new-contact = Ny kontakt
form-new-company = Nytt firma
form-edit = Rediger
form-save = Lagre
form-cancel = Avbryt
form-first-name = Fornavn
form-last-name = Etternavn
form-company-name = Firmanavn
form-website = Nettsted
form-size = Størrelse
form-tags-hint = Skill stikkordene med komma.
form-none = (ingen)
form-errors = Rett opp feltene som er merket.
form-conflict = Noen andre lagret denne posten mens du redigerte den. Ingenting ble overskrevet. Sammenlign verdiene, og lagre på nytt for å beholde dine.
form-conflict-yours = Din verdi
form-conflict-theirs = Lagret verdi
form-no-company = Ingen firmaer har dette navnet.
quick-log = Registrer
quick-subject = Emne
quick-body = Notater
quick-duration = Varighet i minutter
quick-submit = Legg til på tidslinjen
quick-actions = Hurtighandlinger
quick-log-call = Registrer samtale
quick-add-note = Legg til notat
quick-create-task = Opprett oppgave
quick-other-kind = Registrer en annen type interaksjon
quick-direction = Retning
quick-due = Frist (dato og klokkeslett)
quick-due-invalid = Oppgi dato og klokkeslett for når oppgaven har frist.
quick-subject-missing = Gi oppgaven et emne.
quick-duration-invalid = Oppgi varigheten som et helt antall minutter.
timeline-due = Frist
timeline-duration = { $minutes } min
history-title = Historikk
history-show-as-of = Vis slik den var
history-as-of-banner = Slik så posten ut { $when }.
history-current = Tilbake til gjeldende versjon
history-empty = Ingen endringer ennå.
history-by = av { $who }
history-action-create = Opprettet
history-action-update = Endret
history-action-delete = Slettet
history-action-restore = Gjenopprettet
history-action-merge = Slått sammen
history-action-purge = Slettet for godt
col-field = Felt
col-before = Før
col-after = Etter

account-preferences = Språk og tidssone
account-language = Språk
account-time-zone = Tidssone
account-preferences-submit = Lagre innstillingene
account-preferences-saved = Innstillingene er lagret.
user-menu = brukermeny
user-menu-apply = Bruk
language-en = English
language-de = Deutsch
language-es = Español
language-pl = Polski
language-nb = Norsk bokmål
search-see-all = Vis alle treff
search-suggest-count = { $count ->
    [0] Ingen forslag
    [one] Ett forslag
   *[other] { $count } forslag
}

panel-contacts = Kontakter
panel-attachments = Vedlegg
panel-no-attachments = Ingen filer ennå.
attach-file = Fil
attach-submit = Legg ved fil
attach-too-large = Filen er større enn { $size } MB.
timeline-filter = Filtrer tidslinjen
timeline-all-kinds = Alle typer
timeline-all-directions = Alle retninger

nav-settings = Innstillinger
settings-title = Innstillinger
settings-users = Brukere
settings-teams = Team
settings-custom-fields = Egendefinerte felt
settings-tags = Stikkord
settings-tokens = API-nøkler
settings-new = Legg til
field-color = Farge
field-description = Beskrivelse
field-members = Medlemmer
field-entity = Gjelder
field-key = Nøkkel
field-label = Ledetekst
field-type = Type
field-options = Valg
field-options-hint = For valgfelt: valgene, skilt med komma.
field-required = Påkrevd
field-role = Rolle
field-active = Aktiv
field-password-initial = Passord (valgfritt)
role-admin = Administrator
role-manager = Leder
role-agent = Saksbehandler
role-viewer = Kun lesetilgang
token-name = Navn på nøkkelen
token-scopes = Tilganger
token-scopes-hint = La stå tomt for alt rollen din tillater, eller skriv read, write eller contacts:read, skilt med komma.
token-created = Kopier nøkkelen nå; den vises ikke igjen:
token-revoke = Trekk tilbake
token-revoked = Trukket tilbake
token-last-used = Sist brukt
settings-empty = Ingenting her ennå.
list-export = Last ned som CSV

mfa-title = Innlogging i to trinn
mfa-on = Innlogging i to trinn er slått på.
mfa-off = Innlogging i to trinn er slått av. Slå den på for å bli bedt om en kode fra en autentiseringsapp ved hver innlogging.
mfa-turn-on = Slå på innlogging i to trinn
mfa-turn-off = Slå av innlogging i to trinn
mfa-setup-intro = Legg denne nøkkelen til i autentiseringsappen din (eller åpne lenken på telefonen), og skriv inn den sekssifrede koden den viser.
mfa-key = Nøkkel
mfa-link = Åpne i en autentiseringsapp
mfa-code = Sekssifret kode
mfa-confirm = Bekreft og slå på
mfa-code-title = Skriv inn koden
mfa-code-intro = Åpne autentiseringsappen og skriv inn den sekssifrede koden for Rapport.
mfa-code-wrong = Koden er feil. Kodene skifter hvert 30. sekund; bruk den gjeldende.
mfa-turned-on = Innlogging i to trinn er nå slått på.
mfa-turned-off = Innlogging i to trinn er nå slått av.
settings-organisation = Organisasjon
org-name = Navn på organisasjonen
org-default-language = Standardspråk
org-default-time-zone = Standard tidssone
org-saved = Innstillingene er lagret.
bulk-select-row = Velg { $name }
bulk-select-all = Velg alle på denne siden
bulk-action = Med de valgte
bulk-tag = Legg til stikkord
bulk-owner = Bytt ansvarlig
bulk-delete = Slett
bulk-apply = Utfør
bulk-tag-name = Stikkord
filter-add = Legg til filter
filter-field = Felt
filter-op = Betingelse
filter-value = Verdi
op-eq = er
op-ne = er ikke
op-contains = inneholder
op-lt = er mindre enn
op-gt = er større enn
op-is_null = er tom
filter-remove = Fjern filteret
views-title = Lagrede visninger
views-save = Lagre denne visningen
views-name = Navn på visningen
views-shared = Del med alle
views-delete = Slett visningen
columns-title = Kolonner
col-direction = Retning
form-money-hint = Et beløp og en valutakode, for eksempel { $example }.
form-money-invalid = Skriv et beløp og en valutakode, for eksempel { $example }.
org-logo = Logo
org-logo-current = Nåværende logo
org-logo-none = Ingen logo ennå.
org-logo-choose = Velg en logo
org-logo-replace = Velg en ny logo
org-logo-hint = PNG, JPEG eller WebP, høyst { $size } KiB.
org-logo-upload = Last opp
org-logo-remove = Fjern logoen
org-logo-too-large = Bildet er større enn { $size } KiB. Velg et mindre bilde.
org-logo-wrong-type = Velg et PNG-, JPEG- eller WebP-bilde. Andre filer, også SVG, godtas ikke.
notifications-title = Varsler
notifications-bell = Varsler
notifications-bell-unread = Varsler, uleste: { $count }
notifications-show = Vis
notifications-all = Alle
notifications-unread = Uleste
notifications-read-all = Merk alle som lest
notifications-mark-read = Merk som lest
notifications-new = Ny
notifications-empty = Ingen varsler.
notification-owner-contact = { $actor } har gjort deg ansvarlig for kontakten { $record }.
notification-owner-company = { $actor } har gjort deg ansvarlig for firmaet { $record }.
notification-interaction-contact = { $actor } har registrert en interaksjon med kontakten din { $record }.
notification-interaction-company = { $actor } har registrert en interaksjon med firmaet ditt { $record }.

# The services' validation problems, keyed by each problem's stable code; the
# variables are the values the problem names.
invalid-required = må fylles ut
invalid-empty = kan ikke være tomt
invalid-not-a-string = må være tekst
invalid-not-a-bool = må være sant eller usant
invalid-not-a-list = må være en liste
invalid-not-an-object = må være et objekt
invalid-not-a-number = må være et tall
invalid-not-an-id = må være en ID (en UUID)
invalid-not-a-time = må være et tidspunkt i RFC 3339-format, for eksempel 2026-01-31T14:00:00Z
invalid-not-a-date = må være en dato, for eksempel 2026-01-31
invalid-has-nul = kan ikke inneholde NUL-tegn
invalid-too-long = kan ha høyst { $max } tegn
invalid-too-long-bytes = kan være høyst { $max } byte
invalid-too-short = må ha minst { $min } tegn
invalid-length = må ha { $min } til { $max } tegn
invalid-too-many = kan inneholde høyst { $max ->
    [one] ett element
   *[other] { $max } elementer
}
invalid-one-of = må være en av disse verdiene: { $options }
invalid-each-one-of = hvert element må være en av disse verdiene: { $options }
invalid-int-range = må være et heltall fra { $min } til { $max }
invalid-body-not-object = innholdet i forespørselen må være et JSON-objekt
invalid-kept-by-rapport = føres av Rapport og kan ikke settes
invalid-unknown-field = er ikke et felt i denne ressursen
invalid-create-only = kan ikke endres etter at det er opprettet
invalid-not-changeable-here = kan ikke endres her
invalid-contact-needs-name = en kontakt trenger et fornavn eller et etternavn
invalid-interaction-needs-parent = en interaksjon trenger en contact_id eller en company_id
invalid-select-needs-option = et valgfelt trenger minst ett valg
invalid-not-tag-names = må være en liste med stikkord
invalid-tag-length = hvert stikkord må ha 1 til 64 tegn
invalid-key-not-allowed = «{ $key }» er ikke tillatt her; bruk { $allowed }
invalid-key-too-long = { $key } må være tekst på høyst { $max } tegn
invalid-item = oppføring { $index }: { $problem }
invalid-part = { $key }: { $problem }
invalid-participant-empty = trenger et navn, en e-postadresse, et telefonnummer eller en user_id
invalid-not-strings = må være en liste med tekster
invalid-option-length = hvert valg må ha 1 til 100 tegn
invalid-option-twice = valget «{ $option }» står der to ganger
invalid-custom-not-object = må være et objekt med verdier for egendefinerte felt
invalid-unknown-custom = er ikke et egendefinert felt i denne ressursen
invalid-unknown-type = har en ukjent type «{ $name }»
invalid-money-shape = må ha formen { $shape }
invalid-no-such-record = { $kind ->
    [contacts] ingen kontakt
    [companies] ingen firma
    [interactions] ingen interaksjon
    [tags] ikke noe stikkord
    [custom-fields] ikke noe egendefinert felt
    [users] ingen bruker
    [teams] ikke noe team
    [attachments] ikke noe vedlegg
   *[other] ingen oppføring
} har denne ID-en
invalid-no-such-user = ingen bruker med ID-en { $id }
invalid-assign-own-teams = du kan bare tildele oppføringer til deg selv eller teamene dine
invalid-taken = er allerede i bruk
invalid-link-missing = en tilknyttet oppføring finnes ikke
invalid-attachments-uploaded = vedlegg lastes opp til vedleggene til en oppføring
invalid-merge-self = en oppføring kan ikke slås sammen med seg selv
invalid-merge-from = må være ID-en til oppføringen som skal slås sammen inn
invalid-bad-email = er ikke en gyldig e-postadresse
invalid-phone-country = må begynne med en landkode, for eksempel +47 eller +46
invalid-phone-unreadable = kan ikke leses som et telefonnummer i E.164-format
invalid-phone-invalid = er ikke et gyldig telefonnummer for landkoden sin
invalid-url-scheme = må være en adresse som begynner med http:// eller https://
invalid-bad-url = er ikke en gyldig nettadresse
invalid-bad-domain = er ikke et gyldig domenenavn, som example.com
invalid-bad-color = må være en farge som #1f6feb
invalid-bad-key = må begynne med en liten bokstav og bare inneholde a–z, 0–9 og _ (høyst 64 tegn)
invalid-bad-time-zone = er ikke en kjent tidssone, som Europe/Oslo
invalid-bad-currency = må være en valutakode på tre bokstaver etter ISO 4217, for eksempel NOK
invalid-cannot-sort = kan ikke sortere etter «{ $name }»; felt det kan sorteres etter: { $fields }
invalid-deleted-param = må være exclude eller only
invalid-unknown-parameter = er ikke en kjent spørreparameter
invalid-filter-shape = må ha formen filter[felt] eller filter[felt][operator]
invalid-cannot-filter = kan ikke filtrere etter «{ $name }»; felt det kan filtreres etter: { $fields }
invalid-unknown-operator = ukjent operator «{ $op }»; bruk eq, ne, lt, lte, gt, gte, contains, in eller is_null
invalid-operator-not-for = operatoren { $op } kan ikke brukes på { $field }
invalid-is-null-bool = is_null tar true eller false
invalid-in-too-many = in tar høyst { $max ->
    [one] én verdi
   *[other] { $max } verdier
}
invalid-values-too-long = verdier kan ha høyst { $max } tegn
invalid-value-not-an-id = «{ $value }» er ikke en ID
invalid-value-not-whole = «{ $value }» er ikke et heltall
invalid-value-not-a-time = «{ $value }» er verken en dato (2026-01-31) eller et tidspunkt i RFC 3339-format
invalid-bad-cursor = er ikke en peker denne listen har gitt ut
invalid-bad-search-cursor = er ikke en peker dette søket har gitt ut
invalid-cursor-other-sort = hører til en annen sortering; begynn på nytt uten peker
invalid-unknown-scope = ukjent tilgang «{ $scope }»: bruk read, write eller RESSURS:read|write
invalid-unknown-scope-resource = ukjent ressurs «{ $resource }» i tilgangen «{ $scope }»
invalid-share-views-role = bare ledere og administratorer kan dele visninger
invalid-code-wrong = er ikke den gjeldende koden
invalid-bad-secret = er ikke en gyldig hemmelig nøkkel
invalid-token-id = må være ID-en til en nøkkel (en UUID) slik `rapport token list` viser den
invalid-login-fields = e-postadresse og passord må fylles ut
invalid-file-name-missing = trenger et filnavn
invalid-file-name-too-long = filnavnet kan ha høyst { $max } tegn
invalid-upload-broke = opplastingen ble avbrutt
invalid-file-empty = er tom
invalid-file-missing = må sendes: send filen som et multipart-felt med navnet file
invalid-logo-type = må være et PNG-, JPEG- eller WebP-bilde
invalid-not-request-field = er ikke et felt i denne forespørselen
invalid-bad-id = er ikke en gyldig ID
invalid-bad-percent = må være en prosentsats fra 0 til 100 med høyst to desimaler
invalid-stage-key-twice = fasenøkkelen «{ $key }» brukes to ganger
invalid-no-such-stage = må være en av faseene i salgsløpet: { $stages }
invalid-lead-needs-identity = et lead trenger et navn, et firmanavn, en e-postadresse eller et telefonnummer
invalid-lead-needs-channel = oppgi en e-postadresse eller et telefonnummer
invalid-set-by-converting = settes når leadet konverteres
invalid-price-twice = produktet { $product } har mer enn én pris
invalid-reason-needs-lost = bare en tapt avtale har en tapsårsak
invalid-too-many-decimals = kan ha høyst { $max ->
    [one] én desimal
   *[other] { $max } desimaler
}
invalid-decimal-range = må være et tall fra { $min } til { $max }
invalid-amount-too-large = gir et beløp som er for stort

# Sales documents.
invalid-currency-differs = produktet er priset i { $currency }, ikke i dokumentets valuta
