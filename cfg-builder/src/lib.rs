//! Per-function control-flow graphs.
