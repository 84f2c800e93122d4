//! The navigation registry: each module adds its entry here, and the layout lists whatever
//! is registered, so the layout itself names no module.

/// One entry of the main navigation.
pub struct Module {
    /// The path the entry opens; also how the current page is recognised.
    pub href: &'static str,
    /// The translation key of its label.
    pub label: &'static str,
}

/// Every module with a page of its own, in navigation order.
pub const MODULES: &[Module] = &[
    Module {
        href: "/contacts",
        label: "nav-contacts",
    },
    Module {
        href: "/companies",
        label: "nav-companies",
    },
    Module {
        href: "/interactions",
        label: "nav-interactions",
    },
    Module {
        href: "/leads",
        label: "nav-leads",
    },
    Module {
        href: "/deals",
        label: "nav-deals",
    },
    Module {
        href: "/products",
        label: "nav-products",
    },
    Module {
        href: "/quotes",
        label: "nav-quotes",
    },
    Module {
        href: "/orders",
        label: "nav-orders",
    },
    Module {
        href: "/invoices",
        label: "nav-invoices",
    },
    Module {
        href: "/tickets",
        label: "nav-tickets",
    },
    Module {
        href: "/forecast",
        label: "nav-forecast",
    },
    Module {
        href: "/tasks",
        label: "nav-tasks",
    },
    Module {
        href: "/calendar",
        label: "nav-calendar",
    },
    Module {
        href: "/kb",
        label: "nav-kb",
    },
];
