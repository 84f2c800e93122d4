//! Validation errors that name the field and the problem.

use crate::problem::Problem;
use serde::Serialize;

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the client sent it (`email`, `custom.budget`, `filter[name]`).
    pub field: String,
    /// What is wrong, in an English sentence a person can act on: the problem's own text.
    pub message: String,
    /// What is wrong as a stable code with its values, which the pages translate; clients
    /// see the code, so they can act on a problem without parsing its English text.
    #[serde(rename = "code", serialize_with = "code_only")]
    pub problem: Problem,
}

fn code_only<S: serde::Serializer>(problem: &Problem, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(problem.code())
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            message: problem.to_string(),
            problem,
        }
    }
}

/// Every problem found in one input; validation collects them all before it answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("invalid input: {}", self.summary())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// A single error on one field.
    pub fn one(field: impl Into<String>, problem: Problem) -> Self {
        let mut e = Self::new();
        e.add(field, problem);
        e
    }

    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns `Ok(value)` when nothing was found wrong.
    pub fn into_result<T>(self, value: T) -> Result<T, Self> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Each problem as `field: message`.
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect()
    }

    /// Every problem on one line.
    pub fn summary(&self) -> String {
        self.lines().join("; ")
    }
}
