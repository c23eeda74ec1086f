//! The one loader of the rules every command uses: the built-in rules, or the folder given by
//! `--rules` (or `VANBAN_RULES`), validated before any work starts.

use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, OnceLock};

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
    /// The extractor as a value a document's own thread can hold (to work under the time
    /// budget); the built-in one is copied once, the first time this is asked (only a
    /// document large enough to be worked on its own thread asks).
    pub fn shared(&self) -> Arc<Extractor> {
        static BUILT_IN: OnceLock<Arc<Extractor>> = OnceLock::new();
        match self {
            Rules::BuiltIn(e) => BUILT_IN
                .get_or_init(|| Arc::new(Extractor::new(e.rules().clone())))
                .clone(),
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
