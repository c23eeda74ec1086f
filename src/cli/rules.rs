//! The one loader of the rules every command uses: the built-in rules, or the folder given by
//! `--rules` (or `VANBAN_RULES`), validated before any work starts.

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use vanban::extract::Extractor;

/// The extractor built from the rules in force.
pub enum Rules {
    /// The rules built into the binary.
    BuiltIn(&'static Extractor),
    /// Rules loaded from a folder.
    Loaded(Arc<Extractor>),
}

impl Rules {
    /// The extractor as a value a document's own thread or a pipeline can hold (the same
    /// extractor, not a copy).
    pub fn shared(&self) -> Arc<Extractor> {
        match self {
            Rules::BuiltIn(_) => Extractor::built_in_shared(),
            Rules::Loaded(e) => e.clone(),
        }
    }
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
            let extractor = Extractor::try_new(rules)
                .with_context(|| format!("loading --rules {}", dir.display()))?;
            Rules::Loaded(Arc::new(extractor))
        }
        None => Rules::BuiltIn(Extractor::built_in()),
    })
}
