//! `vanban graph`: the citation graph of the whole index, as data or Graphviz DOT.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use super::reader::{load_extract, text_of, IndexView};
use super::IndexError;
use vanban_core::model::{id_key, Role};

/// A node of the citation graph: an indexed document or a cited id not in the index.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Node id: the document's key, or `id:<cited id>` for one not indexed.
    pub id: String,
    /// Own number or cited id.
    pub number: Option<String>,
    /// Kind (documents only).
    pub kind: Option<String>,
    /// Whether the node is an indexed document.
    pub indexed: bool,
}

/// An edge: `from` cites `to`.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Citing node.
    pub from: String,
    /// Cited node.
    pub to: String,
    /// The cited id as canonical.
    pub cited_id: String,
    /// The role of the citation.
    pub role: Role,
}

/// The whole citation graph.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges (one per distinct citing document, cited id and role).
    pub edges: Vec<Edge>,
}

/// Builds the citation graph of the index.
pub fn graph(index_path: &Path) -> Result<Graph, IndexError> {
    IndexView::open(index_path)?.graph()
}

impl IndexView {
    /// Builds the citation graph of the index.
    pub fn graph(&self) -> Result<Graph, IndexError> {
        self.run(graph_in)
    }
}

fn graph_in(v: &IndexView) -> Result<Graph, IndexError> {
    let f = v.fields;
    let docs = v.all_docs()?;
    let mut by_number: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut nodes = Vec::new();
    for (key, d) in &docs {
        let number = text_of(d, f.number);
        if let Some(n) = &number {
            by_number.entry(id_key(n)).or_default().push(key.clone());
        }
        nodes.push(Node {
            id: key.clone(),
            number,
            kind: text_of(d, f.kind),
            indexed: true,
        });
    }
    let mut edges = BTreeSet::new();
    let mut outside = BTreeSet::new();
    for (key, d) in &docs {
        let Some(extract) = load_extract(d, &f) else {
            continue;
        };
        for r in extract.references {
            let targets = by_number.get(&id_key(&r.id)).cloned().unwrap_or_else(|| {
                outside.insert(r.id.clone());
                vec![format!("id:{}", r.id)]
            });
            for t in targets {
                edges.insert((key.clone(), t, r.id.clone(), r.role));
            }
        }
    }
    for id in outside {
        nodes.push(Node {
            id: format!("id:{id}"),
            number: Some(id),
            kind: None,
            indexed: false,
        });
    }
    let edges = edges
        .into_iter()
        .map(|(from, to, cited_id, role)| Edge {
            from,
            to,
            cited_id,
            role,
        })
        .collect();
    Ok(Graph { nodes, edges })
}

/// The graph in Graphviz DOT.
pub fn to_dot(g: &Graph) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::from(
        "digraph citations {\n  rankdir=LR;\n  node [shape=box, fontname=\"DejaVu Sans\"];\n",
    );
    for n in &g.nodes {
        let label = n.number.clone().unwrap_or_else(|| n.id.clone());
        let style = if n.indexed { "" } else { ", style=dashed" };
        out.push_str(&format!(
            "  \"{}\" [label=\"{}\"{}];\n",
            esc(&n.id),
            esc(&label),
            style
        ));
    }
    for e in &g.edges {
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
            esc(&e.from),
            esc(&e.to),
            esc(e.role.as_str())
        ));
    }
    out.push_str("}\n");
    out
}
