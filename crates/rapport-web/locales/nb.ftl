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
