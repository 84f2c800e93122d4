//! The shape of every record kind: its table, its fields, how each field is validated,
//! and which fields may be filtered, sorted and searched.
//!
//! These tables are the allowlist: the store builds SQL only from the names written here.

use serde::{Deserialize, Serialize};

/// A kind of record that has history, an API resource and (mostly) a table of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Company,
    Contact,
    Interaction,
    Tag,
    CustomField,
    User,
    Team,
    Attachment,
    Lead,
    Pipeline,
    Deal,
    Product,
    PriceList,
    Task,
    Quote,
    Order,
    Invoice,
    Payment,
    KbCategory,
    KbArticle,
    Queue,
    Ticket,
    TicketMessage,
}

/// How a field is stored: the store binds and decodes values by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Uuid,
    Text,
    Int,
    Bool,
    Time,
    Json,
}

/// Who may set a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Kept by Rapport itself (id, version, timestamps).
    System,
    /// Set by the client on create and update.
    Write,
    /// Set by the client on create only.
    CreateOnly,
}

/// How a client's value for a field is checked and normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    None,
    Text {
        max: usize,
    },
    Email,
    /// An email address that signs a user in: compared without regard to case.
    LoginEmail,
    Phone,
    Url,
    Domain,
    Color,
    Key,
    Enum(&'static [&'static str]),
    Ref(Entity),
    Int {
        min: i64,
        max: i64,
    },
    Time,
    Bool,
    /// A list of tag names.
    Tags,
    /// A list of `{label, email}`.
    Emails,
    /// A list of `{label, phone}`.
    Phones,
    /// A postal address object.
    Address,
    /// A list of interaction participants.
    Participants,
    /// Custom field values, checked against their definitions.
    Custom,
    /// The options of a select custom field.
    Options,
    /// A list of user ids.
    Members,
    /// An IANA time zone name.
    TimeZone,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An ISO 4217 currency code.
    Currency,
    /// A percentage from 0 to 100 with up to two decimals, kept as its decimal text.
    Percent,
    /// A pipeline's stages: `{key, name, probability}` in board order.
    Stages,
    /// A list of ids of records of one entity.
    Refs(Entity),
    /// A price list's prices: `{product_id, unit_price}`.
    Prices,
    /// A recurrence rule in the JSON shape `rapport_core::recurrence` reads.
    Recurrence,
    /// A sales document's lines: `{product_id | description, quantity, unit_price,
    /// discount_percent, tax_rate, unit}`, each checked through `money`.
    Lines,
    /// HTML, sanitised to an allowlist of tags and attributes (`kb::sanitise`).
    Html {
        max: usize,
    },
}

/// One field of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub rule: Rule,
    pub access: Access,
    pub required: bool,
    /// Whether the stored value is never NULL (keyset pagination relies on it).
    pub not_null: bool,
    pub filter: bool,
    pub sort: bool,
    pub search: bool,
}

const fn f(name: &'static str, ty: FieldType, rule: Rule) -> Field {
    Field {
        name,
        ty,
        rule,
        access: Access::Write,
        required: false,
        not_null: false,
        filter: true,
        sort: false,
        search: false,
    }
}

impl Field {
    const fn sortable(mut self) -> Self {
        self.sort = true;
        self
    }
    const fn required(mut self) -> Self {
        self.required = true;
        self.not_null = true;
        self
    }
    /// Never NULL once stored, though the client may leave it out (a default applies).
    const fn always(mut self) -> Self {
        self.not_null = true;
        self
    }
    const fn searched(mut self) -> Self {
        self.search = true;
        self
    }
    const fn unfiltered(mut self) -> Self {
        self.filter = false;
        self
    }
    const fn create_only(mut self) -> Self {
        self.access = Access::CreateOnly;
        self
    }
    const fn system(mut self) -> Self {
        self.access = Access::System;
        self
    }
}

use FieldType as T;

/// Names of the bookkeeping fields every record has.
pub const META_FIELDS: [&str; 6] = [
    "id",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
    "created_by",
];

const META: [Field; 6] = [
    f("id", T::Uuid, Rule::None).system().always(),
    f("version", T::Int, Rule::None)
        .system()
        .unfiltered()
        .always(),
    f("created_at", T::Time, Rule::None)
        .system()
        .sortable()
        .always(),
    f("updated_at", T::Time, Rule::None)
        .system()
        .sortable()
        .always(),
    f("deleted_at", T::Time, Rule::None).system(),
    f("created_by", T::Uuid, Rule::None).system(),
];

