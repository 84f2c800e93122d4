//! Files attached to records: streamed to disk under the data directory, named by the
//! SHA-256 of their content, with the content type read from the bytes, not the client.

use crate::records::{self, write_new};
use crate::{App, AppError, Ctx};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use rapport_core::Problem;
use rapport_core::entity::Entity;
use rapport_core::policy::Action;
use rapport_core::record::Record;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

/// The entities that may carry attachments.
pub const PARENTS: [Entity; 4] = [
    Entity::Company,
    Entity::Contact,
    Entity::Interaction,
    Entity::Ticket,
];

const MAX_FILE_NAME: usize = 255;

/// Where a file with this hash lives.
pub fn blob_path(app: &App, sha256: &str) -> PathBuf {
    let (a, rest) = sha256.split_at(2.min(sha256.len()));
    app.config.data_dir.join("attachments").join(a).join(rest)
}

/// Keeps only a plain file name: no folders, no control characters, at most 255 characters.
pub fn clean_file_name(raw: &str) -> Result<String, AppError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string();
    if cleaned.is_empty() {
        return Err(AppError::invalid("file", Problem::FileNameMissing));
    }
    if cleaned.chars().count() > MAX_FILE_NAME {
        return Err(AppError::invalid(
            "file",
            Problem::FileNameTooLong { max: MAX_FILE_NAME },
        ));
    }
    Ok(cleaned)
}

/// Reads the content type from the first bytes of a file.
pub fn sniff(head: &[u8]) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    let text = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character may be cut at the end of the sniffed window.
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 >= head.len(),
    };
    if text && !head.contains(&0) {
        "text/plain".to_string()
    } else {
        "application/octet-stream".to_string()
    }
}

/// Checks that the caller may attach a file to this record before any byte is read.
pub async fn check_parent(
    app: &App,
    ctx: &Ctx,
    parent: Entity,
    parent_id: Uuid,
) -> Result<(), AppError> {
    if !PARENTS.contains(&parent) {
        return Err(AppError::NotFound(parent.singular()));
    }
    ctx.actor.check(Entity::Attachment, Action::Create)?;
    ctx.actor.check(parent, Action::Update)?;
    let record = records::get(app, ctx, parent, parent_id, None).await?;
    if record.is_deleted() {
        return Err(AppError::Conflict(format!(
            "this {} is deleted",
            parent.singular()
        )));
    }
    Ok(())
}

/// Streams an upload to disk and records it. The size limit holds while reading, so an
/// oversized upload is refused without being kept.
pub async fn upload<S, E>(
    app: &App,
    ctx: &Ctx,
    parent: Entity,
    parent_id: Uuid,
    file_name: &str,
    mut chunks: S,
) -> Result<Record, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    check_parent(app, ctx, parent, parent_id).await?;
    let file_name = clean_file_name(file_name)?;
    let limit = app.config.max_upload_bytes;
    let tmp_dir = app.config.data_dir.join("attachments").join("tmp");
    tokio::fs::create_dir_all(&tmp_dir).await?;
    let tmp_path = tmp_dir.join(Uuid::now_v7().to_string());
    let result = async {
        let mut file = tokio::fs::File::create(&tmp_path).await?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut head: Vec<u8> = Vec::with_capacity(8192);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| {
                AppError::invalid(
                    "file",
                    Problem::UploadBroke {
                        detail: e.to_string(),
                    },
                )
            })?;
            size += chunk.len() as u64;
            if size > limit {
                return Err(AppError::TooLarge { limit });
            }
            if head.len() < 8192 {
                let take = (8192 - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        if size == 0 {
            return Err(AppError::invalid("file", Problem::FileEmpty));
        }
        let sha: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok((sha, size, sniff(&head)))
    }
    .await;
    let (sha, size, content_type) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = tokio::fs::remove_file(&tmp_path).await;
            return Err(e);
        }
    };
    let target = blob_path(app, &sha);
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    if tokio::fs::try_exists(&target).await.unwrap_or(false) {
        tokio::fs::remove_file(&tmp_path).await?;
    } else {
        tokio::fs::rename(&tmp_path, &target).await?;
    }
    let mut data = Map::new();
    data.insert(
        "record_type".into(),
        Value::String(parent.table().to_string()),
    );
    data.insert("record_id".into(), Value::String(parent_id.to_string()));
    data.insert("file_name".into(), Value::String(file_name));
    data.insert("content_type".into(), Value::String(content_type));
    data.insert("size_bytes".into(), Value::from(size));
    data.insert("sha256".into(), Value::String(sha));
    data.insert(
        "owner_id".into(),
        ctx.actor
            .author()
            .map_or(Value::Null, |a| Value::String(a.to_string())),
    );
    let mut tx = app.db.begin().await?;
    let record = write_new(&mut tx, ctx, Entity::Attachment, data).await?;
    tx.commit().await?;
    Ok(record)
}

/// The live attachments of a record, oldest first.
pub async fn list(
    app: &App,
    ctx: &Ctx,
    parent: Entity,
    parent_id: Uuid,
) -> Result<Vec<Record>, AppError> {
    if !PARENTS.contains(&parent) {
        return Err(AppError::NotFound(parent.singular()));
    }
    ctx.actor.check(Entity::Attachment, Action::Read)?;
    records::get(app, ctx, parent, parent_id, None).await?;
    Ok(rapport_store::records::attachments_of(&app.db, parent.table(), parent_id).await?)
}

/// An attachment's record and the path of its content, for download.
pub async fn open(app: &App, ctx: &Ctx, id: Uuid) -> Result<(Record, PathBuf), AppError> {
    let record = records::get(app, ctx, Entity::Attachment, id, None).await?;
    if record.is_deleted() {
        return Err(AppError::NotFound("attachment"));
    }
    let sha = record.str("sha256").unwrap_or_default().to_string();
    Ok((record, blob_path(app, &sha)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(
            clean_file_name("C:\\Users\\x\\report.pdf").unwrap(),
            "report.pdf"
        );
        assert_eq!(clean_file_name("a\u{0}b\nc.txt").unwrap(), "abc.txt");
        assert_eq!(clean_file_name("..hidden").unwrap(), "hidden");
        assert!(clean_file_name("../").is_err());
        assert!(clean_file_name(&"x".repeat(300)).is_err());
    }

    #[test]
    fn content_types_come_from_the_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), "application/pdf");
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
            "image/png"
        );
        assert_eq!(sniff("Grüße aus Köln".as_bytes()), "text/plain");
        assert_eq!(sniff(&[0, 1, 2, 3, 255]), "application/octet-stream");
    }
}
