//! What can be wrong with one field of an input, as a stable code with the values its
//! message names.
//!
//! The English text of each problem is what the JSON API and the command line show. The
//! pages show the same problem in the user's language: they look the code up as a
//! translation key (`invalid-<code>`) and give it the problem's values as variables.

use crate::entity::Entity;
use std::fmt;

/// One problem with one field. Each variant has a code of its own that never changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // Any field.
    Required,
    Empty,
    NotAString,
    NotABool,
    NotAList,
    NotAnObject,
    NotANumber,
    NotAnId,
    NotATime,
    NotADate,
    HasNul,
    TooLong {
        max: usize,
    },
    TooLongBytes {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    Length {
        min: usize,
        max: usize,
    },
    TooMany {
        max: usize,
    },
    OneOf {
        options: String,
    },
    EachOneOf {
        options: String,
    },
    IntRange {
        min: i64,
        max: i64,
    },

    // Records and their fields.
    BodyNotObject,
    KeptByRapport,
    UnknownField,
    CreateOnly,
    NotChangeableHere,
    ContactNeedsName,
    InteractionNeedsParent,
    SelectNeedsOption,
    NotTagNames,
    TagLength,
    KeyNotAllowed {
        key: String,
        allowed: String,
    },
    KeyTooLong {
        key: String,
        max: usize,
    },
    /// A problem with one item of a list, counted from 0.
    Item {
        index: usize,
        problem: Box<Problem>,
    },
    /// A problem with one part of an object, such as the `email` of a participant.
    Part {
        key: String,
        problem: Box<Problem>,
    },
    ParticipantEmpty,
    NotStrings,
    OptionLength,
    OptionTwice {
        option: String,
    },
    CustomNotObject,
    UnknownCustom,
    UnknownType {
        name: String,
    },
    MoneyShape,
    NoSuchRecord {
        entity: Entity,
    },
    NoSuchUser {
        id: String,
    },
    AssignOwnTeams,
    Taken,
    LinkMissing,
    AttachmentsUploaded,
    MergeSelf,
    MergeFrom,

    // Values a person types.
    BadEmail,
    PhoneCountry,
    PhoneUnreadable,
    PhoneInvalid,
    UrlScheme,
    BadUrl,
    BadDomain,
    BadColor,
    BadKey,
    BadTimeZone,
    BadCurrency,

    // List queries.
    CannotSort {
        name: String,
        fields: String,
    },
    DeletedParam,
    UnknownParameter,
    FilterShape,
    CannotFilter {
        name: String,
        fields: String,
    },
    UnknownOperator {
        op: String,
    },
    OperatorNotFor {
        op: String,
        field: String,
    },
    IsNullBool,
    InTooMany {
        max: usize,
    },
    ValuesTooLong {
        max: usize,
    },
    ValueNotAnId {
        value: String,
    },
    ValueNotWhole {
        value: String,
    },
    ValueNotATime {
        value: String,
    },
    BadCursor,
    BadSearchCursor,
    CursorOtherSort,

    // Access.
    UnknownScope {
        scope: String,
    },
    UnknownScopeResource {
        resource: String,
        scope: String,
    },
    ShareViewsRole,
    CodeWrong,
    BadSecret,
    TokenId,
    LoginFields,

    // Files.
    FileNameMissing,
    FileNameTooLong {
        max: usize,
    },
    /// The connection broke during an upload; the detail is for the API's English only.
    UploadBroke {
        detail: String,
    },
    FileEmpty,
    FileMissing,
    LogoType,

    // Requests.
    NotRequestField,
    BadId,

    // Sales.
    BadPercent,
    StageKeyTwice {
        key: String,
    },
    NoSuchStage {
        stages: String,
    },
    LeadNeedsIdentity,
    LeadNeedsChannel,
    SetByConverting,
    PriceTwice {
        product: String,
    },
    ReasonNeedsLost,
    // Document arithmetic (`money`): quantities, percentages and amounts.
    TooManyDecimals {
        max: usize,
    },
    DecimalRange {
        min: String,
        max: String,
    },
    AmountTooLarge,
    // Tasks.
    NeedsDueAt,
    // Sales documents.
    CurrencyDiffers {
        currency: String,
    },
    // Forecast ranges.
    EndsBeforeStart,
    TooManyMonths {
        max: usize,
    },
    // Seller details and documents written out.
    BadCountry,
    BadIban,
    BadBic,
    BadEndpoint,
    BadVatNumber,
    PriceListCurrency {
        currency: String,
    },
    /// A document that cannot be written out; the detail is for the API's English only.
    DocumentRefused {
        detail: String,
    },
    // Knowledge base.
    KbTranslationOfTranslation,
    KbSameLanguage,
    KbLanguageTaken {
        language: String,
    },
    KbCategoryTooDeep,
    // Tickets.
    CloseNeedsSolved,
    NewOnlyAtFirst,
}

