//! Hiệu lực: whether an indexed document still stands, or another indexed document replaces
//! (`thay thế`), repeals (`bãi bỏ`) or amends (`sửa đổi, bổ sung`) it, from the roles of
//! the citations ([`Role`]). Decided here only, from the catalog's cards, for the document
//! page and for the search filter alike.
//!
//! A citation changes a document when it names the document's own number, is made by
//! another document that is not a copy of it (another number), gives no other date for the
//! cited document than its own, and is not older than it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use tantivy::Searcher;
use vanban_core::model::{id_key, IsoDate, Reference, Role};

use super::catalog::{Card, Catalog};

/// What one document does to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Replaced (`thay thế`): no longer stands.
    Replaced,
    /// Repealed (`bãi bỏ`): no longer stands.
    Repealed,
    /// Amended (`sửa đổi, bổ sung`): stands, changed.
    Amended,
}

impl Change {
    /// The change a citation of this role makes, if any.
    pub fn of(role: Role) -> Option<Change> {
        match role {
            Role::Replaces => Some(Change::Replaced),
            Role::Repeals => Some(Change::Repealed),
            Role::Amends => Some(Change::Amended),
            _ => None,
        }
    }

    /// Whether a document so changed no longer stands.
    pub fn ends(self) -> bool {
        matches!(self, Change::Replaced | Change::Repealed)
    }
}

/// A citation by which a document changes another, as the catalog keeps it.
#[derive(Debug, Clone)]
pub struct ChangeMade {
    /// The key of the cited number ([`id_key`]).
    pub target: Arc<str>,
    /// What it does.
    pub change: Change,
    /// The date the citation gives for the cited document.
    pub date: Option<IsoDate>,
    /// The line of the citation.
    pub line: usize,
}

impl ChangeMade {
    /// The changes among a document's references.
    pub fn of_references(refs: &[Reference]) -> Box<[ChangeMade]> {
        refs.iter()
            .filter_map(|r| {
                Some(ChangeMade {
                    target: Arc::from(id_key(&r.id)),
                    change: Change::of(r.role)?,
                    date: r.date.clone(),
                    line: r.line,
                })
            })
            .collect()
    }
}

/// One document changing another.
#[derive(Debug, Clone, Serialize)]
pub struct ChangedBy {
    /// What it does.
    pub change: Change,
    /// The changing document's key.
    pub key: String,
    /// Its number.
    pub number: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// The line of the citation in it.
    pub line: usize,
}

/// Whether citation `m` of document `by` changes document `own` (see the module's
/// documentation).
fn changes(own: &Card, by: &Card, m: &ChangeMade) -> bool {
    let Some(number) = own.number.as_deref() else {
        return false;
    };
    if by.key == own.key || by.number.as_deref() == Some(number) || *m.target != *id_key(number) {
        return false;
    }
    if let (Some(said), Some(own_date)) = (&m.date, own.date.as_deref()) {
        if said.as_ref() != own_date {
            return false;
        }
    }
    match (by.date.as_deref(), own.date.as_deref()) {
        (Some(later), Some(earlier)) => later >= earlier,
        _ => true,
    }
}

/// The documents of a snapshot that change `own`, the ending ones first.
pub fn changed_by(catalog: &Catalog, searcher: &Searcher, own: &Card) -> Vec<ChangedBy> {
    let mut out: Vec<ChangedBy> = catalog
        .cards(searcher)
        .flat_map(|by| {
            by.changes
                .iter()
                .filter(|m| changes(own, &by, m))
                .map(|m| ChangedBy {
                    change: m.change,
                    key: by.key.to_string(),
                    number: by.number.as_deref().map(str::to_string),
                    date: by.date.as_deref().map(str::to_string),
                    line: m.line,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by_key(|c| (!c.change.ends(), c.date.clone(), c.key.clone()));
    out
}

/// The keys of the documents of a snapshot that no longer stand (replaced or repealed by
/// another indexed document).
pub fn ended_keys(catalog: &Catalog, searcher: &Searcher) -> HashSet<String> {
    let cards: Vec<Card> = catalog.cards(searcher).collect();
    // Who ends which number.
    let mut ending: HashMap<&str, Vec<(&Card, &ChangeMade)>> = HashMap::new();
    for by in &cards {
        for m in by.changes.iter().filter(|m| m.change.ends()) {
            ending.entry(&m.target).or_default().push((by, m));
        }
    }
    cards
        .iter()
        .filter(|own| {
            own.number.as_deref().is_some_and(|n| {
                ending
                    .get(id_key(n).as_str())
                    .is_some_and(|v| v.iter().any(|(by, m)| changes(own, by, m)))
            })
        })
        .map(|own| own.key.to_string())
        .collect()
}
