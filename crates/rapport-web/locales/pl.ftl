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

form-new-contact = Nowy kontakt
form-new-company = Nowa firma
form-edit = Edytuj
form-save = Zapisz
form-cancel = Anuluj
form-first-name = Imię
form-last-name = Nazwisko
form-company-name = Nazwa firmy
form-website = Strona internetowa
form-size = Wielkość
form-tags-hint = Oddziel tagi przecinkami.
form-none = (brak)
form-errors = Popraw zaznaczone pola.
form-conflict = Ktoś inny zapisał ten rekord, gdy go edytowałeś. Nic nie zostało nadpisane. Porównaj wartości i zapisz ponownie, aby zachować swoje.
form-conflict-yours = Twoja wartość
form-conflict-theirs = Zapisana wartość
form-no-company = Żadna firma nie ma takiej nazwy.
quick-log = Zapisz aktywność
quick-subject = Temat
quick-body = Notatki
quick-duration = Czas trwania w minutach
quick-submit = Dodaj do osi czasu
quick-actions = Szybkie działania
quick-log-call = Zapisz rozmowę
quick-add-note = Dodaj notatkę
quick-create-task = Utwórz zadanie
quick-other-kind = Zapisz inny rodzaj interakcji
quick-direction = Kierunek
quick-due = Termin (data i godzina)
quick-due-invalid = Podaj datę i godzinę terminu zadania.
quick-subject-missing = Nadaj zadaniu temat.
quick-duration-invalid = Podaj czas trwania jako liczbę całkowitą minut.
timeline-due = Termin:
timeline-duration = { $minutes } min
history-title = Historia zmian
history-show-as-of = Pokaż stan na
history-as-of-banner = Tak wyglądał rekord { $when }.
history-current = Wróć do bieżącej wersji
history-empty = Nie ma jeszcze zmian.
history-by = zmienił(a) { $who }
history-action-create = Utworzono
history-action-update = Zmieniono
history-action-delete = Usunięto
history-action-restore = Przywrócono
history-action-merge = Scalono
history-action-purge = Usunięto trwale
history-action-message = Dodano wiadomość
col-field = Pole
col-before = Przed
col-after = Po

account-preferences = Język i strefa czasowa
account-language = Język
account-time-zone = Strefa czasowa
account-preferences-submit = Zapisz ustawienia
account-preferences-saved = Ustawienia zostały zapisane.
user-menu = menu użytkownika
user-menu-apply = Zastosuj
language-en = English
language-de = Deutsch
language-es = Español
language-pl = Polski
language-nb = Norsk bokmål
search-see-all = Pokaż wszystkie wyniki
search-suggest-count = { $count ->
    [0] Brak sugestii
    [one] Jedna sugestia
    [few] { $count } sugestie
   *[many] { $count } sugestii
}

panel-contacts = Kontakty
panel-attachments = Załączniki
panel-no-attachments = Nie ma jeszcze plików.
attach-file = Plik
attach-submit = Dołącz plik
attach-too-large = Plik jest większy niż { $size } MB.
timeline-filter = Filtruj oś czasu
timeline-all-kinds = Wszystkie rodzaje
timeline-all-directions = Wszystkie kierunki

nav-settings = Ustawienia
settings-title = Ustawienia
settings-users = Użytkownicy
settings-teams = Zespoły
settings-custom-fields = Pola własne
settings-tags = Tagi
settings-tokens = Tokeny API
settings-new = Dodaj
field-color = Kolor
field-description = Opis
field-members = Członkowie
field-entity = Dotyczy
field-key = Klucz
field-label = Etykieta
field-type = Typ
field-options = Opcje
field-options-hint = Dla pól wyboru: wartości oddzielone przecinkami.
field-required = Wymagane
field-role = Rola
field-active = Aktywny
field-password-initial = Hasło (opcjonalnie)
role-admin = Administrator
role-manager = Kierownik
role-agent = Konsultant
role-viewer = Tylko odczyt
token-name = Nazwa tokenu
token-scopes = Uprawnienia
token-scopes-hint = Zostaw puste, aby zezwolić na wszystko, co pozwala Twoja rola, albo podaj read, write lub contacts:read, oddzielone przecinkami.
token-created = Skopiuj ten token teraz; nie zostanie pokazany ponownie:
token-revoke = Unieważnij
token-revoked = Unieważniono
token-last-used = Ostatnio użyty
settings-empty = Nic tu jeszcze nie ma.
list-export = Pobierz jako CSV

