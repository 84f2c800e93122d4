app-name = Rapport
skip-to-content = Przejdź do treści
nav-main = Nawigacja główna
nav-contacts = Kontakty
nav-companies = Firmy
nav-interactions = Interakcje
nav-account = Twoje konto
nav-api = API
search-label = Szukaj
search-placeholder = Szukaj kontaktów, firm, notatek… (Ctrl K)
search-title = Wyszukiwanie
search-no-results = Brak wyników dla „{ $query }”.
sign-out = Wyloguj się

login-title = Logowanie
login-email = Adres e-mail
login-password = Hasło
login-submit = Zaloguj się
login-failed = Adres e-mail lub hasło jest nieprawidłowe.
login-too-many = Zbyt wiele nieudanych prób. Odczekaj minutę i spróbuj ponownie.

setup-title = Witamy w Rapport
setup-intro = Utwórz pierwszego administratora. Pozostałe osoby zaprosisz później.
setup-name = Imię i nazwisko
setup-submit = Utwórz administratora

contacts-title = Kontakty
contacts-empty = Nie ma jeszcze kontaktów.
companies-title = Firmy
companies-empty = Nie ma jeszcze firm.
interactions-title = Interakcje
interactions-empty = Nie ma jeszcze interakcji.
list-next = Następna strona
list-search = Filtruj listę
list-search-submit = Filtruj

col-name = Nazwa
col-email = E-mail
col-phone = Telefon
col-company = Firma
col-stage = Etap
col-created = Utworzono
col-domain = Domena
col-industry = Branża
col-kind = Rodzaj
col-subject = Temat
col-when = Kiedy

contact-facts = Szczegóły
contact-timeline = Oś czasu
contact-no-interactions = Na osi czasu nic jeszcze nie ma.
field-title = Stanowisko
field-tags = Tagi
field-owner = Opiekun

kind-note = Notatka
kind-email = E-mail
kind-call = Rozmowa
kind-sms = SMS
kind-chat = Czat
kind-meeting = Spotkanie
kind-task = Zadanie
kind-system = System
direction-inbound = Przychodząca
direction-outbound = Wychodząca
direction-internal = Wewnętrzna

stage-subscriber = Subskrybent
stage-lead = Potencjalny klient
stage-marketing_qualified = Zakwalifikowany przez marketing
stage-sales_qualified = Zakwalifikowany przez sprzedaż
stage-opportunity = Szansa sprzedaży
stage-customer = Klient
stage-evangelist = Ambasador
stage-other = Inne

account-title = Twoje konto
account-sessions = Zalogowane urządzenia
account-this-session = To urządzenie
account-last-seen = Ostatnia aktywność
account-revoke = Wyloguj to urządzenie
account-password = Zmień hasło
account-current-password = Obecne hasło
account-new-password = Nowe hasło
account-password-submit = Zmień hasło
account-password-changed = Hasło zostało zmienione. Pozostałe urządzenia zostały wylogowane.
account-password-wrong = Obecne hasło jest nieprawidłowe.

error-title = Coś poszło nie tak
error-not-found = Ta strona nie istnieje albo nie masz do niej dostępu.
error-forbidden = Nie masz uprawnień do tej czynności.
error-csrf = Ten formularz wygasł. Odśwież stronę i spróbuj ponownie.
error-back = Wróć do kontaktów
