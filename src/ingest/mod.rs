//! ingest (pending)