mfa-title = Logowanie dwuetapowe
mfa-on = Logowanie dwuetapowe jest włączone.
mfa-off = Logowanie dwuetapowe jest wyłączone. Włącz je, aby przy każdym logowaniu podawać kod z aplikacji uwierzytelniającej.
mfa-turn-on = Włącz logowanie dwuetapowe
mfa-turn-off = Wyłącz logowanie dwuetapowe
mfa-setup-intro = Dodaj ten klucz do aplikacji uwierzytelniającej (albo otwórz link w telefonie), a potem wpisz wyświetlony sześciocyfrowy kod.
mfa-key = Klucz
mfa-link = Otwórz w aplikacji uwierzytelniającej
mfa-code = Sześciocyfrowy kod
mfa-confirm = Potwierdź i włącz
mfa-code-title = Wpisz kod
mfa-code-intro = Otwórz aplikację uwierzytelniającą i wpisz sześciocyfrowy kod dla Rapport.
mfa-code-wrong = Ten kod jest nieprawidłowy. Kody zmieniają się co 30 sekund; użyj bieżącego.
mfa-turned-on = Logowanie dwuetapowe jest teraz włączone.
mfa-turned-off = Logowanie dwuetapowe jest teraz wyłączone.
settings-organisation = Organizacja
org-name = Nazwa organizacji
org-default-language = Język domyślny
org-default-time-zone = Domyślna strefa czasowa
org-saved = Ustawienia zostały zapisane.
bulk-select-row = { $kind ->
    [company] Zaznacz firmę { $name }
   *[other] Zaznacz kontakt { $name }
}
bulk-select-all = Zaznacz wszystkie na tej stronie
bulk-action = Z zaznaczonymi
bulk-tag = Dodaj tag
bulk-owner = Zmień opiekuna
bulk-delete = Usuń
bulk-apply = Zastosuj
bulk-tag-name = Tag
filter-add = Dodaj filtr
filter-field = Pole
filter-op = Warunek
filter-value = Wartość
op-eq = jest
op-ne = nie jest
op-contains = zawiera
op-lt = jest mniejsze niż
op-gt = jest większe niż
op-is_null = jest puste
filter-remove = Usuń filtr
views-title = Zapisane widoki
views-save = Zapisz ten widok
views-name = Nazwa widoku
views-shared = Udostępnij wszystkim
views-delete = Usuń widok
columns-title = Kolumny
col-direction = Kierunek
form-money-hint = Kwota i kod waluty, na przykład { $example }.
form-money-invalid = Wpisz kwotę i kod waluty, na przykład { $example }.
org-logo = Logo
org-logo-current = Obecne logo
org-logo-none = Nie ma jeszcze logo.
org-logo-choose = Wybierz logo
org-logo-replace = Wybierz nowe logo
org-logo-hint = PNG, JPEG lub WebP, najwyżej { $size } KiB.
org-logo-upload = Prześlij
org-logo-remove = Usuń logo
org-logo-too-large = Obraz jest większy niż { $size } KiB. Wybierz mniejszy.
org-logo-wrong-type = Wybierz obraz PNG, JPEG lub WebP. Inne pliki, także SVG, nie są przyjmowane.
notifications-title = Powiadomienia
notifications-bell = Powiadomienia
notifications-bell-unread = Powiadomienia, nieprzeczytane: { $count }
notifications-show = Pokaż
notifications-all = Wszystkie
notifications-unread = Nieprzeczytane
notifications-read-all = Oznacz wszystkie jako przeczytane
notifications-mark-read = Oznacz jako przeczytane
notifications-new = Nowe
notifications-empty = Brak powiadomień.
notification-owner-contact = { $actor } przypisał(a) Ci kontakt { $record }.
notification-owner-company = { $actor } przypisał(a) Ci firmę { $record }.
notification-interaction-contact = { $actor } zapisał(a) interakcję z Twoim kontaktem { $record }.
notification-interaction-company = { $actor } zapisał(a) interakcję z Twoją firmą { $record }.

