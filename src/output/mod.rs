//! Output: the graph as JSON Lines, written atomically.

pub mod records;
