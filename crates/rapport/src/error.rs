//! How a failed command is reported: one line per problem on stderr and an exit code a
//! script can act on. Nothing here ever prints a backtrace.

use rapport_app::AppError;
use rapport_core::ValidationErrors;
use std::process::ExitCode;

/// The command or its input was wrong; exit code 2, like a usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// Exit code for a failure of the work itself (database, network, files).
const FAILED: u8 = 1;
/// Exit code for input that was wrong, as for a usage error.
const INVALID: u8 = 2;

/// Prints an error to stderr and returns the exit code for it.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let (lines, code) = describe(error);
    for line in lines {
        eprintln!("error: {line}");
    }
    ExitCode::from(code)
}

/// The lines to print and the exit code for an error.
fn describe(error: &anyhow::Error) -> (Vec<String>, u8) {
    if let Some(invalid) = find::<ValidationErrors>(error) {
        return (field_lines(invalid), INVALID);
    }
    if let Some(AppError::Invalid(invalid)) = find::<AppError>(error) {
        return (field_lines(invalid), INVALID);
    }
    let code = if find::<Usage>(error).is_some() {
        INVALID
    } else {
        FAILED
    };
    (vec![one_line(error)], code)
}

/// Finds an error of type `E` anywhere in the chain.
fn find<E: std::error::Error + Send + Sync + 'static>(error: &anyhow::Error) -> Option<&E> {
    error.chain().find_map(|e| e.downcast_ref::<E>())
}

fn field_lines(errors: &ValidationErrors) -> Vec<String> {
    errors
        .0
        .iter()
        .map(|e| {
            let message = flatten(&e.message);
            if e.field.is_empty() {
                message
            } else {
                format!("{}: {message}", e.field)
            }
        })
        .collect()
}

/// The whole chain on one line. A cause whose text its wrapper already shows is skipped,
/// and "internal error" is dropped: at the command line the operator should see the cause.
fn one_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        if matches!(
            cause.downcast_ref::<AppError>(),
            Some(AppError::Internal(_))
        ) {
            continue;
        }
        let text = flatten(&cause.to_string());
        if text.is_empty() || parts.last().is_some_and(|p| p.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    if parts.is_empty() {
        return "internal error".to_string();
    }
    parts.join(": ")
}

/// Folds a multi-line message onto one line.
fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;
    use rapport_core::Problem;

    #[test]
    fn validation_errors_give_one_line_per_field_and_exit_2() {
        let mut v = ValidationErrors::new();
        v.add("email", Problem::BadEmail);
        v.add(
            "role",
            Problem::OneOf {
                options: "admin, manager".into(),
            },
        );
        let e = anyhow::Error::from(AppError::Invalid(v));
        let (lines, code) = describe(&e);
        assert_eq!(code, 2);
        assert_eq!(
            lines,
            [
                "email: is not a valid email address",
                "role: must be one of: admin, manager"
            ]
        );
    }

    #[test]
    fn chains_fold_onto_one_line_without_repeats() {
        let inner = std::io::Error::other("Address already in use\n(os error 98)");
        let e = anyhow::Error::from(inner).context("cannot listen on 127.0.0.1:1");
        let (lines, code) = describe(&e);
        assert_eq!(code, 1);
        assert_eq!(
            lines,
            ["cannot listen on 127.0.0.1:1: Address already in use (os error 98)"]
        );
    }

    #[test]
    fn internal_errors_show_their_cause() {
        let e = anyhow::Error::from(AppError::Internal("disk full".into()));
        assert_eq!(describe(&e).0, ["disk full"]);
    }

    #[test]
    fn usage_errors_exit_2() {
        let e: anyhow::Result<()> = Err(Usage("bad".into())).context("while reading flags");
        let Err(e) = e else { unreachable!() };
        assert_eq!(describe(&e).1, 2);
    }
}