# The services' validation problems, keyed by each problem's stable code; the
# variables are the values the problem names.
invalid-required = jest wymagane
invalid-empty = nie może być puste
invalid-not-a-string = musi być tekstem
invalid-not-a-bool = musi mieć wartość prawda lub fałsz
invalid-not-a-list = musi być listą
invalid-not-an-object = musi być obiektem
invalid-not-a-number = musi być liczbą
invalid-not-an-id = musi być identyfikatorem (UUID)
invalid-not-a-time = musi być czasem w formacie RFC 3339, np. 2026-01-31T14:00:00Z
invalid-not-a-date = musi być datą, np. 2026-01-31
invalid-has-nul = nie może zawierać znaków NUL
invalid-too-long = może mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}
invalid-too-long-bytes = może mieć najwyżej { $max } { $max ->
    [one] bajt
    [few] bajty
   *[many] bajtów
}
invalid-too-short = musi mieć co najmniej { $min } { $min ->
    [one] znak
    [few] znaki
   *[many] znaków
}
invalid-length = musi mieć od { $min } do { $max } znaków
invalid-too-many = może zawierać najwyżej { $max } { $max ->
    [one] element
    [few] elementy
   *[many] elementów
}
invalid-one-of = musi być jedną z wartości: { $options }
invalid-each-one-of = każdy element musi być jedną z wartości: { $options }
invalid-int-range = musi być liczbą całkowitą od { $min } do { $max }
invalid-body-not-object = treść żądania musi być obiektem JSON
invalid-kept-by-rapport = jest prowadzone przez Rapport i nie można go ustawić
invalid-unknown-field = nie jest polem tego zasobu
invalid-create-only = nie można go zmienić po utworzeniu
invalid-not-changeable-here = nie można go tu zmienić
invalid-contact-needs-name = kontakt musi mieć imię lub nazwisko
invalid-interaction-needs-parent = interakcja musi mieć contact_id lub company_id
invalid-select-needs-option = pole wyboru musi mieć co najmniej jedną opcję
invalid-not-tag-names = musi być listą nazw tagów
invalid-tag-length = każdy tag musi mieć od 1 do 64 znaków
invalid-key-not-allowed = „{ $key }” jest tu niedozwolone; użyj { $allowed }
invalid-key-too-long = { $key } musi być tekstem o długości do { $max } { $max ->
    [one] znaku
    [few] znaków
   *[many] znaków
}
invalid-item = pozycja { $index }: { $problem }
invalid-part = { $key }: { $problem }
invalid-participant-empty = musi mieć nazwę, e-mail, telefon lub user_id
invalid-not-strings = musi być listą tekstów
invalid-option-length = każda opcja musi mieć od 1 do 100 znaków
invalid-option-twice = opcja „{ $option }” występuje dwa razy
invalid-custom-not-object = musi być obiektem z wartościami pól własnych
invalid-unknown-custom = nie jest polem własnym tego zasobu
invalid-unknown-type = ma nieznany typ „{ $name }”
invalid-money-shape = musi mieć postać { $shape }
invalid-no-such-record = { $kind ->
    [contacts] nie ma kontaktu
    [companies] nie ma firmy
    [interactions] nie ma interakcji
    [tags] nie ma tagu
    [custom-fields] nie ma pola własnego
    [users] nie ma użytkownika
    [teams] nie ma zespołu
    [attachments] nie ma załącznika
    [queues] nie ma kolejki
    [tickets] nie ma zgłoszenia
   *[other] nie ma rekordu
} o tym identyfikatorze
invalid-no-such-user = nie ma użytkownika o identyfikatorze { $id }
invalid-assign-own-teams = możesz przypisywać rekordy tylko sobie lub swoim zespołom
invalid-taken = ta wartość jest już zajęta
invalid-link-missing = powiązany rekord nie istnieje
invalid-attachments-uploaded = załączniki przesyła się do załączników rekordu
invalid-merge-self = nie można scalić rekordu z nim samym
invalid-merge-from = musi być identyfikatorem scalanego rekordu
invalid-bad-email = nie jest prawidłowym adresem e-mail
invalid-phone-country = musi zaczynać się od numeru kierunkowego kraju, np. +48 lub +49
invalid-phone-unreadable = nie da się odczytać jako numeru telefonu w formacie E.164
invalid-phone-invalid = nie jest prawidłowym numerem telefonu dla swojego numeru kierunkowego
invalid-url-scheme = musi być adresem http:// lub https://
invalid-bad-url = nie jest prawidłowym adresem internetowym
invalid-bad-domain = nie jest prawidłową nazwą domeny, taką jak example.com
invalid-bad-color = musi być kolorem, np. #1f6feb
invalid-bad-key = musi zaczynać się małą literą i zawierać tylko a-z, 0-9 i _ (najwyżej 64 znaki)
invalid-bad-time-zone = nie jest znaną strefą czasową, taką jak Europe/Warsaw
invalid-bad-currency = musi być trzyliterowym kodem waluty ISO 4217, np. PLN
invalid-cannot-sort = nie można sortować według „{ $name }”; pola do sortowania: { $fields }
invalid-deleted-param = musi mieć wartość exclude lub only
invalid-unknown-parameter = nie jest znanym parametrem zapytania
invalid-filter-shape = musi mieć postać filter[pole] lub filter[pole][operator]
invalid-cannot-filter = nie można filtrować według „{ $name }”; pola do filtrowania: { $fields }
invalid-unknown-operator = nieznany operator „{ $op }”; użyj eq, ne, lt, lte, gt, gte, contains, in lub is_null
invalid-operator-not-for = operatora { $op } nie można użyć dla { $field }
invalid-is-null-bool = is_null przyjmuje true lub false
invalid-in-too-many = in przyjmuje najwyżej { $max } { $max ->
    [one] wartość
    [few] wartości
   *[many] wartości
}
invalid-values-too-long = wartości mogą mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}
invalid-value-not-an-id = „{ $value }” nie jest identyfikatorem
invalid-value-not-whole = „{ $value }” nie jest liczbą całkowitą
invalid-value-not-a-time = „{ $value }” nie jest datą (2026-01-31) ani czasem w formacie RFC 3339
invalid-bad-cursor = nie jest kursorem wydanym przez tę listę
invalid-bad-search-cursor = nie jest kursorem wydanym przez to wyszukiwanie
invalid-cursor-other-sort = należy do innego sortowania; zacznij od nowa bez kursora
invalid-unknown-scope = nieznane uprawnienie „{ $scope }”: użyj read, write lub ZASÓB:read|write
invalid-unknown-scope-resource = nieznany zasób „{ $resource }” w uprawnieniu „{ $scope }”
invalid-share-views-role = tylko kierownicy i administratorzy mogą udostępniać widoki
invalid-code-wrong = nie jest aktualnym kodem
invalid-bad-secret = nie jest prawidłowym sekretem
invalid-token-id = musi być identyfikatorem tokenu (UUID), takim jak pokazuje `rapport token list`
invalid-login-fields = adres e-mail i hasło są wymagane
invalid-file-name-missing = musi mieć nazwę pliku
invalid-file-name-too-long = nazwa pliku może mieć najwyżej { $max } { $max ->
    [one] znak
    [few] znaki
   *[many] znaków
}
invalid-upload-broke = przesyłanie zostało przerwane
invalid-file-empty = jest pusty
invalid-file-missing = jest wymagany: wyślij plik jako pole multipart o nazwie file
invalid-logo-type = musi być obrazem PNG, JPEG lub WebP
invalid-not-request-field = nie jest polem tego żądania
invalid-bad-id = nie jest prawidłowym identyfikatorem
invalid-bad-percent = musi być wartością procentową od 0 do 100 z najwyżej dwoma miejscami po przecinku
invalid-stage-key-twice = klucz etapu „{ $key }” występuje dwa razy
invalid-no-such-stage = musi być jednym z etapów lejka: { $stages }
invalid-lead-needs-identity = lead potrzebuje imienia lub nazwiska, nazwy firmy, adresu e-mail albo numeru telefonu
invalid-lead-needs-channel = podaj adres e-mail lub numer telefonu
invalid-set-by-converting = ustawia się przy konwersji leada
invalid-price-twice = produkt { $product } ma więcej niż jedną cenę
invalid-reason-needs-lost = tylko przegrana szansa ma powód przegranej
invalid-close-needs-solved = zamknąć można tylko rozwiązane zgłoszenie
invalid-new-only-at-first = zgłoszenie, nad którym pracowano, nie staje się znów nowe
invalid-too-many-decimals = może mieć najwyżej { $max } { $max ->
    [one] miejsce
    [few] miejsca
   *[many] miejsc
} po przecinku
invalid-decimal-range = musi być liczbą od { $min } do { $max }
invalid-amount-too-large = daje zbyt dużą kwotę

