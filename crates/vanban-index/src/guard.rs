//! The boundary between vanban and the index library: a panic inside tantivy (which a damaged
//! segment file can cause, as an index out of bounds while decoding) becomes
//! [`IndexError::Damaged`] with advice, instead of ending the program.
//!
//! Rust prints every panic through the panic hook, even one that is caught. A program that
//! wants caught panics to stay off its users' screens installs [`quiet_caught_panics`] once;
//! other panics are still printed as before.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use super::IndexError;

thread_local! {
    /// How many guarded calls this thread is inside.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `work`, turning a panic inside it into `Err(message)`.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(g.get() - 1));
    result.map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        }
    })
}

/// Runs index work on the index at `path`; a panic becomes [`IndexError::Damaged`].
pub(crate) fn guarded<T>(
    path: &Path,
    work: impl FnOnce() -> Result<T, IndexError>,
) -> Result<T, IndexError> {
    catch(work).unwrap_or_else(|_| {
        Err(IndexError::Damaged {
            path: path.to_path_buf(),
            detail: "reading it met data that does not decode".into(),
        })
    })
}

/// Installs a panic hook that prints nothing for panics the index's guard contains (they are
/// reported as errors) and hands every other panic to the hook that was there before.
pub fn quiet_caught_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(|g| g.get()) == 0 {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_damaged_index_error() {
        let r: Result<(), IndexError> = guarded(Path::new("idx"), || panic!("mid > len"));
        let e = r.unwrap_err();
        assert!(matches!(e, IndexError::Damaged { .. }), "{e}");
        let msg = e.to_string();
        assert!(msg.contains("idx: the index is damaged"), "{msg}");
        // The library names no command; the command line adds `vanban index rebuild`.
        assert!(!msg.contains("vanban index"), "{msg}");
        assert_eq!(catch(|| 7), Ok(7));
    }
}
