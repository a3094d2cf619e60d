//! End-to-end tests of the `rcocci` command line live in `tests/tests/`; their fixtures are in
//! `tests/cases/` (one directory per case: `rule.cocci`, `input.c`, `expected.c`, the expected
//! output written by spatch 1.1.1 for the same rule and input) and `tests/expected/`.
//!
//! `tests/cases/PENDING` lists the cases that need parts of the engine that do not exist yet;
//! their mismatches are reported but do not fail the run.
