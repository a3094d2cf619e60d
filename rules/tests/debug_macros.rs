//! `rules/debug_macros.cocci`: ENTRY/EXIT/RETURN/RETURN_EXIT/GOTO replaced by plain C.

mod support;

// `effects` and `adjacent` were wrong code in rcocci when the rules were written (an unbraced
// body rewritten into two statements, followed by another rewritten statement, got no
// braces); they pass now and guard against that coming back.
cases!(debug_macros; basic, unbraced, layout, unchanged, effects, adjacent, multiline_condition;
    pending entry_comment = "engine: spatch also removes the blank line before a removed \
        statement that a comment follows, and the comment lines right above a removed \
        statement",
    pending comment_before_body = "engine: braces around an unbraced body that a comment \
        precedes: the opening brace lands after the comment and the body is indented once \
        more, instead of the brace after the condition");
