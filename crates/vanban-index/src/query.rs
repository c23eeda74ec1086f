//! Reading the index, in one place for callers: search, who cites an id, what a document cites,
//! the citation graph, export for Elasticsearch/OpenSearch, and targets across documents. Each
//! lives in its own module; this one gathers them.

pub use super::cites::{cites, refs, Citation, CitedGroup, CitesResult, ResolvedRef};
pub use super::export::{bulk_lines, export, ExportFormat, EXPORT_BATCH_BYTES};
pub use super::graph::{graph, to_dot, Edge, Graph, Node};
pub use super::indicators::{indicators, plans, IndicatorTimeline, TimelineResult, TimelineTarget};
pub use super::reader::IndexView;
pub use super::search::{
    check_query, kind_of, search, search_with, Hit, KeyFilter, SearchOptions, SearchResult,
    MAX_LIMIT,
};
