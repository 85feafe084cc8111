//! clean (pending)
