//! Entity names → typed mentions with a canonical name per document.
//! (First version pending; see `EntityTagger`.)

use super::Mention;

/// The compiled entity recogniser. Build once, share across threads.
#[derive(Default)]
pub struct EntityTagger {}

impl EntityTagger {
    pub fn new() -> EntityTagger {
        EntityTagger {}
    }

    /// Appends the entity mentions of `text` to `out`.
    pub fn tag(&self, _text: &str, _sentences: &[crate::span::Span], _out: &mut Vec<Mention>) {}
}