pub const LIFECYCLE_STAGES: &[&str] = &[
    "subscriber",
    "lead",
    "marketing_qualified",
    "sales_qualified",
    "opportunity",
    "customer",
    "evangelist",
    "other",
];
pub const INTERACTION_KINDS: &[&str] = &[
    "note", "email", "call", "sms", "chat", "meeting", "task", "system",
];
/// The longest a meeting's location may be: room for a long video call link.
pub const MAX_LOCATION: usize = 500;
pub const DIRECTIONS: &[&str] = &["inbound", "outbound", "internal"];
pub const SOURCES: &[&str] = &[
    "ui",
    "api",
    "import",
    "email",
    "phone",
    "sms",
    "chat",
    "automation",
];
pub const ROLES: &[&str] = &["admin", "manager", "agent", "viewer"];
pub const CUSTOM_ENTITIES: &[&str] = &[
    "companies",
    "contacts",
    "interactions",
    "leads",
    "deals",
    "tickets",
];
pub const CUSTOM_TYPES: &[&str] = &[
    "text",
    "number",
    "date",
    "bool",
    "select",
    "multiselect",
    "url",
    "email",
    "phone",
    "money",
];
pub const LOCALES: &[&str] = &["en", "de", "es", "pl", "nb"];
/// Where a lead came from.
pub const LEAD_SOURCES: &[&str] = &[
    "manual",
    "web_form",
    "api",
    "import",
    "referral",
    "event",
    "advertising",
    "partner",
    "social",
    "cold_call",
    "email",
    "other",
];
/// A lead's progress; `converted` is set only by converting it.
pub const LEAD_STATUSES: &[&str] = &["new", "contacted", "qualified", "disqualified", "converted"];
/// Units a product is sold in, as UN/ECE Recommendation 20 codes (what e-invoices carry):
/// one, piece, hour, day, week, month, year, kilogram, metre, litre, square metre, set.
pub const UNITS: &[&str] = &[
    "C62", "H87", "HUR", "DAY", "WEE", "MON", "ANN", "KGM", "MTR", "LTR", "MTK", "SET",
];
/// A deal is open on its pipeline's board until it is won or lost.
pub const DEAL_STATUSES: &[&str] = &["open", "won", "lost"];

const COMPANY: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 200 })
        .required()
        .sortable()
        .searched(),
    f("domain", T::Text, Rule::Domain).sortable().searched(),
    f("industry", T::Text, Rule::Text { max: 100 }).sortable(),
    f("size", T::Text, Rule::Text { max: 50 }),
    f("phone", T::Text, Rule::Phone).searched(),
    f("website", T::Text, Rule::Url),
    f("address", T::Json, Rule::Address).unfiltered(),
    // What an invoice to the company names: its VAT identifier with the country prefix,
    // and its Peppol electronic address as `scheme:id`.
    f("vat_id", T::Text, Rule::Text { max: 32 }),
    f("peppol_id", T::Text, Rule::Text { max: 100 }),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("tags", T::Json, Rule::Tags),
    f("custom", T::Json, Rule::Custom).unfiltered(),
];

const CONTACT: &[Field] = &[
    f("first_name", T::Text, Rule::Text { max: 100 })
        .sortable()
        .searched(),
    f("last_name", T::Text, Rule::Text { max: 100 })
        .sortable()
        .searched(),
    f("email", T::Text, Rule::Email).sortable().searched(),
    f("phone", T::Text, Rule::Phone).searched(),
    f("emails", T::Json, Rule::Emails).unfiltered().searched(),
    f("phones", T::Json, Rule::Phones).unfiltered().searched(),
    f("title", T::Text, Rule::Text { max: 200 }).sortable(),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("lifecycle_stage", T::Text, Rule::Enum(LIFECYCLE_STAGES)).sortable(),
    f("tags", T::Json, Rule::Tags),
    f("custom", T::Json, Rule::Custom).unfiltered(),
];

const INTERACTION: &[Field] = &[
    f("kind", T::Text, Rule::Enum(INTERACTION_KINDS)).required(),
    f("direction", T::Text, Rule::Enum(DIRECTIONS)).always(),
    f("occurred_at", T::Time, Rule::Time).sortable().always(),
    f("subject", T::Text, Rule::Text { max: 500 }).searched(),
    f("body", T::Text, Rule::Text { max: 100_000 }).searched(),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f(
        "duration_seconds",
        T::Int,
        Rule::Int {
            min: 0,
            max: 604_800,
        },
    )
    .sortable(),
    f("participants", T::Json, Rule::Participants).unfiltered(),
    // Where a meeting takes place: a room, an address or a video call's link.
    f("location", T::Text, Rule::Text { max: MAX_LOCATION }),
    f("source", T::Text, Rule::Enum(SOURCES)).always(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("custom", T::Json, Rule::Custom).unfiltered(),
];

const TAG: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 64 })
        .required()
        .sortable(),
    f("color", T::Text, Rule::Color),
    f("description", T::Text, Rule::Text { max: 500 }).unfiltered(),
];

