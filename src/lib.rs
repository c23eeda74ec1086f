//! # vanban
//!
//! vanban turns Vietnamese government reports, plans and decisions (Báo cáo, Kế hoạch,
//! Quyết định…) into text and facts people can search and check.
//!
//! This package is the `vanban` command line. Its library gathers the crates of the pipeline
//! under one name, in the order the data flows:
//!
//! - [`vanban_core`] (re-exported here at the top level): [`read`], [`normalize`], [`rules`],
//!   [`extract`], [`check`] and the [`model`] of the extract contract; no index, no server;
//! - [`index`] (`vanban-index`): the tantivy index: ingest, search, who cites what, indicators,
//!   export;
//! - [`serve`] (`vanban-serve`): the web app over an index.
//!
//! A program that only reads and extracts depends on `vanban-core` alone.
//!
//! ```
//! let doc = vanban::load(std::path::Path::new("corpus/quyet-dinh-quy-che-ban-chi-dao.txt"), &Default::default())?;
//! let facts = vanban::analyze(&doc, vanban::extract::Extractor::built_in());
//! assert_eq!(facts.meta.number.as_deref(), Some("1520/QĐ-UBND"));
//! # Ok::<(), vanban::ReadError>(())
//! ```

#![deny(missing_docs)]

pub use vanban_core::*;
pub use vanban_index as index;
pub use vanban_serve as serve;
