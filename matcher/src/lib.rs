//! Matching SmPL patterns against C trees.
