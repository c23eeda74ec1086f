//! `vanban search`, `cites`, `refs`, `graph` and `export`: reading the index.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use vanban::index::query::{self, ExportFormat, SearchOptions};

use super::{output, rules, Global, IndexArg, Outcome};

/// Options of `vanban search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// The query. One that starts with `-` (only excluded words) may follow `--`.
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub index: IndexArg,
    /// Only this kind: report, plan, decision, letter, other (or a type: "kế hoạch").
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents about this year (their date, dates or periods).
    #[arg(long)]
    pub year: Option<u64>,
    /// Only documents whose issuer has these words (accents optional).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Only documents whose place has these words (accents optional).
    #[arg(long)]
    pub place: Option<String>,
    /// Only documents citing this id (any spelling).
    #[arg(long, value_name = "ID")]
    pub cites: Option<String>,
    /// Only documents issued on or after this day (28/11/2025 or 2025-11-28).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<vanban::model::IsoDate>,
    /// Only documents issued on or before this day (28/11/2025 or 2025-11-28).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub to: Option<vanban::model::IsoDate>,
    /// Most results (at most 10000; more is read as 10000).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Results to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A day for `--from` / `--to`.
fn parse_day(s: &str) -> std::result::Result<vanban::model::IsoDate, String> {
    vanban::model::IsoDate::from_typed(s)
        .ok_or_else(|| format!("`{s}` is no day; write it as 28/11/2025 or 2025-11-28"))
}

/// `vanban search`.
pub fn search(args: SearchArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let opts = SearchOptions {
        query: args.query,
        kind: args.kind,
        year: args.year,
        issuer: args.issuer,
        place: args.place,
        cites: args.cites,
        keys: None,
        date_from: args.from,
        date_to: args.to,
        limit: args.limit,
        offset: args.offset,
    };
    let res = query::search(&args.index.path, &opts, &extractor)?;
    let mut out = output::stdout();
    if args.json {
        output::json(&mut out, &res)?;
        output::done(out)?;
        return Ok(Outcome::Done);
    }
    let terminal = std::io::stdout().is_terminal();
    writeln!(
        out,
        "{} document(s) match; showing {}",
        res.total,
        res.hits.len()
    )?;
    for h in &res.hits {
        writeln!(
            out,
            "\n{:>3}. {}  {}  {}  [{}]  score {:.2}",
            h.rank,
            h.number.as_deref().unwrap_or("(no number)"),
            h.kind,
            h.date.as_deref().unwrap_or("-"),
            h.path,
            h.score
        )?;
        if let Some(t) = &h.title {
            writeln!(out, "     {t}")?;
        }
        let line = h.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        writeln!(
            out,
            "     {line}{}",
            highlight(&h.snippet, &h.highlights, terminal)
        )?;
    }
    output::done(out)?;
    Ok(Outcome::Done)
}

/// Marks the matched words of a snippet: bold yellow on a terminal, `[brackets]` otherwise.
fn highlight(snippet: &str, ranges: &[(usize, usize)], terminal: bool) -> String {
    let (open, close) = if terminal {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at
            || e > snippet.len()
            || !snippet.is_char_boundary(s)
            || !snippet.is_char_boundary(e)
        {
            continue;
        }
        out.push_str(&snippet[at..s]);
        out.push_str(open);
        out.push_str(&snippet[s..e]);
        out.push_str(close);
        at = e;
    }
    out.push_str(&snippet[at..]);
    out
}

/// Options of `vanban cites`.
#[derive(clap::Args, Debug)]
pub struct CitesArgs {
    /// The cited id.
    pub id: String,
    #[command(flatten)]
    pub index: IndexArg,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `vanban cites`.
pub fn cites(args: CitesArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let res = query::cites(&args.index.path, &args.id, &extractor)?;
    let mut out = output::stdout();
    if args.json {
        output::json(&mut out, &res)?;
        output::done(out)?;
        return Ok(Outcome::Done);
    }
    let n: usize = res.groups.iter().map(|g| g.citations.len()).sum();
    writeln!(
        out,
        "{}: cited {} time(s) in {} document(s)",
        res.id, n, res.documents
    )?;
    if res.ambiguous {
        writeln!(
            out,
            "note: the citations give {} different year/issuer combinations; the number may name different documents (grouped below)",
            res.groups.len()
        )?;
    }
    for g in &res.groups {
        if res.ambiguous || res.groups.len() > 1 {
            writeln!(
                out,
                "\n== {} {}",
                g.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "year not given".into()),
                g.issuer.as_deref().unwrap_or("(issuer not given)")
            )?;
        }
        for c in &g.citations {
            writeln!(
                out,
                "{}:{}  [{}{}]  {}",
                c.path,
                c.line,
                c.role,
                c.date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                c.sentence
            )?;
        }
    }
    output::done(out)?;
    Ok(Outcome::Done)
}

/// Options of `vanban refs`.
#[derive(clap::Args, Debug)]
pub struct RefsArgs {
    /// The document: its path, its key in the index, or its own number.
    pub doc: String,
    #[command(flatten)]
    pub index: IndexArg,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `vanban refs`.
pub fn refs(args: RefsArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let (key, list) = query::refs(&args.index.path, &args.doc, &extractor)?;
    let mut out = output::stdout();
    if args.json {
        output::json(
            &mut out,
            &serde_json::json!({"document": key, "references": list}),
        )?;
        output::done(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(out, "{key} cites {} reference(s):", list.len())?;
    for r in &list {
        let status = if r.resolved.is_empty() {
            "not in index".to_string()
        } else {
            format!("-> {}", r.resolved.join(", "))
        };
        writeln!(
            out,
            "  line {:>4}  {:<22} {:<12} {:<11} {}",
            r.reference.line,
            r.reference.id,
            r.reference.role,
            r.reference.date.as_deref().unwrap_or("-"),
            status
        )?;
    }
    output::done(out)?;
    Ok(Outcome::Done)
}

/// Formats of `vanban graph`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// JSON: nodes and edges.
    Json,
}

/// Options of `vanban graph`.
#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
}

/// `vanban graph`.
pub fn graph(args: GraphArgs) -> Result<Outcome> {
    let g = query::graph(&args.index.path)?;
    let mut out = output::stdout();
    match args.format {
        GraphFormat::Dot => write!(out, "{}", query::to_dot(&g))?,
        GraphFormat::Json => output::json(&mut out, &g)?,
    }
    output::done(out)?;
    Ok(Outcome::Done)
}

/// Formats of `vanban export`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum ExportFormatArg {
    /// Elasticsearch/OpenSearch `_bulk` NDJSON (an action line before each document).
    EsBulk,
    /// One JSON document per line.
    Ndjson,
}

/// Options of `vanban export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "es-bulk")]
    pub format: ExportFormatArg,
    /// Folder for the export files.
    #[arg(long, value_name = "DIR", default_value = "vanban-export")]
    pub out: PathBuf,
    /// Index name in the bulk action lines.
    #[arg(long, default_value = "vanban")]
    pub index_name: String,
}

/// `vanban export`.
pub fn export(args: ExportArgs) -> Result<Outcome> {
    let format = match args.format {
        ExportFormatArg::EsBulk => ExportFormat::EsBulk,
        ExportFormatArg::Ndjson => ExportFormat::Ndjson,
    };
    let (files, n) = query::export(&args.index.path, format, &args.out, &args.index_name)?;
    let mut out = output::stdout();
    for f in &files {
        writeln!(out, "{}", f.display())?;
    }
    output::done(out)?;
    eprintln!("exported {n} document(s) into {} file(s)", files.len());
    Ok(Outcome::Done)
}
