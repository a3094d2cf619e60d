//! Rule shapes the rule files avoid because rcocci handled them wrongly when the rules were
//! written; each is a small rule with one fixture in `fixtures/engine_shapes/`, and each
//! snapshot is spatch's diff. They show when the workarounds can go.

mod support;

/// Passes now; obd_alloc.cocci could become one disjunction per family again.
#[test]
fn expression_disjunction() {
    support::check_diff(
        "engine_shapes__expression_disjunction",
        support::engine_shape_diff("expression_disjunction"),
    );
}

/// null_free.cocci removes the body and adds it back as plus code instead.
#[test]
#[ignore = "engine: a removed `if (p)` whose body stays as context code leaves the body \
            indented one level too deep (spatch re-indents it)"]
fn dedent_body() {
    support::check_diff(
        "engine_shapes__dedent_body",
        support::engine_shape_diff("dedent_body"),
    );
}
