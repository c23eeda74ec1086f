//! The one writer of command output: a buffered standard output, JSON, and CSV that opens in
//! Excel with Vietnamese intact (UTF-8 with a byte-order mark, RFC 4180 quoting).

use std::io::{BufWriter, Stdout, Write};

use anyhow::{Context, Result};
use serde::Serialize;

/// The output format of a command that can print a table, JSON or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// `--json` / `--csv` for commands that print a table by default.
#[derive(clap::Args, Debug)]
pub struct FormatArgs {
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (UTF-8 with BOM, opens in Excel with Vietnamese intact).
    #[arg(long)]
    pub csv: bool,
}

impl FormatArgs {
    /// The format asked for.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Table
        }
    }
}

/// Buffered standard output.
pub fn stdout() -> BufWriter<Stdout> {
    BufWriter::new(std::io::stdout())
}

/// Writes `value` as indented JSON and a newline.
pub fn json<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).context("writing JSON")?;
    writeln!(out)?;
    Ok(())
}

/// Flushes what was written, naming standard output if that fails.
pub fn done(mut out: impl Write) -> Result<()> {
    out.flush().context("writing to standard output")
}

/// A CSV writer: a byte-order mark and the header first, then one row per call.
pub struct Csv<W: Write> {
    out: W,
}

impl<W: Write> Csv<W> {
    /// Starts a CSV document with its header row.
    pub fn new(mut out: W, header: &[&str]) -> Result<Csv<W>> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut csv = Csv { out };
        csv.row(header)?;
        Ok(csv)
    }

    /// Writes one row.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<()> {
        let line: Vec<String> = fields.iter().map(|f| field(f.as_ref())).collect();
        writeln!(self.out, "{}", line.join(","))?;
        Ok(())
    }

    /// The writer, once every row is written.
    #[cfg(test)]
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// One CSV field, quoted when it holds a comma, a quote or a line break.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_starts_with_a_bom() {
        let mut csv = Csv::new(Vec::new(), &["a", "b"]).unwrap();
        csv.row(&["x, y", "say \"hi\""]).unwrap();
        csv.row(&["line\nbreak", "plain"]).unwrap();
        let text = String::from_utf8(csv.into_inner()).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",plain\n"
        );
    }
}