/// A value a problem's message names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
    /// A problem inside this one (an item's or a part's), to be written out first.
    Problem(&'a Problem),
}

fn number(n: usize) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

impl Problem {
    /// A problem with the item at `index` of a list.
    pub fn item(index: usize, problem: Problem) -> Problem {
        Problem::Item {
            index,
            problem: Box::new(problem),
        }
    }

    /// A problem with the part `key` of an object.
    pub fn part(key: impl Into<String>, problem: Problem) -> Problem {
        Problem::Part {
            key: key.into(),
            problem: Box::new(problem),
        }
    }

    /// The problem's stable code; translations are keyed `invalid-<code>`.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Required => "required",
            Empty => "empty",
            NotAString => "not-a-string",
            NotABool => "not-a-bool",
            NotAList => "not-a-list",
            NotAnObject => "not-an-object",
            NotANumber => "not-a-number",
            NotAnId => "not-an-id",
            NotATime => "not-a-time",
            NotADate => "not-a-date",
            HasNul => "has-nul",
            TooLong { .. } => "too-long",
            TooLongBytes { .. } => "too-long-bytes",
            TooShort { .. } => "too-short",
            Length { .. } => "length",
            TooMany { .. } => "too-many",
            OneOf { .. } => "one-of",
            EachOneOf { .. } => "each-one-of",
            IntRange { .. } => "int-range",
            BodyNotObject => "body-not-object",
            KeptByRapport => "kept-by-rapport",
            UnknownField => "unknown-field",
            CreateOnly => "create-only",
            NotChangeableHere => "not-changeable-here",
            ContactNeedsName => "contact-needs-name",
            InteractionNeedsParent => "interaction-needs-parent",
            SelectNeedsOption => "select-needs-option",
            NotTagNames => "not-tag-names",
            TagLength => "tag-length",
            KeyNotAllowed { .. } => "key-not-allowed",
            KeyTooLong { .. } => "key-too-long",
            Item { .. } => "item",
            Part { .. } => "part",
            ParticipantEmpty => "participant-empty",
            NotStrings => "not-strings",
            OptionLength => "option-length",
            OptionTwice { .. } => "option-twice",
            CustomNotObject => "custom-not-object",
            UnknownCustom => "unknown-custom",
            UnknownType { .. } => "unknown-type",
            MoneyShape => "money-shape",
            NoSuchRecord { .. } => "no-such-record",
            NoSuchUser { .. } => "no-such-user",
            AssignOwnTeams => "assign-own-teams",
            Taken => "taken",
            LinkMissing => "link-missing",
            AttachmentsUploaded => "attachments-uploaded",
            MergeSelf => "merge-self",
            MergeFrom => "merge-from",
            BadEmail => "bad-email",
            PhoneCountry => "phone-country",
            PhoneUnreadable => "phone-unreadable",
            PhoneInvalid => "phone-invalid",
            UrlScheme => "url-scheme",
            BadUrl => "bad-url",
            BadDomain => "bad-domain",
            BadColor => "bad-color",
            BadKey => "bad-key",
            BadTimeZone => "bad-time-zone",
            BadCurrency => "bad-currency",
            CannotSort { .. } => "cannot-sort",
            DeletedParam => "deleted-param",
            UnknownParameter => "unknown-parameter",
            FilterShape => "filter-shape",
            CannotFilter { .. } => "cannot-filter",
            UnknownOperator { .. } => "unknown-operator",
            OperatorNotFor { .. } => "operator-not-for",
            IsNullBool => "is-null-bool",
            InTooMany { .. } => "in-too-many",
            ValuesTooLong { .. } => "values-too-long",
            ValueNotAnId { .. } => "value-not-an-id",
            ValueNotWhole { .. } => "value-not-whole",
            ValueNotATime { .. } => "value-not-a-time",
            BadCursor => "bad-cursor",
            BadSearchCursor => "bad-search-cursor",
            CursorOtherSort => "cursor-other-sort",
            UnknownScope { .. } => "unknown-scope",
            UnknownScopeResource { .. } => "unknown-scope-resource",
            ShareViewsRole => "share-views-role",
            CodeWrong => "code-wrong",
            BadSecret => "bad-secret",
            TokenId => "token-id",
            LoginFields => "login-fields",
            FileNameMissing => "file-name-missing",
            FileNameTooLong { .. } => "file-name-too-long",
            UploadBroke { .. } => "upload-broke",
            FileEmpty => "file-empty",
            FileMissing => "file-missing",
            LogoType => "logo-type",
            NotRequestField => "not-request-field",
            BadId => "bad-id",
            BadPercent => "bad-percent",
            StageKeyTwice { .. } => "stage-key-twice",
            NoSuchStage { .. } => "no-such-stage",
            LeadNeedsIdentity => "lead-needs-identity",
            LeadNeedsChannel => "lead-needs-channel",
            SetByConverting => "set-by-converting",
            PriceTwice { .. } => "price-twice",
            ReasonNeedsLost => "reason-needs-lost",
            CloseNeedsSolved => "close-needs-solved",
            NewOnlyAtFirst => "new-only-at-first",
            TooManyDecimals { .. } => "too-many-decimals",
            DecimalRange { .. } => "decimal-range",
            AmountTooLarge => "amount-too-large",
            NeedsDueAt => "needs-due-at",
            CurrencyDiffers { .. } => "currency-differs",
            EndsBeforeStart => "ends-before-start",
            TooManyMonths { .. } => "too-many-months",
            BadCountry => "bad-country",
            BadIban => "bad-iban",
            BadBic => "bad-bic",
            BadEndpoint => "bad-endpoint",
            BadVatNumber => "bad-vat-number",
            PriceListCurrency { .. } => "price-list-currency",
            DocumentRefused { .. } => "document-refused",
            KbTranslationOfTranslation => "kb-translation-of-translation",
            KbSameLanguage => "kb-same-language",
            KbLanguageTaken { .. } => "kb-language-taken",
            KbCategoryTooDeep => "kb-category-too-deep",
        }
    }

    /// The values the message names, by the variable names translations use.
    pub fn args(&self) -> Vec<(&'static str, Arg<'_>)> {
        use Problem::*;
        match self {
            TooLong { max }
            | TooLongBytes { max }
            | TooMany { max }
            | InTooMany { max }
            | ValuesTooLong { max }
            | FileNameTooLong { max } => vec![("max", number(*max))],
            TooShort { min } => vec![("min", number(*min))],
            Length { min, max } => vec![("min", number(*min)), ("max", number(*max))],
            OneOf { options } | EachOneOf { options } => vec![("options", Arg::Text(options))],
            IntRange { min, max } => vec![("min", Arg::Number(*min)), ("max", Arg::Number(*max))],
            KeyNotAllowed { key, allowed } => {
                vec![("key", Arg::Text(key)), ("allowed", Arg::Text(allowed))]
            }
            KeyTooLong { key, max } => vec![("key", Arg::Text(key)), ("max", number(*max))],
            Item { index, problem } => {
                vec![
                    ("index", number(*index)),
                    ("problem", Arg::Problem(problem)),
                ]
            }
            Part { key, problem } => {
                vec![("key", Arg::Text(key)), ("problem", Arg::Problem(problem))]
            }
            OptionTwice { option } => vec![("option", Arg::Text(option))],
            UnknownType { name } => vec![("name", Arg::Text(name))],
            MoneyShape => vec![("shape", Arg::Text(MONEY_SHAPE))],
            NoSuchRecord { entity } => vec![("kind", Arg::Text(entity.resource()))],
            NoSuchUser { id } => vec![("id", Arg::Text(id))],
            CannotSort { name, fields } | CannotFilter { name, fields } => {
                vec![("name", Arg::Text(name)), ("fields", Arg::Text(fields))]
            }
            UnknownOperator { op } => vec![("op", Arg::Text(op))],
            OperatorNotFor { op, field } => {
                vec![("op", Arg::Text(op)), ("field", Arg::Text(field))]
            }
            ValueNotAnId { value } | ValueNotWhole { value } | ValueNotATime { value } => {
                vec![("value", Arg::Text(value))]
            }
            UnknownScope { scope } => vec![("scope", Arg::Text(scope))],
            UploadBroke { detail } => vec![("detail", Arg::Text(detail))],
            StageKeyTwice { key } => vec![("key", Arg::Text(key))],
            NoSuchStage { stages } => vec![("stages", Arg::Text(stages))],
            CurrencyDiffers { currency } | PriceListCurrency { currency } => {
                vec![("currency", Arg::Text(currency))]
            }
            TooManyMonths { max } => vec![("max", number(*max))],
            DocumentRefused { detail } => vec![("detail", Arg::Text(detail))],
            KbLanguageTaken { language } => vec![("language", Arg::Text(language))],
            PriceTwice { product } => vec![("product", Arg::Text(product))],
            UnknownScopeResource { resource, scope } => {
                vec![
                    ("resource", Arg::Text(resource)),
                    ("scope", Arg::Text(scope)),
                ]
            }
            TooManyDecimals { max } => vec![("max", number(*max))],
            DecimalRange { min, max } => vec![("min", Arg::Text(min)), ("max", Arg::Text(max))],
            _ => Vec::new(),
        }
    }

    /// One problem of each kind, with made-up values, for checks that every code is
    /// translated.
    pub fn examples() -> Vec<Problem> {
        use Problem::*;
        let s = |t: &str| t.to_string();
        vec![
            Required,
            Empty,
            NotAString,
            NotABool,
            NotAList,
            NotAnObject,
            NotANumber,
            NotAnId,
            NotATime,
            NotADate,
            HasNul,
            TooLong { max: 200 },
            TooLongBytes { max: 1024 },
            TooShort { min: 10 },
            Length { min: 1, max: 100 },
            TooMany { max: 50 },
            OneOf {
                options: s("lead, customer"),
            },
            EachOneOf {
                options: s("gold, silver"),
            },
            IntRange { min: 1, max: 500 },
            BodyNotObject,
            KeptByRapport,
            UnknownField,
            CreateOnly,
            NotChangeableHere,
            ContactNeedsName,
            InteractionNeedsParent,
            SelectNeedsOption,
            NotTagNames,
            TagLength,
            KeyNotAllowed {
                key: s("street3"),
                allowed: s("street, city"),
            },
            KeyTooLong {
                key: s("city"),
                max: 200,
            },
            Problem::item(2, Problem::part("email", BadEmail)),
            Problem::part("phone", PhoneInvalid),
            ParticipantEmpty,
            NotStrings,
            OptionLength,
            OptionTwice { option: s("gold") },
            CustomNotObject,
            UnknownCustom,
            UnknownType { name: s("colour") },
            MoneyShape,
            NoSuchRecord {
                entity: Entity::Company,
            },
            NoSuchUser {
                id: s("01900000-0000-7000-8000-000000000000"),
            },
            AssignOwnTeams,
            Taken,
            LinkMissing,
            AttachmentsUploaded,
            MergeSelf,
            MergeFrom,
            BadEmail,
            PhoneCountry,
            PhoneUnreadable,
            PhoneInvalid,
            UrlScheme,
            BadUrl,
            BadDomain,
            BadColor,
            BadKey,
            BadTimeZone,
            BadCurrency,
            CannotSort {
                name: s("colour"),
                fields: s("name, created_at"),
            },
            DeletedParam,
            UnknownParameter,
            FilterShape,
            CannotFilter {
                name: s("colour"),
                fields: s("name, email"),
            },
            UnknownOperator { op: s("like") },
            OperatorNotFor {
                op: s("contains"),
                field: s("created_at"),
            },
            IsNullBool,
            InTooMany { max: 100 },
            ValuesTooLong { max: 500 },
            ValueNotAnId { value: s("abc") },
            ValueNotWhole { value: s("1.5") },
            ValueNotATime {
                value: s("yesterday"),
            },
            BadCursor,
            BadSearchCursor,
            CursorOtherSort,
            UnknownScope { scope: s("admin") },
            UnknownScopeResource {
                resource: s("ships"),
                scope: s("ships:read"),
            },
            ShareViewsRole,
            CodeWrong,
            BadSecret,
            TokenId,
            LoginFields,
            FileNameMissing,
            FileNameTooLong { max: 255 },
            UploadBroke {
                detail: s("connection reset"),
            },
            FileEmpty,
            FileMissing,
            LogoType,
            NotRequestField,
            BadId,
            BadPercent,
            StageKeyTwice { key: s("won") },
            NoSuchStage {
                stages: s("new, proposal"),
            },
            LeadNeedsIdentity,
            LeadNeedsChannel,
            SetByConverting,
            PriceTwice {
                product: s("01900000-0000-7000-8000-000000000000"),
            },
            ReasonNeedsLost,
            TooManyDecimals { max: 4 },
            DecimalRange {
                min: s("0"),
                max: s("100"),
            },
            AmountTooLarge,
            NeedsDueAt,
            CurrencyDiffers { currency: s("NOK") },
            EndsBeforeStart,
            TooManyMonths { max: 120 },
            BadCountry,
            BadIban,
            BadBic,
            BadEndpoint,
            BadVatNumber,
            PriceListCurrency { currency: s("SEK") },
            DocumentRefused {
                detail: s("buyer_reference is required"),
            },
            KbTranslationOfTranslation,
            KbSameLanguage,
            KbLanguageTaken { language: s("de") },
            KbCategoryTooDeep,
            CloseNeedsSolved,
            NewOnlyAtFirst,
        ]
    }
}