settings-web-form = Formularz leadów
webform-heading = Kontakt
webform-first-name = Imię
webform-last-name = Nazwisko
webform-email = E-mail
webform-phone = Telefon
webform-company-name = Firma
webform-title = Stanowisko
webform-message = Wiadomość
webform-send = Wyślij
webform-leave-empty = Pozostaw to pole puste
webform-fix = Sprawdź zaznaczone pola.
webform-thanks-title = Dziękujemy
webform-thanks = Otrzymaliśmy Twoją wiadomość i wkrótce się odezwiemy.
webform-enabled = Przyjmuj zgłoszenia z publicznego formularza
webform-owner = Przydzielaj nowe leady do
webform-thank-you-url = Adres strony z podziękowaniem
webform-thank-you-hint = Dokąd trafiają odwiedzający po wysłaniu; pozostaw puste, by użyć strony Rapport.
webform-replace-key = Nadaj formularzowi nowy adres (kopie starego przestaną działać)
webform-embed = Umieść formularz na swojej stronie
webform-link = Formularz na osobnej stronie:
webform-snippet = HTML do wklejenia na stronę

# Sales pages
nav-leads = Leady
nav-deals = Szanse sprzedaży
nav-products = Produkty
leads-title = Leady
leads-empty = Nie ma jeszcze leadów.
deals-title = Szanse sprzedaży
deals-empty = Nie ma jeszcze szans sprzedaży.
products-title = Produkty
products-empty = Nie ma jeszcze produktów.
form-new-lead = Nowy lead
form-new-deal = Nowa szansa sprzedaży
form-new-product = Nowy produkt
field-source = Źródło
field-status = Status
field-score = Ocena
field-message = Wiadomość
field-deal-title = Tytuł szansy
field-pipeline = Lejek
field-amount = Kwota
field-expected-close = Przewidywane zamknięcie
field-probability = Prawdopodobieństwo (%)
field-code = Kod
field-unit-price = Cena jednostkowa
field-tax-rate = Stawka podatku (%)
field-tax-rate-hint = Procent, na przykład 23 albo 8.
field-unit = Jednostka
field-position = Pozycja
field-currency = Waluta
field-stages = Etapy
field-lost-reason = Powód utraty
lead-source-manual = Wpisany ręcznie
lead-source-web_form = Formularz na stronie
lead-source-api = API
lead-source-import = Import
lead-source-referral = Polecenie
lead-source-event = Wydarzenie
lead-source-advertising = Reklama
lead-source-partner = Partner
lead-source-social = Media społecznościowe
lead-source-cold_call = Zimny telefon
lead-source-email = E-mail
lead-source-other = Inne
lead-status-new = Nowy
lead-status-contacted = Po kontakcie
lead-status-qualified = Zakwalifikowany
lead-status-disqualified = Odrzucony
lead-status-converted = Przekształcony
deal-status-open = Otwarta
deal-status-won = Wygrana
deal-status-lost = Przegrana
unit-C62 = Jeden
unit-H87 = Sztuka
unit-HUR = Godzina
unit-DAY = Dzień
unit-WEE = Tydzień
unit-MON = Miesiąc
unit-ANN = Rok
unit-KGM = Kilogram
unit-MTR = Metr
unit-LTR = Litr
unit-MTK = Metr kwadratowy
unit-SET = Komplet
product-active = Aktywny
product-archived = Zarchiwizowany
lead-convert = Przekształć
lead-converted-to = Przekształcony w
lead-open-contact = Otwórz kontakt
convert-title = Przekształć: { $name }
convert-reason-email = ten sam e-mail
convert-reason-phone = ten sam telefon
convert-reason-domain = ta sama domena
convert-reason-name = ta sama nazwa
convert-duplicates-found = Podobne rekordy już istnieją. Wybierz jeden, aby go powiązać, albo utwórz nowe.
convert-contact = Kontakt
convert-company = Firma
convert-deal = Szansa sprzedaży
convert-link-to = Powiąż z: { $name }
convert-create-contact = Utwórz nowy kontakt dla: { $name }
convert-create-company = Utwórz nową firmę: { $name }
convert-with-deal = Otwórz szansę sprzedaży
convert-no-deal = Bez szansy sprzedaży
board-no-pipeline = Nie ma jeszcze żadnego lejka. Administrator może go dodać w Ustawieniach.
board-days-in-stage = { $days ->
    [one] Jeden dzień na tym etapie
    [few] { $days } dni na tym etapie
   *[many] { $days } dni na tym etapie
}
board-count = { $count ->
    [one] Jedna szansa
    [few] { $count } szanse
   *[many] { $count } szans
}
board-stale = Ta szansa zmieniła się od wyświetlenia tablicy, więc nie została przeniesiona. Oto aktualna tablica.
board-list-view = Pokaż jako listę
board-switch = Pokaż
board-move-to = Przenieś do
board-move = Przenieś
board-show-more = Pokaż wszystkie szanse na tym etapie
deal-time-in-stage = Czas na etapie
deal-closed-at = Zamknięta
deal-mark-won = Oznacz jako wygraną
deal-mark-lost = Oznacz jako przegraną
deal-lost-needs-reason = Podaj, dlaczego szansa została utracona.
settings-pipelines = Lejki sprzedaży
settings-price-lists = Cenniki
stage-order = Kolejność
stage-key = Klucz
stage-remove = Usuń
stage-order-of = Kolejność etapu { $row }
stage-key-of = Klucz etapu { $row }
stage-name-of = Nazwa etapu { $row }
stage-probability-of = Prawdopodobieństwo etapu { $row }
stage-remove-of = Usuń etap { $row }
stage-rows-hint = Wypełnij pusty wiersz, aby dodać etap, zmień numery, aby zmienić kolejność, i zaznacz Usuń, aby usunąć etap.
stage-probability-invalid = Prawdopodobieństwo to liczba całkowita od 0 do 100.
panel-deals = Szanse sprzedaży
panel-no-open-deals = Brak otwartych szans sprzedaży.

