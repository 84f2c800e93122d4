//! What the page tests share: a browser without JavaScript and readers for the HTML it gets.

// Each test file uses its own part of this module.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use rapport_testkit::TestApp;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, Response, StatusCode};
use scraper::{Html, Selector};
use std::collections::BTreeMap;

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "correct horse battery";

/// A browser without JavaScript: keeps cookies and does not follow redirects.
pub struct Browser<'a> {
    pub t: &'a TestApp,
    pub client: Client,
    pub cookies: BTreeMap<String, String>,
    pub lang: &'static str,
}

impl<'a> Browser<'a> {
    pub fn new(t: &'a TestApp) -> Self {
        Browser {
            t,
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            cookies: BTreeMap::new(),
            lang: "en",
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, r: &Response) {
        for v in r.headers().get_all(SET_COOKIE) {
            let text = v.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
    }

    /// A request that carries this browser's cookies and language.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.t.url(path))
            .header(COOKIE, self.cookie_header())
            .header("accept-language", self.lang)
    }

    /// Sends a request, keeps the cookies it sets and returns status, body and `Location`.
    pub async fn send(
        &mut self,
        request: reqwest::RequestBuilder,
    ) -> (StatusCode, String, Option<String>) {
        let r = request.send().await.unwrap();
        self.keep(&r);
        let status = r.status();
        let location = r
            .headers()
            .get(LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        (status, r.text().await.unwrap(), location)
    }

    pub async fn get(&mut self, path: &str) -> (StatusCode, String, Option<String>) {
        let request = self.request(Method::GET, path);
        self.send(request).await
    }

    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, Option<String>) {
        let request = self.request(Method::POST, path).form(form);
        self.send(request).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) {
        let (_, html, _) = self.get("/login").await;
        let csrf = input_value(&html, "_csrf");
        let (status, body, location) = self
            .post(
                "/login",
                &[
                    ("_csrf", &csrf),
                    ("email", email),
                    ("password", password),
                    ("next", "/contacts"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location.as_deref(), Some("/contacts"));
    }

    /// Signs in as the admin every `TestApp` has.
    pub async fn sign_in_admin(&mut self) {
        self.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    }

    /// The session's CSRF token, as the account page's forms carry it.
    pub async fn csrf(&mut self) -> String {
        let (status, html, _) = self.get("/account").await;
        assert_eq!(status, StatusCode::OK, "signed in");
        input_value(&html, "_csrf")
    }
}

pub fn input_value(html: &str, name: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("input[name=\"{name}\"]")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or("")
        .to_string()
}