const CUSTOM_FIELD: &[Field] = &[
    f("entity", T::Text, Rule::Enum(CUSTOM_ENTITIES))
        .required()
        .create_only()
        .sortable(),
    f("key", T::Text, Rule::Key)
        .required()
        .create_only()
        .sortable(),
    f("label", T::Text, Rule::Text { max: 100 })
        .required()
        .sortable(),
    f("field_type", T::Text, Rule::Enum(CUSTOM_TYPES))
        .required()
        .create_only(),
    f("options", T::Json, Rule::Options).unfiltered(),
    f("required", T::Bool, Rule::Bool).always(),
];

const USER: &[Field] = &[
    f("email", T::Text, Rule::Email).required().sortable(),
    f("name", T::Text, Rule::Text { max: 200 })
        .required()
        .sortable(),
    f("role", T::Text, Rule::Enum(ROLES)).required().sortable(),
    f("locale", T::Text, Rule::Enum(LOCALES)),
    f("time_zone", T::Text, Rule::TimeZone).unfiltered(),
    f("active", T::Bool, Rule::Bool).always(),
];

const TEAM: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 100 })
        .required()
        .sortable(),
    f("description", T::Text, Rule::Text { max: 500 }).unfiltered(),
    f("members", T::Json, Rule::Members).unfiltered(),
];

const ATTACHMENT: &[Field] = &[
    f("record_type", T::Text, Rule::None).system(),
    f("record_id", T::Uuid, Rule::None).system(),
    f("file_name", T::Text, Rule::Text { max: 255 })
        .sortable()
        .always(),
    f("content_type", T::Text, Rule::None).system(),
    f("size_bytes", T::Int, Rule::None)
        .system()
        .sortable()
        .always(),
    f("sha256", T::Text, Rule::None).system().unfiltered(),
    f("owner_id", T::Uuid, Rule::None).system(),
];

const LEAD: &[Field] = &[
    f("first_name", T::Text, Rule::Text { max: 100 })
        .sortable()
        .searched(),
    f("last_name", T::Text, Rule::Text { max: 100 })
        .sortable()
        .searched(),
    f("email", T::Text, Rule::Email).sortable().searched(),
    f("phone", T::Text, Rule::Phone).searched(),
    f("company_name", T::Text, Rule::Text { max: 200 })
        .sortable()
        .searched(),
    f("title", T::Text, Rule::Text { max: 200 }),
    f("website", T::Text, Rule::Url),
    f("source", T::Text, Rule::Enum(LEAD_SOURCES))
        .sortable()
        .always(),
    f("status", T::Text, Rule::Enum(LEAD_STATUSES))
        .sortable()
        .always(),
    f("score", T::Int, Rule::Int { min: 0, max: 100 }).sortable(),
    f("message", T::Text, Rule::Text { max: 10_000 }).searched(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("converted_at", T::Time, Rule::None).system().sortable(),
    f("contact_id", T::Uuid, Rule::None).system(),
    f("company_id", T::Uuid, Rule::None).system(),
    f("deal_id", T::Uuid, Rule::None).system(),
    f("tags", T::Json, Rule::Tags),
    f("custom", T::Json, Rule::Custom).unfiltered(),
];

const PIPELINE: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 100 })
        .required()
        .sortable(),
    f("stages", T::Json, Rule::Stages).required().unfiltered(),
    f(
        "position",
        T::Int,
        Rule::Int {
            min: 0,
            max: 10_000,
        },
    )
    .sortable()
    .always(),
];