invalid-needs-due-at = wymaga terminu

# Tasks, the calendar and its feed.
nav-tasks = Zadania
nav-calendar = Kalendarz
tasks-title = Zadania
tasks-new = Nowe zadanie
tasks-open = Otwarte zadania
tasks-add = Dodaj zadanie
tasks-field-title = Tytuł
tasks-field-due = Termin
tasks-field-priority = Priorytet
tasks-done = Zrobione
tasks-recurring = Powtarza się
tasks-empty = Brak otwartych zadań.
tasks-bad-due = Termin nie jest datą z godziną.
priority-low = Niski
priority-normal = Normalny
priority-high = Wysoki
notification-reminder = Przypomnienie: termin zadania { $record } wkrótce mija.
calendar-title = Kalendarz
calendar-views = Widoki kalendarza
calendar-move = Poruszanie się po kalendarzu
calendar-day = Dzień
calendar-week = Tydzień
calendar-month = Miesiąc
calendar-prev = Wstecz
calendar-next = Dalej
calendar-today = Dziś
calendar-empty = W tym okresie nic nie zaplanowano.
weekday-1 = Poniedziałek
weekday-2 = Wtorek
weekday-3 = Środa
weekday-4 = Czwartek
weekday-5 = Piątek
weekday-6 = Sobota
weekday-7 = Niedziela
feed-title = Subskrypcja kalendarza
feed-manage = Subskrybuj swoje zadania i spotkania w aplikacji kalendarza
feed-help = Aplikacja kalendarza może subskrybować ten adres i pokazywać Twoje zadania i spotkania. Każdy, kto zna adres, może je odczytać, więc zachowaj go dla siebie.
feed-new = Twój nowy adres subskrypcji. Skopiuj go teraz: jest pokazywany tylko ten jeden raz.
feed-address = Adres subskrypcji
feed-since = Twój obecny adres subskrypcji utworzono { $when }.
feed-none = Nie masz jeszcze adresu subskrypcji.
feed-create = Utwórz adres subskrypcji
feed-rotate = Utwórz nowy adres (stary przestanie działać)

# Sales documents.
invalid-currency-differs = produkt ma cenę w { $currency }, a nie w walucie dokumentu