const MONEY_SHAPE: &str = "{\"amount_minor\": 1234, \"currency\": \"EUR\"}";

/// The problem in English, as the API and the command line say it.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            Required => f.write_str("is required"),
            Empty => f.write_str("must not be empty"),
            NotAString => f.write_str("must be a string"),
            NotABool => f.write_str("must be true or false"),
            NotAList => f.write_str("must be a list"),
            NotAnObject => f.write_str("must be an object"),
            NotANumber => f.write_str("must be a number"),
            NotAnId => f.write_str("must be an id (a UUID)"),
            NotATime => f.write_str("must be an RFC 3339 time, such as 2026-01-31T14:00:00Z"),
            NotADate => f.write_str("must be a date such as 2026-01-31"),
            HasNul => f.write_str("must not contain NUL characters"),
            TooLong { max } => write!(f, "must be at most {max} characters"),
            TooLongBytes { max } => write!(f, "must be at most {max} bytes"),
            TooShort { min } => write!(f, "must be at least {min} characters"),
            Length { min, max } => write!(f, "must be {min} to {max} characters"),
            TooMany { max } => write!(f, "must hold at most {max} items"),
            OneOf { options } => write!(f, "must be one of: {options}"),
            EachOneOf { options } => write!(f, "each item must be one of: {options}"),
            IntRange { min, max } => write!(f, "must be a whole number from {min} to {max}"),
            BodyNotObject => f.write_str("the body must be a JSON object"),
            KeptByRapport => f.write_str("is kept by Rapport and cannot be set"),
            UnknownField => f.write_str("is not a field of this resource"),
            CreateOnly => f.write_str("cannot be changed after creation"),
            NotChangeableHere => f.write_str("cannot be changed here"),
            ContactNeedsName => f.write_str("a contact needs a first name or a last name"),
            InteractionNeedsParent => {
                f.write_str("an interaction needs a contact_id or a company_id")
            }
            SelectNeedsOption => f.write_str("a select field needs at least one option"),
            NotTagNames => f.write_str("must be a list of tag names"),
            TagLength => f.write_str("each tag must be 1 to 64 characters"),
            KeyNotAllowed { key, allowed } => {
                write!(f, "{key:?} is not allowed here; use {allowed}")
            }
            KeyTooLong { key, max } => {
                write!(f, "{key} must be a string of at most {max} characters")
            }
            Item { index, problem } => write!(f, "item {index}: {problem}"),
            Part { key, problem } => write!(f, "{key} {problem}"),
            ParticipantEmpty => f.write_str("needs a name, email, phone or user_id"),
            NotStrings => f.write_str("must be a list of strings"),
            OptionLength => f.write_str("each option must be 1 to 100 characters"),
            OptionTwice { option } => write!(f, "option {option:?} appears twice"),
            CustomNotObject => f.write_str("must be an object of custom field values"),
            UnknownCustom => f.write_str("is not a custom field of this resource"),
            UnknownType { name } => write!(f, "has an unknown type {name:?}"),
            MoneyShape => write!(f, "must be {MONEY_SHAPE}"),
            NoSuchRecord { entity } => write!(f, "no {} with this id", entity.singular()),
            NoSuchUser { id } => write!(f, "no user with id {id}"),
            AssignOwnTeams => f.write_str("you may assign records only to yourself or your teams"),
            Taken => f.write_str("is already taken"),
            LinkMissing => f.write_str("a linked record does not exist"),
            AttachmentsUploaded => {
                f.write_str("attachments are uploaded to a record's attachments")
            }
            MergeSelf => f.write_str("cannot merge a record into itself"),
            MergeFrom => f.write_str("must be the id of the record to merge in"),
            BadEmail => f.write_str("is not a valid email address"),
            PhoneCountry => f.write_str("must start with a country code, such as +47 or +49"),
            PhoneUnreadable => f.write_str("cannot be read as a phone number in E.164 form"),
            PhoneInvalid => f.write_str("is not a valid phone number for its country code"),
            UrlScheme => f.write_str("must be an http:// or https:// address"),
            BadUrl => f.write_str("is not a valid web address"),
            BadDomain => f.write_str("is not a valid domain name, such as example.com"),
            BadColor => f.write_str("must be a colour such as #1f6feb"),
            BadKey => f.write_str(
                "must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 64)",
            ),
            BadTimeZone => f.write_str("is not a known time zone, such as Europe/Oslo"),
            BadCurrency => {
                f.write_str("must be a three-letter ISO 4217 currency code, such as EUR")
            }
            CannotSort { name, fields } => {
                write!(f, "cannot sort by {name:?}; sortable fields: {fields}")
            }
            DeletedParam => f.write_str("must be exclude or only"),
            UnknownParameter => f.write_str("is not a known query parameter"),
            FilterShape => f.write_str("must look like filter[field] or filter[field][op]"),
            CannotFilter { name, fields } => {
                write!(f, "cannot filter by {name:?}; filterable fields: {fields}")
            }
            UnknownOperator { op } => write!(
                f,
                "unknown operator {op:?}; use eq, ne, lt, lte, gt, gte, contains, in or is_null"
            ),
            OperatorNotFor { op, field } => write!(f, "operator {op} does not apply to {field}"),
            IsNullBool => f.write_str("is_null takes true or false"),
            InTooMany { max } => write!(f, "in takes at most {max} values"),
            ValuesTooLong { max } => write!(f, "values must be at most {max} characters"),
            ValueNotAnId { value } => write!(f, "{value:?} is not an id"),
            ValueNotWhole { value } => write!(f, "{value:?} is not a whole number"),
            ValueNotATime { value } => {
                write!(
                    f,
                    "{value:?} is not a date (2026-01-31) or an RFC 3339 time"
                )
            }
            BadCursor => f.write_str("is not a cursor this list gave out"),
            BadSearchCursor => f.write_str("is not a cursor this search gave out"),
            CursorOtherSort => {
                f.write_str("belongs to a different sort; start again without a cursor")
            }
            UnknownScope { scope } => {
                write!(
                    f,
                    "unknown scope {scope:?}: use read, write or RESOURCE:read|write"
                )
            }
            UnknownScopeResource { resource, scope } => {
                write!(f, "unknown resource {resource:?} in scope {scope:?}")
            }
            ShareViewsRole => f.write_str("only managers and administrators share views"),
            CodeWrong => f.write_str("is not the current code"),
            BadSecret => f.write_str("is not a valid secret"),
            TokenId => f.write_str("must be a token id (a UUID) as `rapport token list` shows it"),
            LoginFields => f.write_str("email and password are required"),
            FileNameMissing => f.write_str("needs a file name"),
            FileNameTooLong { max } => {
                write!(f, "the file name must be at most {max} characters")
            }
            UploadBroke { detail } => write!(f, "the upload broke off: {detail}"),
            FileEmpty => f.write_str("is empty"),
            FileMissing => {
                f.write_str("is required: send the file as a multipart field named file")
            }
            LogoType => f.write_str("must be a PNG, JPEG or WebP image"),
            NotRequestField => f.write_str("is not a field of this request"),
            BadId => f.write_str("is not a valid id"),
            BadPercent => {
                f.write_str("must be a percentage from 0 to 100 with at most two decimals")
            }
            StageKeyTwice { key } => write!(f, "the stage key {key:?} is used twice"),
            NoSuchStage { stages } => {
                write!(f, "must be one of the pipeline's stages: {stages}")
            }
            LeadNeedsIdentity => f.write_str(
                "a lead needs a name, a company name, an email address or a phone number",
            ),
            LeadNeedsChannel => f.write_str("give an email address or a phone number"),
            SetByConverting => f.write_str("is set by converting the lead"),
            PriceTwice { product } => write!(f, "product {product} has more than one price"),
            ReasonNeedsLost => f.write_str("only a lost deal has a reason it was lost"),
            CloseNeedsSolved => f.write_str("only a solved ticket may be closed"),
            NewOnlyAtFirst => f.write_str("a ticket that was worked on does not become new again"),
            TooManyDecimals { max } => write!(f, "must have at most {max} decimal places"),
            DecimalRange { min, max } => write!(f, "must be a number from {min} to {max}"),
            AmountTooLarge => f.write_str("leads to an amount too large to hold"),
            NeedsDueAt => f.write_str("needs a due time"),
            CurrencyDiffers { currency } => write!(
                f,
                "the product is priced in {currency}, not in the document's currency"
            ),
            EndsBeforeStart => f.write_str("must not be before the start of the range"),
            TooManyMonths { max } => write!(f, "the range may span at most {max} months"),
            BadCountry => f.write_str("must be a two-letter ISO 3166 country code, such as NO"),
            BadIban => f.write_str("is not a valid IBAN; its check digits do not hold"),
            BadBic => f.write_str("must be a BIC of 8 or 11 letters and digits"),
            BadEndpoint => {
                f.write_str("must be a four-digit EAS scheme and an id, such as 0192:987654321")
            }
            BadVatNumber => f.write_str(
                "must be a VAT identifier that starts with its country prefix, such as NO987654321MVA",
            ),
            PriceListCurrency { currency } => write!(
                f,
                "the price list is in {currency}, not in the document's currency"
            ),
            DocumentRefused { detail } => write!(f, "cannot be written out: {detail}"),
            KbTranslationOfTranslation => {
                f.write_str("must be an article in its original language, not a translation")
            }
            KbSameLanguage => {
                f.write_str("a translation needs another language than its original")
            }
            KbLanguageTaken { language } => {
                write!(f, "this article already has a translation in {language}")
            }
            KbCategoryTooDeep => {
                f.write_str("must be a top-level category: categories go one level deep")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Each variant's place in the list; a new variant fails to compile here until it is
    /// counted, and then the examples must hold it too.
    fn place(p: &Problem) -> usize {
        use Problem::*;
        match p {
            Required => 0,
            Empty => 1,
            NotAString => 2,
            NotABool => 3,
            NotAList => 4,
            NotAnObject => 5,
            NotANumber => 6,
            NotAnId => 7,
            NotATime => 8,
            NotADate => 9,
            HasNul => 10,
            TooLong { .. } => 11,
            TooLongBytes { .. } => 12,
            TooShort { .. } => 13,
            Length { .. } => 14,
            TooMany { .. } => 15,
            OneOf { .. } => 16,
            EachOneOf { .. } => 17,
            IntRange { .. } => 18,
            BodyNotObject => 19,
            KeptByRapport => 20,
            UnknownField => 21,
            CreateOnly => 22,
            NotChangeableHere => 23,
            ContactNeedsName => 24,
            InteractionNeedsParent => 25,
            SelectNeedsOption => 26,
            NotTagNames => 27,
            TagLength => 28,
            KeyNotAllowed { .. } => 29,
            KeyTooLong { .. } => 30,
            Item { .. } => 31,
            Part { .. } => 32,
            ParticipantEmpty => 33,
            NotStrings => 34,
            OptionLength => 35,
            OptionTwice { .. } => 36,
            CustomNotObject => 37,
            UnknownCustom => 38,
            UnknownType { .. } => 39,
            MoneyShape => 40,
            NoSuchRecord { .. } => 41,
            NoSuchUser { .. } => 42,
            AssignOwnTeams => 43,
            Taken => 44,
            LinkMissing => 45,
            AttachmentsUploaded => 46,
            MergeSelf => 47,
            MergeFrom => 48,
            BadEmail => 49,
            PhoneCountry => 50,
            PhoneUnreadable => 51,
            PhoneInvalid => 52,
            UrlScheme => 53,
            BadUrl => 54,
            BadDomain => 55,
            BadColor => 56,
            BadKey => 57,
            BadTimeZone => 58,
            BadCurrency => 59,
            CannotSort { .. } => 60,
            DeletedParam => 61,
            UnknownParameter => 62,
            FilterShape => 63,
            CannotFilter { .. } => 64,
            UnknownOperator { .. } => 65,
            OperatorNotFor { .. } => 66,
            IsNullBool => 67,
            InTooMany { .. } => 68,
            ValuesTooLong { .. } => 69,
            ValueNotAnId { .. } => 70,
            ValueNotWhole { .. } => 71,
            ValueNotATime { .. } => 72,
            BadCursor => 73,
            BadSearchCursor => 74,
            CursorOtherSort => 75,
            UnknownScope { .. } => 76,
            UnknownScopeResource { .. } => 77,
            ShareViewsRole => 78,
            CodeWrong => 79,
            BadSecret => 80,
            TokenId => 81,
            LoginFields => 82,
            FileNameMissing => 83,
            FileNameTooLong { .. } => 84,
            UploadBroke { .. } => 85,
            FileEmpty => 86,
            FileMissing => 87,
            LogoType => 88,
            NotRequestField => 89,
            BadId => 90,
            BadPercent => 91,
            StageKeyTwice { .. } => 92,
            NoSuchStage { .. } => 93,
            LeadNeedsIdentity => 94,
            LeadNeedsChannel => 95,
            SetByConverting => 96,
            PriceTwice { .. } => 97,
            ReasonNeedsLost => 98,
            TooManyDecimals { .. } => 99,
            DecimalRange { .. } => 100,
            AmountTooLarge => 101,
            NeedsDueAt => 102,
            CurrencyDiffers { .. } => 103,
            EndsBeforeStart => 104,
            TooManyMonths { .. } => 105,
            BadCountry => 106,
            BadIban => 107,
            BadBic => 108,
            BadEndpoint => 109,
            PriceListCurrency { .. } => 110,
            DocumentRefused { .. } => 111,
            BadVatNumber => 112,
            KbTranslationOfTranslation => 113,
            KbSameLanguage => 114,
            KbLanguageTaken { .. } => 115,
            KbCategoryTooDeep => 116,
            CloseNeedsSolved => 117,
            NewOnlyAtFirst => 118,
        }
    }
    const VARIANTS: usize = 119;

    #[test]
    fn the_examples_hold_every_problem_once_and_every_code_is_its_own() {
        let examples = Problem::examples();
        let places: BTreeSet<usize> = examples.iter().map(place).collect();
        assert_eq!(places.len(), VARIANTS, "one example of each variant");
        assert_eq!(examples.len(), VARIANTS, "and no more");
        assert!(places.iter().all(|p| *p < VARIANTS));
        let codes: BTreeSet<&str> = examples.iter().map(Problem::code).collect();
        assert_eq!(codes.len(), VARIANTS, "no two variants share a code");
        for code in codes {
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{code} can be a translation key"
            );
        }
    }

    #[test]
    fn english_names_the_values() {
        assert_eq!(
            Problem::TooLong { max: 200 }.to_string(),
            "must be at most 200 characters"
        );
        assert_eq!(
            Problem::item(2, Problem::part("email", Problem::BadEmail)).to_string(),
            "item 2: email is not a valid email address"
        );
        assert_eq!(
            Problem::NoSuchRecord {
                entity: Entity::CustomField
            }
            .to_string(),
            "no custom field with this id"
        );
        let nested = Problem::item(0, Problem::Required);
        let args = nested.args();
        assert_eq!(args[0], ("index", Arg::Number(0)));
        assert_eq!(args[1], ("problem", Arg::Problem(&Problem::Required)));
        assert_eq!(
            Problem::NoSuchRecord {
                entity: Entity::CustomField
            }
            .args(),
            [("kind", Arg::Text("custom-fields"))]
        );
    }
}
