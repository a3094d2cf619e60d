//! Rule files applied one after the other, in the order README.md recommends; each expected
//! diff is spatch's for the same sequence (spatch run on the previous spatch output).

mod support;

/// After obd_alloc.cocci, null_free.cocci removes every check before the frees, including
/// those it must keep before the conversion (the sizes that read through the pointer are
/// gone with the conversion).
#[test]
fn alloc_then_null_free() {
    support::check_diff(
        "sequence__alloc_then_null_free",
        support::sequence_diff(&["obd_alloc", "null_free"], "alloc_then_null_free"),
    );
}