## Task and meeting pages
task-new = Nowe zadanie
task-new-full = Nowe zadanie ze wszystkimi polami
task-edit = Edytuj zadanie
task-field-notes = Notatki
task-field-due-date = Termin (data)
task-field-due-time = Termin (godzina)
task-due-time-hint = Według Twojej strefy czasowej ({ $zone }). Zostaw puste, aby wybrać początek dnia.
task-field-all-day = Cały dzień
task-field-reminder = Przypomnienie (minut przed)
task-field-assignee = Osoba odpowiedzialna
task-field-status = Stan
task-field-contact = Kontakt
task-field-company = Firma
task-field-deal = Szansa sprzedaży
task-field-completed = Ukończono
task-status-open = Otwarte
task-status-done = Zrobione
task-status-cancelled = Anulowane
task-error-due-date = Wpisz termin jako datę.
task-error-due-time = Wpisz godzinę w godzinach i minutach, na przykład 09:30.
task-error-due-missing = Godzina wymaga daty terminu.
task-error-reminder = Wpisz przypomnienie jako całkowitą liczbę minut.
task-previous = Poprzednie wystąpienie
task-next = Następne wystąpienie
task-mark-done = Oznacz jako zrobione
task-reminder-text = { $minutes ->
    [one] { $minutes } minutę przed
    [few] { $minutes } minuty przed
   *[many] { $minutes } minut przed
}
task-yes = Tak
task-no = Nie
repeat-legend = Powtarzanie
repeat-frequency = Jak często
repeat-none = Nie powtarza się
repeat-daily = Codziennie
repeat-weekly = Co tydzień
repeat-monthly = Co miesiąc
repeat-yearly = Co rok
repeat-every = Co ile dni, tygodni, miesięcy lub lat
repeat-every-n = co { $every }
repeat-weekdays = W te dni tygodnia (co tydzień)
repeat-monthly-by = Który dzień miesiąca (co miesiąc)
repeat-monthly-start = Dzień terminu
repeat-monthly-day = Numer dnia podany niżej
repeat-monthly-last = Ostatni dzień miesiąca
repeat-monthly-weekday = Dzień tygodnia podany niżej
repeat-month-day = Numer dnia
repeat-month-nth = Który w miesiącu
repeat-nth-1 = Pierwszy
repeat-nth-2 = Drugi
repeat-nth-3 = Trzeci
repeat-nth-4 = Czwarty
repeat-nth-last = Ostatni
repeat-month-weekday = Dzień tygodnia w miesiącu
repeat-end = Kończy się
repeat-end-never = Nigdy
repeat-end-count = Po określonej liczbie razy
repeat-end-until = W określonym dniu
repeat-count = Liczba razy
repeat-until = Ostatnia data
repeat-times = { $count ->
    [one] jeden raz
    [few] { $count } razy
   *[many] { $count } razy
}
repeat-until-date = do { $date }
repeat-error-frequency = Wybierz, jak często zadanie się powtarza.
repeat-error-every = Wpisz liczbę całkowitą od 1 do 999.
repeat-error-weekday = Wybierz dni tygodnia z listy.
repeat-error-month-day = Wpisz dzień miesiąca od 1 do 31.
repeat-error-month-nth = Wybierz, który dzień tygodnia w miesiącu.
repeat-error-monthly-by = Wybierz, który dzień miesiąca.
repeat-error-count = Wpisz całkowitą liczbę razy od 1 do 9999.
repeat-error-until = Wpisz ostatnią datę jako datę.
repeat-error-end = Wybierz, kiedy kończy się powtarzanie.
meeting-new = Nowe spotkanie
meeting-edit = Edytuj spotkanie
meeting-title = Spotkanie
meeting-field-subject = Temat
meeting-field-start = Początek
meeting-field-end = Koniec
meeting-field-location = Miejsce
meeting-location-hint = Sala, adres lub link do wideorozmowy.
meeting-field-body = Opis
meeting-field-owner = Organizator
meeting-users = Użytkownicy biorący udział
meeting-contacts = Kontakty biorące udział
meeting-contacts-hint = Odznacz kontakt, aby usunąć go ze spotkania.
meeting-contact-add = Dodaj kontakt
meeting-error-start = Wpisz początek spotkania jako datę i godzinę.
meeting-error-end = Wpisz koniec spotkania jako datę i godzinę.
meeting-error-order = Spotkanie musi kończyć się po swoim początku.
meeting-error-participant = Wybrany uczestnik nie istnieje.
meeting-when = Kiedy
meeting-participants = Uczestnicy
meeting-none = Nikt jeszcze nie bierze udziału.
## Quotes, orders and invoices pages
nav-quotes = Oferty
nav-orders = Zamówienia
nav-invoices = Faktury
quotes-title = Oferty
quotes-empty = Nie ma jeszcze ofert.
orders-title = Zamówienia
orders-empty = Nie ma jeszcze zamówień.
invoices-title = Faktury
invoices-empty = Nie ma jeszcze faktur.
doc-new-quote = Nowa oferta
doc-new-order = Nowe zamówienie
doc-new-invoice = Nowa faktura
doc-quote-title = Oferta { $number }
doc-order-title = Zamówienie { $number }
doc-invoice-title = Faktura { $number }
doc-quote-unnumbered = Oferta bez numeru
doc-order-unnumbered = Zamówienie bez numeru
doc-invoice-unnumbered = Szkic faktury
doc-kind-quote = Oferta
doc-kind-order = Zamówienie
doc-kind-invoice = Faktura
doc-number = Numer
doc-no-number = (jeszcze bez numeru)
doc-customer = Klient i daty
doc-contact = Kontakt
doc-deal = Szansa sprzedaży
doc-issue-date = Data wystawienia
doc-valid-until = Ważna do
doc-due-date = Termin płatności
doc-currency-hint = Trzyliterowy kod, np. PLN lub EUR; jeśli pole zostanie puste, użyta zostanie waluta pierwszego produktu.
doc-notes = Uwagi
doc-lines = Pozycje
doc-row = Wiersz
doc-product = Produkt
doc-no-product = (bez produktu)
doc-unit-default = (z produktu)
doc-quantity = Ilość
doc-discount = Rabat (%)
doc-line-net = Netto
doc-remove = Usuń
doc-product-of = Produkt pozycji { $row }
doc-description-of = Opis pozycji { $row }
doc-quantity-of = Ilość pozycji { $row }
doc-unit-of = Jednostka pozycji { $row }
doc-price-of = Cena jednostkowa pozycji { $row }
doc-discount-of = Rabat pozycji { $row }
doc-tax-of = Stawka podatku pozycji { $row }
doc-remove-of = Usuń pozycję { $row }
doc-rows-hint = Pozycja z produktem bierze z niego opis, cenę i stawkę podatku, jeśli pola są puste. Zaznacz pole pozycji, aby usunąć ją przy zapisie.
doc-add-line = Dodaj pozycję
doc-back = Wróć
doc-no-lines = Ten dokument nie ma jeszcze pozycji.
doc-subtotal = Suma netto
doc-tax-at = Podatek { $rate } od { $base }
doc-tax-total = Podatek
doc-total = Razem
doc-paid = Zapłacono
doc-amount-due = Do zapłaty
doc-made-from = Utworzono z: { $document }
doc-made-into = Przekształcono w: { $document }
doc-steps = Następne kroki
doc-step-send = Oznacz jako wysłaną
doc-step-accept = Oznacz jako przyjętą
doc-step-reject = Oznacz jako odrzuconą
doc-step-fulfil = Oznacz jako zrealizowane
doc-step-cancel = Anuluj dokument
doc-step-issue = Wystaw
doc-step-order = Utwórz zamówienie
doc-step-invoice = Utwórz fakturę
doc-stale = Ktoś zmienił ten dokument po jego otwarciu, więc nic nie zostało zrobione. Sprawdź jego obecny stan i spróbuj ponownie.
doc-step-refused = Ten krok nie jest możliwy w obecnym statusie dokumentu, więc nic nie zostało zmienione.
doc-read-only = Zmieniać można tylko dokument w pierwszym statusie; ten jest pokazany bez możliwości edycji.
doc-status-draft = Szkic
doc-status-sent = Wysłana
doc-status-accepted = Przyjęta
doc-status-rejected = Odrzucona
doc-status-expired = Wygasła
doc-status-open = Otwarte
doc-status-fulfilled = Zrealizowane
doc-status-cancelled = Anulowany
doc-status-issued = Wystawiona
doc-status-partly_paid = Częściowo opłacona
doc-status-paid = Opłacona
doc-status-overdue = Przeterminowana
doc-download-pdf = Pobierz PDF
doc-download-ubl = Pobierz e-fakturę (UBL)
doc-print = Widok do druku
doc-print-back = Wróć do dokumentu
doc-print-now = Drukuj
doc-payments = Płatności
doc-no-payments = Nie ma jeszcze płatności.
doc-paid-on = Data płatności
doc-amount = Kwota
doc-method = Sposób płatności
doc-reference = Tytuł płatności
doc-record-payment = Zarejestruj płatność
doc-method-bank_transfer = Przelew
doc-method-card = Karta
doc-method-cash = Gotówka
doc-method-direct_debit = Polecenie zapłaty
doc-method-other = Inny
doc-amount-invalid = Wpisz kwotę, np. { $example }.
doc-pay-too-much = Na tej fakturze do zapłaty pozostało tylko { $due }.
doc-not-payable = Płatności przyjmuje tylko wystawiona faktura, która nie jest w pełni opłacona.
panel-quotes = Oferty
panel-no-quotes = Brak ofert.
panel-orders = Zamówienia
panel-no-orders = Brak zamówień.
panel-invoices = Faktury
panel-no-invoices = Brak faktur.
## Forecast, sales targets, deal line items and price list prices
nav-forecast = Prognoza
forecast-title = Prognoza
forecast-filters = Filtry prognozy
forecast-period = Okres
forecast-period-month = Miesiąc
forecast-period-quarter = Kwartał
forecast-period-year = Rok
forecast-from = Od
forecast-to = Do
forecast-all-pipelines = Wszystkie lejki
forecast-everyone = Wszyscy
forecast-show = Pokaż
forecast-nobody = Nikt
forecast-total = Razem
forecast-open = Otwarte
forecast-weighted = Ważone
forecast-won = Wygrane
forecast-target = Cel
forecast-attainment = Wygrane względem celu
forecast-by-period = Według okresu
forecast-by-owner = Według opiekuna
forecast-by-pipeline = Według lejka
forecast-empty = Brak szans sprzedaży w tym okresie.
forecast-chart = Wygrane względem celu i ważony lejek, w { $currency }
forecast-chart-desc = Dla każdego okresu jeden słupek pokazuje wygrane, a drugi ważony otwarty lejek; linia oznacza cel. Tabela poniżej zawiera te same liczby.
forecast-bar-won = { $period }: wygrane { $amount }
forecast-bar-weighted = { $period }: ważony lejek { $amount }
forecast-bar-target = { $period }: cel { $amount }
forecast-other-currencies = Szanse w innych walutach nie są tu liczone: { $currencies }. Wybierz walutę, aby je zobaczyć.
forecast-set-targets = Ustaw cele sprzedaży
settings-targets = Cele sprzedaży
targets-title = Cele sprzedaży
targets-year = Rok
targets-year-invalid = Wybierz rok od 1970 do 9999.
targets-legend = Cele na miesiąc w { $currency }
targets-month = Miesiąc
targets-team = Cały zespół
targets-month-of = Miesiąc celu { $row }
targets-owner-of = Opiekun celu { $row }
targets-amount-of = Kwota celu { $row }
targets-remove-of = Usuń cel { $row }
targets-rows-hint = Wypełnij pusty wiersz, aby dodać cel, zaznacz Usuń, aby go usunąć. Cel zespołu na dany miesiąc obowiązuje cały zespół; bez niego sumowane są cele opiekunów.
targets-saved = Cele zostały zapisane.
targets-read-only = Cele ustalają menedżerowie i administratorzy.
targets-none = Na ten rok nie ustalono celów.
targets-month-invalid = Wybierz miesiąc roku { $year }.
targets-amount-invalid = Wpisz kwotę, na przykład { $example }.
targets-twice = Ten opiekun ma już cel na ten miesiąc.
field-lines = Pozycje
field-prices = Ceny
lines-hint = Gdy szansa ma pozycje, jej kwota to ich suma netto (przed podatkiem), w walucie wpisanej przy kwocie.
prices-hint = Ceny są w walucie cennika. Wypełnij pusty wiersz, aby dodać cenę.
line-product = Produkt
line-quantity = Ilość
line-discount = Rabat (%)
line-net = Netto
line-net-total = Suma netto
line-product-of = Produkt w wierszu { $row }
line-description-of = Opis w wierszu { $row }
line-quantity-of = Ilość w wierszu { $row }
line-price-of = Cena jednostkowa w wierszu { $row }
line-discount-of = Rabat w wierszu { $row }
line-tax-of = Stawka podatku w wierszu { $row }
line-remove-of = Usuń wiersz { $row }
line-price-invalid = Wiersz { $row }: wpisz cenę jako kwotę, na przykład { $example }.
line-row-error = Wiersz { $row }: { $message }
price-product-missing = Wiersz { $row }: wybierz produkt.
invalid-ends-before-start = nie może być wcześniej niż początek okresu
invalid-too-many-months = okres może obejmować najwyżej { $max } miesięcy
## Documents out: seller details, PDF and UBL
org-seller = Dane sprzedawcy
org-seller-hint = Drukowane na ofertach, zamówieniach i fakturach; e-faktura (Peppol) wymaga nazwy prawnej, kraju, numeru VAT i adresu elektronicznego.
org-seller-legal-name = Nazwa prawna
org-seller-street = Ulica i numer
org-seller-postcode = Kod pocztowy
org-seller-city = Miejscowość
org-seller-country = Kod kraju (ISO 3166, np. PL)
org-seller-vat-number = Numer VAT
org-seller-company-id = Numer KRS lub REGON
org-seller-iban = IBAN
org-seller-bic = BIC
org-seller-email = E-mail do faktur
org-seller-endpoint-scheme = Schemat Peppol (kod EAS, np. 9945)
org-seller-endpoint-id = Adres elektroniczny Peppol
org-seller-save = Zapisz dane sprzedawcy
org-seller-saved = Dane sprzedawcy zostały zapisane.
invalid-bad-country = musi być dwuliterowym kodem kraju ISO 3166, np. PL
invalid-bad-iban = nie jest poprawnym numerem IBAN; cyfry kontrolne się nie zgadzają
invalid-bad-bic = musi być kodem BIC z 8 lub 11 liter i cyfr
invalid-bad-endpoint = musi być czterocyfrowym schematem EAS i identyfikatorem, np. 9945:PL7251801126
invalid-bad-vat-number = musi być numerem VAT zaczynającym się od prefiksu kraju, np. PL7251801126
invalid-price-list-currency = cennik jest w { $currency }, a nie w walucie dokumentu
invalid-document-refused = nie można wygenerować dokumentu: { $detail }
doc-pdf-quote = Oferta
doc-pdf-order = Potwierdzenie zamówienia
doc-pdf-invoice = Faktura
doc-pdf-quote-number = Numer oferty
doc-pdf-order-number = Numer zamówienia
doc-pdf-invoice-number = Numer faktury
doc-pdf-date = Data
doc-pdf-due-date = Termin płatności
doc-pdf-valid-until = Ważna do
doc-pdf-buyer-reference = Wasz znak
doc-pdf-bill-to = Nabywca
doc-pdf-customer = Klient
doc-pdf-vat-id = NIP
doc-pdf-company-id = Nr rejestrowy
doc-pdf-description = Opis
doc-pdf-quantity = Ilość
doc-pdf-unit-price = Cena jedn.
doc-pdf-discount = Rabat
doc-pdf-tax-rate = VAT
doc-pdf-net = Wartość
doc-pdf-subtotal = Razem netto
doc-pdf-tax = VAT { $rate } od { $taxable }
doc-pdf-total = Razem brutto
doc-pdf-paid = Zapłacono
doc-pdf-amount-due = Do zapłaty
doc-pdf-payment-terms = Warunki płatności
doc-pdf-iban = IBAN
doc-pdf-payment-reference = Tytuł przelewu
doc-pdf-note = Uwagi
doc-pdf-page = Strona { $page } z { $pages }
doc-pdf-unit-hour = godz.
doc-pdf-unit-day = dni
doc-file-missing = Nie można jeszcze utworzyć pliku: { $problems }
doc-file-not-now = W obecnym stanie dokumentu nie można utworzyć pliku: faktura UBL powstaje dopiero po wystawieniu faktury (i gdy nie jest anulowana), a usunięty dokument trzeba najpierw przywrócić.
doc-file-buyer = Klient
doc-file-buyer-company = Firma klienta
doc-file-buyer-peppol = Adres Peppol klienta
doc-file-buyer-country = Kraj klienta
doc-file-lines = Pozycje

