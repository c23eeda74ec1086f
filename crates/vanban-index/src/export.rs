//! `vanban export`: every document as NDJSON for Elasticsearch/OpenSearch, in files of bounded
//! size, with a deterministic `_id`.

use std::path::Path;

use tantivy::schema::Value;

use vanban_core::model::Extract;
use vanban_core::Document;

use super::ingest::Stored;
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
        let stored = Stored {
            path: text_of(d, f.path).unwrap_or_default(),
            sha256: text_of(d, f.sha256).unwrap_or_default(),
            format: text_of(d, f.format).unwrap_or_default(),
            encoding: text_of(d, f.encoding).unwrap_or_default(),
            text: body,
        };
        let cites: Vec<String> = d
            .get_all(f.cites)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let chunk = lines(format, index_name, key, &stored, extract.as_ref(), &cites);
        if !buf.is_empty() && buf.len() + chunk.len() > EXPORT_BATCH_BYTES {
            flush(&mut buf, &mut files).map_err(io)?;
        }
        buf.push_str(&chunk);
        n += 1;
    }
    flush(&mut buf, &mut files).map_err(io)?;
    Ok((files, n))
}

/// The export lines of one document (an action line and the document for `_bulk`, the
/// document with its `_id` for NDJSON), each ended by a newline. The one place the exported
/// record is made: [`export`] calls it on the stored documents of an index, [`bulk_lines`] on a
/// document just read, so a cluster that extracts without an index writes the same records.
fn lines(
    format: ExportFormat,
    index_name: &str,
    key: &str,
    doc: &Stored,
    extract: Option<&Extract>,
    cites: &[String],
) -> String {
    let id = vanban_core::sha256_hex(key.as_bytes());
    let record = serde_json::json!({
        "key": key,
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "encoding": doc.encoding,
        "meta": extract.map(|e| &e.meta),
        "cites": cites,
        "text": doc.text,
        "text_folded": vanban_core::normalize::fold(&doc.text),
        "results": extract.map(|e| &e.results),
        "targets": extract.map(|e| &e.targets),
    });
    let mut chunk = String::new();
    match format {
        ExportFormat::EsBulk => {
            chunk.push_str(
                &serde_json::json!({"index": {"_index": index_name, "_id": id}}).to_string(),
            );
            chunk.push('\n');
            chunk.push_str(&record.to_string());
        }
        ExportFormat::Ndjson => {
            let mut record = record;
            if let Some(obj) = record.as_object_mut() {
                obj.insert("_id".into(), serde_json::Value::String(id));
            }
            chunk.push_str(&record.to_string());
        }
    }
    chunk.push('\n');
    chunk
}

/// The lines `vanban export` would write for `doc` once ingested (its key is its absolute
/// path, as ingest names it): for feeding Elasticsearch/OpenSearch from workers that read and
/// extract documents without an index.
pub fn bulk_lines(format: ExportFormat, index_name: &str, doc: &Document, ex: &Extract) -> String {
    let path = std::path::absolute(&doc.raw.path).unwrap_or_else(|_| doc.raw.path.clone());
    let stored = Stored::of(doc);
    let key = super::keys::of_path(&path);
    lines(
        format,
        index_name,
        &key,
        &stored,
        Some(ex),
        &super::ingest::cited_keys(ex),
    )
}
