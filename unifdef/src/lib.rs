//! Conditional-directive stripping with unifdef semantics.