# Pickers for linked records in forms, and the company's invoicing fields.
picker-hint = Pisz, aby wyszukać. Działa też dokładna nazwa, adres e-mail lub identyfikator.
picker-hint-name = Pisz, aby wyszukać. Działa też dokładna nazwa lub identyfikator.
picker-unknown = Nic, co możesz zobaczyć, do tego nie pasuje. Sprawdź pisownię lub wybierz podpowiedź.
picker-ambiguous = Pasuje kilka rekordów. Wpisz więcej z nazwy, adres e-mail lub wybierz podpowiedź.
picker-none = Brak wyników
field-vat-id = Numer VAT
field-vat-id-hint = Z prefiksem kraju, np. PL7251801126. Podaje go każda faktura dla firmy.
field-peppol-id = Adres Peppol
field-peppol-id-hint = W postaci schemat:id, np. 9945:PL7251801126. Na ten adres trafiają faktury elektroniczne.

## Tickets and queues.
nav-tickets = Zgłoszenia
settings-queues = Kolejki
form-new-ticket = Nowe zgłoszenie
tickets-title = Zgłoszenia
tickets-empty = Nie ma jeszcze zgłoszeń.
tickets-all = Wszystkie
tickets-mine = Moje
tickets-unassigned = Nieprzypisane
quick-views = Szybkie widoki
ticket-field-subject = Temat
ticket-field-number = Numer
ticket-field-priority = Priorytet
ticket-field-queue = Kolejka
ticket-field-assignee = Osoba odpowiedzialna
ticket-field-contact = Kontakt
ticket-field-updated = Ostatnia zmiana
ticket-field-type = Rodzaj
ticket-field-channel = Kanał
ticket-field-first-response = Pierwsza odpowiedź
ticket-field-first-response-due = Termin pierwszej odpowiedzi
ticket-field-resolution-due = Termin rozwiązania
ticket-field-solved = Rozwiązano
ticket-field-deal = Szansa sprzedaży
ticket-field-order = Zamówienie
ticket-field-follow-up-of = Kontynuacja zgłoszenia
ticket-field-merged-into = Scalono z
ticket-status-new = Nowe
ticket-status-open = Otwarte
ticket-status-pending = Oczekujące
ticket-status-on_hold = Wstrzymane
ticket-status-solved = Rozwiązane
ticket-status-closed = Zamknięte
ticket-priority-low = Niski
ticket-priority-normal = Normalny
ticket-priority-high = Wysoki
ticket-priority-urgent = Pilny
ticket-type-question = Pytanie
ticket-type-incident = Incydent
ticket-type-problem = Problem
ticket-type-task = Zadanie
ticket-channel-email = E-mail
ticket-channel-phone = Telefon
ticket-channel-portal = Portal
ticket-channel-chat = Czat
ticket-channel-web = Strona internetowa
ticket-channel-api = API
ticket-channel-sms = SMS
ticket-channel-social = Media społecznościowe
ticket-channel-other = Inny
queue-field-assignment = Przydział
queue-assignment-manual = Ręcznie
queue-assignment-round_robin = Po kolei
queue-assignment-fewest_open = Najmniej otwartych zgłoszeń
queue-assignment-skills = Według umiejętności
ticket-conversation = Rozmowa
ticket-no-messages = Nie ma jeszcze odpowiedzi ani notatek.
ticket-reply-kind = Rodzaj wiadomości
ticket-public-reply = Odpowiedź publiczna
ticket-internal-note = Notatka wewnętrzna
ticket-reply-body = Wiadomość
ticket-send = Wyślij
ticket-no-contact = Nie powiązano kontaktu.
panel-tickets = Zgłoszenia
panel-no-tickets = Brak zgłoszeń.