const DEAL: &[Field] = &[
    f("title", T::Text, Rule::Text { max: 200 })
        .required()
        .sortable()
        .searched(),
    f("pipeline_id", T::Uuid, Rule::Ref(Entity::Pipeline)).always(),
    f("stage", T::Text, Rule::Key).always(),
    f("status", T::Text, Rule::Enum(DEAL_STATUSES))
        .sortable()
        .always(),
    f(
        "amount",
        T::Int,
        Rule::Int {
            min: 0,
            max: MAX_MINOR_UNITS,
        },
    )
    .sortable(),
    f("currency", T::Text, Rule::Currency),
    f("expected_close", T::Text, Rule::Date).sortable(),
    f("probability", T::Int, Rule::Int { min: 0, max: 100 }).sortable(),
    f("lost_reason", T::Text, Rule::Text { max: 500 }),
    f("closed_at", T::Time, Rule::None).system().sortable(),
    // Every deal enters its first stage when it is made, so the board can read a stage's
    // deals in the order of its index, which a sort that places NULLs would forbid.
    f("stage_entered_at", T::Time, Rule::None)
        .system()
        .sortable()
        .always(),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("contact_ids", T::Json, Rule::Refs(Entity::Contact)).unfiltered(),
    f("lead_id", T::Uuid, Rule::None).system(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("description", T::Text, Rule::Text { max: 10_000 }).searched(),
    f("tags", T::Json, Rule::Tags),
    f("custom", T::Json, Rule::Custom).unfiltered(),
    // Line items priced like a document's; when there are any, `amount` is their net
    // total. Deals stored before line items existed hold none (NULL).
    f("lines", T::Json, Rule::Lines).unfiltered(),
];

const PRODUCT: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 200 })
        .required()
        .sortable()
        .searched(),
    f("code", T::Text, Rule::Text { max: 64 })
        .sortable()
        .searched(),
    f("description", T::Text, Rule::Text { max: 5_000 }).searched(),
    f(
        "unit_price",
        T::Int,
        Rule::Int {
            min: 0,
            max: MAX_MINOR_UNITS,
        },
    )
    .sortable()
    .always(),
    f("currency", T::Text, Rule::Currency).always(),
    f("tax_rate", T::Text, Rule::Percent).always(),
    f("unit", T::Text, Rule::Enum(UNITS)).always(),
    f("active", T::Bool, Rule::Bool).always(),
];

const PRICE_LIST: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 100 })
        .required()
        .sortable(),
    f("currency", T::Text, Rule::Currency).required().sortable(),
    f("prices", T::Json, Rule::Prices).unfiltered(),
    f("active", T::Bool, Rule::Bool).always(),
];

/// A task is open until it is done or cancelled.
pub const TASK_STATUSES: &[&str] = &["open", "done", "cancelled"];
pub const TASK_PRIORITIES: &[&str] = &["low", "normal", "high"];

