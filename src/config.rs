//! Compiled-in data and the user's `--config` additions, turned into ready
//! taggers once per run.

use crate::extract::{dates::DateTagger, entities::EntityTagger, money::AmountTagger};

/// Everything a worker thread needs to process a document, built once.
pub struct Resources {
    pub dates: DateTagger,
    pub amounts: AmountTagger,
    pub entities: EntityTagger,
}

impl Resources {
    pub fn builtin() -> Resources {
        Resources {
            dates: DateTagger::new(),
            amounts: AmountTagger::new(),
            entities: EntityTagger::new(),
        }
    }
}
