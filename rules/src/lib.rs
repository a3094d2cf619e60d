//! The Lustre cleanup rules live beside this crate as `rules/*.cocci`; fixtures are in
//! `rules/fixtures/<rule>/`, and `rules/tests/` runs every rule on its fixtures through the
//! `cocci` library, with the outputs kept as insta snapshots in `snapshots/rules/`.
//! See `rules/README.md` for what each rule does and its known limits.