const TASK: &[Field] = &[
    f("title", T::Text, Rule::Text { max: 500 })
        .required()
        .sortable()
        .searched(),
    f("notes", T::Text, Rule::Text { max: 10_000 }).searched(),
    f("due_at", T::Time, Rule::Time).sortable(),
    f("all_day", T::Bool, Rule::Bool).always(),
    f("time_zone", T::Text, Rule::TimeZone),
    f(
        "reminder_minutes",
        T::Int,
        Rule::Int {
            min: 0,
            max: 40_320,
        },
    ),
    f("recurrence", T::Json, Rule::Recurrence).unfiltered(),
    f("status", T::Text, Rule::Enum(TASK_STATUSES))
        .sortable()
        .always(),
    f("completed_at", T::Time, Rule::None).system().sortable(),
    f("priority", T::Text, Rule::Enum(TASK_PRIORITIES))
        .sortable()
        .always(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("deal_id", T::Uuid, Rule::Ref(Entity::Deal)),
    f("previous_id", T::Uuid, Rule::None).system(),
    f("next_id", T::Uuid, Rule::None).system(),
    f("tags", T::Json, Rule::Tags),
];

/// A quote is drafted, sent, and then accepted, rejected or left to expire.
pub const QUOTE_STATUSES: &[&str] = &["draft", "sent", "accepted", "rejected", "expired"];
/// An order is open until it is fulfilled or cancelled.
pub const ORDER_STATUSES: &[&str] = &["open", "fulfilled", "cancelled"];
/// An invoice is drafted, issued, paid in parts or whole, or cancelled; `overdue` is how
/// an unpaid issued invoice reads once its due date has passed.
pub const INVOICE_STATUSES: &[&str] = &[
    "draft",
    "issued",
    "partly_paid",
    "paid",
    "overdue",
    "cancelled",
];
/// How a payment was made.
pub const PAYMENT_METHODS: &[&str] = &["bank_transfer", "card", "cash", "direct_debit", "other"];

const MONEY: Rule = Rule::Int {
    min: -MAX_MINOR_UNITS,
    max: MAX_MINOR_UNITS,
};

const QUOTE: &[Field] = &[
    f("number", T::Text, Rule::None).system().sortable(),
    f("status", T::Text, Rule::None)
        .system()
        .sortable()
        .always(),
    f("currency", T::Text, Rule::Currency).always(),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("deal_id", T::Uuid, Rule::Ref(Entity::Deal)),
    f("issue_date", T::Text, Rule::Date).sortable(),
    f("valid_until", T::Text, Rule::Date).sortable(),
    f("lines", T::Json, Rule::Lines).unfiltered().always(),
    f("subtotal", T::Int, MONEY).system().always(),
    f("tax_total", T::Int, MONEY).system().always(),
    f("total", T::Int, MONEY).system().sortable().always(),
    f("notes", T::Text, Rule::Text { max: 10_000 }).unfiltered(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("price_list_id", T::Uuid, Rule::Ref(Entity::PriceList)),
];

const ORDER: &[Field] = &[
    f("number", T::Text, Rule::None).system().sortable(),
    f("status", T::Text, Rule::None)
        .system()
        .sortable()
        .always(),
    f("currency", T::Text, Rule::Currency).always(),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("deal_id", T::Uuid, Rule::Ref(Entity::Deal)),
    f("issue_date", T::Text, Rule::Date).sortable(),
    f("lines", T::Json, Rule::Lines).unfiltered().always(),
    f("subtotal", T::Int, MONEY).system().always(),
    f("tax_total", T::Int, MONEY).system().always(),
    f("total", T::Int, MONEY).system().sortable().always(),
    f("notes", T::Text, Rule::Text { max: 10_000 }).unfiltered(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("quote_id", T::Uuid, Rule::None).system(),
    f("price_list_id", T::Uuid, Rule::Ref(Entity::PriceList)),
];

const INVOICE: &[Field] = &[
    f("number", T::Text, Rule::None).system().sortable(),
    f("status", T::Text, Rule::None)
        .system()
        .sortable()
        .always(),
    f("currency", T::Text, Rule::Currency).always(),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("deal_id", T::Uuid, Rule::Ref(Entity::Deal)),
    f("issue_date", T::Text, Rule::Date).sortable(),
    f("due_date", T::Text, Rule::Date).sortable(),
    f("lines", T::Json, Rule::Lines).unfiltered().always(),
    f("subtotal", T::Int, MONEY).system().always(),
    f("tax_total", T::Int, MONEY).system().always(),
    f("total", T::Int, MONEY).system().sortable().always(),
    f("paid", T::Int, MONEY).system().always(),
    f("notes", T::Text, Rule::Text { max: 10_000 }).unfiltered(),
    f("owner_id", T::Uuid, Rule::Ref(Entity::User)),
    f("order_id", T::Uuid, Rule::None).system(),
    f("price_list_id", T::Uuid, Rule::Ref(Entity::PriceList)),
    f("buyer_reference", T::Text, Rule::Text { max: 200 }),
];

const PAYMENT: &[Field] = &[
    f("invoice_id", T::Uuid, Rule::None).system().always(),
    f("amount", T::Int, Rule::None).system().sortable().always(),
    f("currency", T::Text, Rule::None).system().always(),
    f("paid_at", T::Time, Rule::None)
        .system()
        .sortable()
        .always(),
    f("method", T::Text, Rule::None).system(),
    f("reference", T::Text, Rule::None).system().unfiltered(),
];

/// A knowledge-base article is drafted, published, and archived when it no longer holds.
pub const KB_STATUSES: &[&str] = &["draft", "published", "archived"];
/// Who an article is for: staff only, or also the customers on the portal.
pub const KB_AUDIENCES: &[&str] = &["internal", "public"];
/// The longest an article's body may be, in bytes of HTML as sent.
pub const MAX_KB_BODY: usize = 200_000;

const KB_CATEGORY: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 200 })
        .required()
        .sortable(),
    f("description", T::Text, Rule::Text { max: 2_000 }).unfiltered(),
    f("parent_id", T::Uuid, Rule::Ref(Entity::KbCategory)),
    f(
        "position",
        T::Int,
        Rule::Int {
            min: 0,
            max: 10_000,
        },
    )
    .sortable()
    .always(),
];

const KB_ARTICLE: &[Field] = &[
    f("title", T::Text, Rule::Text { max: 300 })
        .required()
        .sortable()
        .searched(),
    f("category_id", T::Uuid, Rule::Ref(Entity::KbCategory)),
    f("translation_of", T::Uuid, Rule::Ref(Entity::KbArticle)).create_only(),
    f("language", T::Text, Rule::Enum(LOCALES))
        .sortable()
        .always(),
    f("body", T::Text, Rule::Html { max: MAX_KB_BODY }).unfiltered(),
    f("body_text", T::Text, Rule::None)
        .system()
        .unfiltered()
        .searched(),
    f("status", T::Text, Rule::Enum(KB_STATUSES))
        .sortable()
        .always(),
    f("audience", T::Text, Rule::Enum(KB_AUDIENCES))
        .sortable()
        .always(),
    f("published_at", T::Time, Rule::None).system().sortable(),
    f("helpful_yes", T::Int, Rule::None)
        .system()
        .sortable()
        .always(),
    f("helpful_no", T::Int, Rule::None)
        .system()
        .sortable()
        .always(),
    f("tags", T::Json, Rule::Tags),
];

