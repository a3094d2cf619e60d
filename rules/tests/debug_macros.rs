//! `rules/debug_macros.cocci`: ENTRY/EXIT/RETURN/RETURN_EXIT/GOTO replaced by plain C.

mod support;

cases!(debug_macros; basic, unbraced, layout, unchanged;
    pending effects = "engine: an unbraced if body rewritten into two statements gets no braces \
        when the next statement is rewritten too (adjacent removals merge)",
    pending adjacent = "engine (wrong code): a rewritten unbraced body followed by another \
        rewritten statement: no braces, the blank line is lost and both replacements land in \
        the body (`if (c) rc = 1; goto out; rc = 0; goto out;`)",
    pending multiline_condition = "engine: braces added after a condition spanning lines take \
        the indentation of the condition's last line instead of the if's",
    pending entry_comment = "engine: spatch also removes the blank line before a removed \
        statement that a comment follows, and the comment lines right above a removed \
        statement",
    pending comment_before_body = "engine: braces around an unbraced body that a comment \
        precedes: the opening brace lands after the comment and the body is indented once \
        more, instead of the brace after the condition");
