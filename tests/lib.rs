//! End-to-end tests of the `rcocci` binary live in `tests/tests/`.