/// How a queue hands its new tickets to agents.
pub const QUEUE_ASSIGNMENTS: &[&str] = &["manual", "round_robin", "fewest_open", "skills"];
/// A ticket's status; `rapport_core::tickets` holds the moves between them.
pub const TICKET_STATUSES: &[&str] = &["new", "open", "pending", "on_hold", "solved", "closed"];
pub const TICKET_PRIORITIES: &[&str] = &["low", "normal", "high", "urgent"];
pub const TICKET_TYPES: &[&str] = &["question", "incident", "problem", "task"];
/// How a ticket reached us.
pub const TICKET_CHANNELS: &[&str] = &[
    "email", "phone", "portal", "chat", "web", "api", "sms", "social", "other",
];
/// Who may read a ticket's message: the contact too, or the staff alone.
pub const MESSAGE_VISIBILITIES: &[&str] = &["public", "internal"];
/// The longest a ticket's subject may be.
pub const MAX_SUBJECT: usize = 300;

const QUEUE: &[Field] = &[
    f("name", T::Text, Rule::Text { max: 100 })
        .required()
        .sortable(),
    f("description", T::Text, Rule::Text { max: 500 }).unfiltered(),
    f("assignment", T::Text, Rule::Enum(QUEUE_ASSIGNMENTS))
        .sortable()
        .always(),
    f("active", T::Bool, Rule::Bool).always(),
];

const TICKET: &[Field] = &[
    f("number", T::Text, Rule::None)
        .system()
        .sortable()
        .searched(),
    f("subject", T::Text, Rule::Text { max: MAX_SUBJECT })
        .required()
        .sortable()
        .searched(),
    f("description", T::Text, Rule::Text { max: 100_000 }).searched(),
    f("status", T::Text, Rule::Enum(TICKET_STATUSES))
        .sortable()
        .always(),
    f("priority", T::Text, Rule::Enum(TICKET_PRIORITIES))
        .sortable()
        .always(),
    f("type", T::Text, Rule::Enum(TICKET_TYPES)).sortable(),
    f("channel", T::Text, Rule::Enum(TICKET_CHANNELS))
        .sortable()
        .always(),
    f("queue_id", T::Uuid, Rule::Ref(Entity::Queue)).always(),
    f("assignee_id", T::Uuid, Rule::Ref(Entity::User)),
    f("contact_id", T::Uuid, Rule::Ref(Entity::Contact)),
    f("company_id", T::Uuid, Rule::Ref(Entity::Company)),
    f("deal_id", T::Uuid, Rule::Ref(Entity::Deal)),
    f("order_id", T::Uuid, Rule::Ref(Entity::Order)),
    f("first_responded_at", T::Time, Rule::None)
        .system()
        .sortable(),
    f("solved_at", T::Time, Rule::None).system().sortable(),
    f("closed_at", T::Time, Rule::None).system().sortable(),
    f("last_message_at", T::Time, Rule::None)
        .system()
        .sortable(),
    // Computed by the SLA policies; the API shows them together as `sla`.
    f("sla_policy_id", T::Uuid, Rule::None).system(),
    f("first_response_due_at", T::Time, Rule::None)
        .system()
        .sortable(),
    f("resolution_due_at", T::Time, Rule::None)
        .system()
        .sortable(),
    f("sla_state", T::Text, Rule::None).system(),
    // A ticket opened by a reply to a closed one, and a ticket merged into another.
    f("follow_up_of", T::Uuid, Rule::None).system(),
    f("merged_into", T::Uuid, Rule::None).system(),
    f("merged_from", T::Json, Rule::None)
        .system()
        .unfiltered()
        .always(),
    f("tags", T::Json, Rule::Tags),
    f("custom", T::Json, Rule::Custom).unfiltered(),
];

const TICKET_MESSAGE: &[Field] = &[
    f("ticket_id", T::Uuid, Rule::None).system().always(),
    f("visibility", T::Text, Rule::Enum(MESSAGE_VISIBILITIES)).always(),
    // Sanitised HTML, and its text for search.
    f("body", T::Text, Rule::Text { max: 100_000 })
        .required()
        .unfiltered(),
    f("body_text", T::Text, Rule::None)
        .system()
        .unfiltered()
        .searched(),
    f("user_id", T::Uuid, Rule::None).system(),
    f("contact_id", T::Uuid, Rule::None).system(),
];

