//! The one loader of the rules every command uses: the built-in rules, or the folder given by
//! `--rules` (or `VANBAN_RULES`), validated before any work starts.

use std::ops::Deref;
use std::path::Path;

use anyhow::{Context, Result};
use vanban::extract::Extractor;

/// The extractor built from the rules in force.
pub enum Rules {
    /// The rules built into the binary.
    BuiltIn(&'static Extractor),
    /// Rules loaded from a folder.
    Loaded(Box<Extractor>),
}

impl Deref for Rules {
    type Target = Extractor;

    fn deref(&self) -> &Extractor {
        match self {
            Rules::BuiltIn(e) => e,
            Rules::Loaded(e) => e,
        }
    }
}

/// Loads the rules of `dir`, or gives the built-in ones.
pub fn load(dir: Option<&Path>) -> Result<Rules> {
    Ok(match dir {
        Some(dir) => {
            let rules = vanban::rules::Rules::load(dir)
                .with_context(|| format!("loading --rules {}", dir.display()))?;
            Rules::Loaded(Box::new(Extractor::new(rules)))
        }
        None => Rules::BuiltIn(Extractor::built_in()),
    })
}
