//! `vanban export`: every document as NDJSON for Elasticsearch/OpenSearch, in files of bounded
//! size, with a deterministic `_id`.

use std::path::Path;

use tantivy::schema::Value;

use super::reader::{load_extract, text_of, IndexView};
use super::IndexError;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Elasticsearch/OpenSearch `_bulk` NDJSON (an action line before each document).
    EsBulk,
    /// One JSON document per line.
    Ndjson,
}

/// Largest export file, in bytes.
pub const EXPORT_BATCH_BYTES: usize = 10 * 1000 * 1000;

/// Writes every document to `out_dir` in files under [`EXPORT_BATCH_BYTES`] each; returns
/// the files written and the number of documents.
pub fn export(
    index_path: &Path,
    format: ExportFormat,
    out_dir: &Path,
    index_name: &str,
) -> Result<(Vec<std::path::PathBuf>, usize), IndexError> {
    let v = IndexView::open(index_path)?;
    v.run(|v| export_in(v, format, out_dir, index_name))
}

fn export_in(
    v: &IndexView,
    format: ExportFormat,
    out_dir: &Path,
    index_name: &str,
) -> Result<(Vec<std::path::PathBuf>, usize), IndexError> {
    let f = v.fields;
    let docs = v.all_docs()?;
    let io = |source| IndexError::Io {
        path: out_dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(out_dir).map_err(io)?;
    let ext = if format == ExportFormat::EsBulk {
        "bulk.ndjson"
    } else {
        "ndjson"
    };
    let mut files = Vec::new();
    let mut buf = String::new();
    let mut n = 0;
    let flush = |buf: &mut String, files: &mut Vec<std::path::PathBuf>| -> std::io::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        let p = out_dir.join(format!("vanban-{:05}.{ext}", files.len() + 1));
        std::fs::write(&p, buf.as_bytes())?;
        files.push(p);
        buf.clear();
        Ok(())
    };
    for (key, d) in &docs {
        let extract = load_extract(d, &f);
        let body = text_of(d, f.body).unwrap_or_default();
        let id = vanban_core::sha256_hex(key.as_bytes());
        let record = serde_json::json!({
            "key": key,
            "path": text_of(d, f.path),
            "sha256": text_of(d, f.sha256),
            "format": text_of(d, f.format),
            "encoding": text_of(d, f.encoding),
            "meta": extract.as_ref().map(|e| &e.meta),
            "cites": d.get_all(f.cites).filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>(),
            "text": body,
            "text_folded": vanban_core::normalize::fold(&body),
            "results": extract.as_ref().map(|e| &e.results),
            "targets": extract.as_ref().map(|e| &e.targets),
        });
        let mut chunk = String::new();
        if format == ExportFormat::EsBulk {
            chunk.push_str(
                &serde_json::json!({"index": {"_index": index_name, "_id": id}}).to_string(),
            );
            chunk.push('\n');
        } else if let Some(obj) = record.as_object() {
            let mut obj = obj.clone();
            obj.insert("_id".into(), serde_json::Value::String(id));
            chunk.push_str(&serde_json::Value::Object(obj).to_string());
            chunk.push('\n');
        }
        if format == ExportFormat::EsBulk {
            chunk.push_str(&record.to_string());
            chunk.push('\n');
        }
        if !buf.is_empty() && buf.len() + chunk.len() > EXPORT_BATCH_BYTES {
            flush(&mut buf, &mut files).map_err(io)?;
        }
        buf.push_str(&chunk);
        n += 1;
    }
    flush(&mut buf, &mut files).map_err(io)?;
    Ok((files, n))
}