/// The largest amount of money Rapport stores, in minor units: a thousand billion in a
/// currency with cents, far below where sums of many of them could overflow an `i64`.
pub const MAX_MINOR_UNITS: i64 = 100_000_000_000_000;

/// Every entity, in the order the API documents them.
pub const ALL: [Entity; 23] = [
    Entity::Company,
    Entity::Contact,
    Entity::Interaction,
    Entity::Lead,
    Entity::Pipeline,
    Entity::Deal,
    Entity::Product,
    Entity::PriceList,
    Entity::Quote,
    Entity::Order,
    Entity::Invoice,
    Entity::Payment,
    Entity::Queue,
    Entity::Ticket,
    Entity::TicketMessage,
    Entity::Tag,
    Entity::CustomField,
    Entity::User,
    Entity::Team,
    Entity::Attachment,
    Entity::Task,
    Entity::KbCategory,
    Entity::KbArticle,
];

impl Entity {
    /// The table that holds this entity's records.
    pub const fn table(self) -> &'static str {
        match self {
            Entity::Company => "companies",
            Entity::Contact => "contacts",
            Entity::Interaction => "interactions",
            Entity::Tag => "tags",
            Entity::CustomField => "custom_fields",
            Entity::User => "users",
            Entity::Team => "teams",
            Entity::Attachment => "attachments",
            Entity::Lead => "leads",
            Entity::Pipeline => "pipelines",
            Entity::Deal => "deals",
            Entity::Product => "products",
            Entity::PriceList => "price_lists",
            Entity::Task => "tasks",
            Entity::Quote => "quotes",
            Entity::Order => "orders",
            Entity::Invoice => "invoices",
            Entity::Payment => "payments",
            Entity::KbCategory => "kb_categories",
            Entity::KbArticle => "kb_articles",
            Entity::Queue => "queues",
            Entity::Ticket => "tickets",
            Entity::TicketMessage => "ticket_messages",
        }
    }

    /// The resource name in API paths.
    pub const fn resource(self) -> &'static str {
        match self {
            Entity::CustomField => "custom-fields",
            Entity::PriceList => "price-lists",
            Entity::KbCategory => "kb/categories",
            Entity::KbArticle => "kb/articles",
            Entity::TicketMessage => "ticket-messages",
            other => other.table(),
        }
    }

    pub fn from_resource(s: &str) -> Option<Entity> {
        ALL.into_iter().find(|e| e.resource() == s)
    }

    pub fn from_table(s: &str) -> Option<Entity> {
        ALL.into_iter().find(|e| e.table() == s)
    }

    /// A person's word for one record of this kind.
    pub const fn singular(self) -> &'static str {
        match self {
            Entity::Company => "company",
            Entity::Contact => "contact",
            Entity::Interaction => "interaction",
            Entity::Tag => "tag",
            Entity::CustomField => "custom field",
            Entity::User => "user",
            Entity::Team => "team",
            Entity::Attachment => "attachment",
            Entity::Lead => "lead",
            Entity::Pipeline => "pipeline",
            Entity::Deal => "deal",
            Entity::Product => "product",
            Entity::PriceList => "price list",
            Entity::Task => "task",
            Entity::Quote => "quote",
            Entity::Order => "order",
            Entity::Invoice => "invoice",
            Entity::Payment => "payment",
            Entity::KbCategory => "knowledge base category",
            Entity::KbArticle => "knowledge base article",
            Entity::Queue => "queue",
            Entity::Ticket => "ticket",
            Entity::TicketMessage => "message",
        }
    }

    /// The fields a client works with, without the bookkeeping fields.
    pub fn own_fields(self) -> impl Iterator<Item = &'static Field> {
        let own: &'static [Field] = match self {
            Entity::Company => COMPANY,
            Entity::Contact => CONTACT,
            Entity::Interaction => INTERACTION,
            Entity::Tag => TAG,
            Entity::CustomField => CUSTOM_FIELD,
            Entity::User => USER,
            Entity::Team => TEAM,
            Entity::Attachment => ATTACHMENT,
            Entity::Lead => LEAD,
            Entity::Pipeline => PIPELINE,
            Entity::Deal => DEAL,
            Entity::Product => PRODUCT,
            Entity::PriceList => PRICE_LIST,
            Entity::Task => TASK,
            Entity::Quote => QUOTE,
            Entity::Order => ORDER,
            Entity::Invoice => INVOICE,
            Entity::Payment => PAYMENT,
            Entity::KbCategory => KB_CATEGORY,
            Entity::KbArticle => KB_ARTICLE,
            Entity::Queue => QUEUE,
            Entity::Ticket => TICKET,
            Entity::TicketMessage => TICKET_MESSAGE,
        };
        own.iter()
    }

    /// Every column: bookkeeping fields first, then the entity's own.
    pub fn fields(self) -> impl Iterator<Item = &'static Field> {
        META.iter().chain(self.own_fields())
    }

    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().find(|fl| fl.name == name)
    }

    /// Whether records of this kind have an owner that limits who sees them.
    pub const fn owned(self) -> bool {
        matches!(
            self,
            Entity::Company
                | Entity::Contact
                | Entity::Interaction
                | Entity::Attachment
                | Entity::Lead
                | Entity::Deal
                | Entity::Task
                | Entity::Quote
                | Entity::Order
                | Entity::Invoice
                | Entity::Ticket
        )
    }

    /// The field that names a record's owner: whoever a ticket is assigned to owns it.
    pub const fn owner_field(self) -> &'static str {
        match self {
            Entity::Ticket => "assignee_id",
            _ => "owner_id",
        }
    }

    /// Whether this entity is a sales document with numbered, priced lines.
    pub const fn is_document(self) -> bool {
        matches!(self, Entity::Quote | Entity::Order | Entity::Invoice)
    }

    /// Whether this entity accepts custom field values.
    pub const fn has_custom_fields(self) -> bool {
        matches!(
            self,
            Entity::Company
                | Entity::Contact
                | Entity::Interaction
                | Entity::Lead
                | Entity::Deal
                | Entity::Ticket
        )
    }

    /// Whether this entity has a full-text document.
    pub fn searchable(self) -> bool {
        self.own_fields().any(|fl| fl.search)
    }

    /// The sort used when a list names none.
    pub const fn default_sort(self) -> (&'static str, bool) {
        match self {
            Entity::Interaction => ("occurred_at", true),
            Entity::Tag | Entity::Team | Entity::User => ("name", false),
            Entity::CustomField => ("key", false),
            Entity::Pipeline => ("position", false),
            Entity::Product | Entity::PriceList => ("name", false),
            Entity::Task => ("due_at", false),
            Entity::Payment => ("paid_at", true),
            Entity::KbCategory => ("position", false),
            Entity::Queue => ("name", false),
            Entity::TicketMessage => ("created_at", false),
            _ => ("created_at", true),
        }
    }
}

/// The text a record is found by in full-text search: its searched fields, with phone
/// numbers also in their national form so a search for `22334455` finds `+4722334455`.
pub fn search_text(entity: Entity, data: &serde_json::Map<String, serde_json::Value>) -> String {
    use serde_json::Value;
    let mut parts: Vec<String> = Vec::new();
    let push_phone = |parts: &mut Vec<String>, p: &str| {
        parts.push(p.trim_start_matches('+').to_string());
        if let Ok(n) = phonenumber::parse(None, p) {
            parts.push(n.national().value().to_string());
        }
    };
    for field in entity.own_fields().filter(|f| f.search) {
        match (field.rule, data.get(field.name)) {
            (Rule::Phone, Some(Value::String(p))) => push_phone(&mut parts, p),
            (Rule::Phones, Some(Value::Array(items))) => {
                for p in items
                    .iter()
                    .filter_map(|i| i.get("phone"))
                    .filter_map(Value::as_str)
                {
                    push_phone(&mut parts, p);
                }
            }
            (Rule::Emails, Some(Value::Array(items))) => {
                parts.extend(
                    items
                        .iter()
                        .filter_map(|i| i.get("email"))
                        .filter_map(Value::as_str)
                        .map(str::to_string),
                );
            }
            (_, Some(Value::String(s))) => parts.push(s.clone()),
            _ => {}
        }
    }
    // Words split the same way search terms do, so both backends index the same words
    // (PostgreSQL's parser would otherwise keep an email address as one word).
    parts
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_round_trip_and_names_are_unique() {
        for e in ALL {
            assert_eq!(Entity::from_resource(e.resource()), Some(e));
            assert_eq!(Entity::from_table(e.table()), Some(e));
            let names: Vec<_> = e.fields().map(|f| f.name).collect();
            let mut dedup = names.clone();
            dedup.sort_unstable();
            dedup.dedup();
            assert_eq!(names.len(), dedup.len(), "{e:?} repeats a field");
            let (sort, _) = e.default_sort();
            assert!(e.field(sort).is_some_and(|f| f.sort), "{e:?} default sort");
        }
    }

    #[test]
    fn identifiers_are_plain_sql_names() {
        for e in ALL {
            for fl in e.fields() {
                assert!(
                    fl.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{}",
                    fl.name
                );
            }
        }
    }
}
