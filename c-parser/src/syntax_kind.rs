//! Every kind of token and node in the tree, and the rowan glue.
//!
//! The enum doubles as the logos token type: token variants carry their patterns, node
//! variants carry none (logos never produces them).

use logos::Logos;

/// The kind of a token, trivia or node. `#[repr(u16)]` so it round-trips through rowan.
#[allow(non_camel_case_types)]
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u16)]
pub enum SyntaxKind {
    // ---- trivia ----
    #[regex(r"[ \t\x0b\x0c]+")]
    #[regex(r"\\\r?\n")]
    WHITESPACE = 0,
    #[regex(r"\r?\n")]
    #[token("\r")]
    NEWLINE,
    #[regex(r"//[^\n]*")]
    #[token("/*")]
    COMMENT,
    /// A whole preprocessor directive line, continued lines included (not its final newline).
    DIRECTIVE,
    /// A significant token the parser skipped because it lies in a conditional branch that
    /// cannot be parsed together with the branch before it (`#else` .. `#endif`).
    INACTIVE,
    /// SmPL: a rule line's `-`, `+` or `*` column (set by smpl-parser).
    SMPL_MARKER,
    /// SmPL: a stripped `@p` position annotation (set by smpl-parser).
    SMPL_POSITION,

    // ---- literals and names ----
    #[regex(r"[A-Za-z_$][A-Za-z0-9_$]*")]
    IDENT,
    #[regex(r"\.?[0-9]([0-9A-Za-z_.]|[eEpP][+-])*")]
    INT_NUMBER,
    FLOAT_NUMBER,
    #[regex(r#"(L|u8|u|U)?'([^'\\\n]|\\(.|\r?\n))*'"#)]
    CHAR_LIT,
    #[regex(r#"(L|u8|u|U)?"([^"\\\n]|\\(.|\r?\n))*""#)]
    STRING,

    // ---- punctuation ----
    #[token("(")]
    L_PAREN,
    #[token(")")]
    R_PAREN,
    #[token("[")]
    #[token("<:")]
    L_BRACK,
    #[token("]")]
    #[token(":>")]
    R_BRACK,
    #[token("{")]
    L_BRACE,
    #[token("}")]
    R_BRACE,
    #[token(";")]
    SEMI,
    #[token(",")]
    COMMA,
    #[token(".")]
    DOT,
    #[token("->")]
    ARROW,
    #[token("...")]
    ELLIPSIS,
    #[token("?")]
    QUESTION,
    #[token(":")]
    COLON,
    #[token("=")]
    EQ,
    #[token("==")]
    EQ2,
    #[token("!=")]
    NEQ,
    #[token("<")]
    LT,
    #[token(">")]
    GT,
    #[token("<=")]
    LE,
    #[token(">=")]
    GE,
    #[token("<<")]
    SHL,
    #[token(">>")]
    SHR,
    #[token("+")]
    PLUS,
    #[token("-")]
    MINUS,
    #[token("*")]
    STAR,
    #[token("/")]
    SLASH,
    #[token("%")]
    PERCENT,
    #[token("&")]
    AMP,
    #[token("|")]
    PIPE,
    #[token("^")]
    CARET,
    #[token("~")]
    TILDE,
    #[token("!")]
    BANG,
    #[token("&&")]
    AMP2,
    #[token("||")]
    PIPE2,
    #[token("++")]
    PLUS2,
    #[token("--")]
    MINUS2,
    #[token("+=")]
    PLUS_EQ,
    #[token("-=")]
    MINUS_EQ,
    #[token("*=")]
    STAR_EQ,
    #[token("/=")]
    SLASH_EQ,
    #[token("%=")]
    PERCENT_EQ,
    #[token("&=")]
    AMP_EQ,
    #[token("|=")]
    PIPE_EQ,
    #[token("^=")]
    CARET_EQ,
    #[token("<<=")]
    SHL_EQ,
    #[token(">>=")]
    SHR_EQ,
    #[token("#")]
    #[token("%:")]
    HASH,
    #[token("##")]
    HASH2,
    #[token("\\")]
    BACKSLASH,
    #[token("@")]
    AT,
    /// A byte sequence that is no C token (stray character, unterminated literal).
    UNKNOWN,

    // ---- keywords ----
    #[token("auto")]
    AUTO_KW,
    #[token("break")]
    BREAK_KW,
    #[token("case")]
    CASE_KW,
    #[token("char")]
    CHAR_KW,
    #[token("const")]
    #[token("__const")]
    #[token("__const__")]
    CONST_KW,
    #[token("continue")]
    CONTINUE_KW,
    #[token("default")]
    DEFAULT_KW,
    #[token("do")]
    DO_KW,
    #[token("double")]
    DOUBLE_KW,
    #[token("else")]
    ELSE_KW,
    #[token("enum")]
    ENUM_KW,
    #[token("extern")]
    EXTERN_KW,
    #[token("float")]
    FLOAT_KW,
    #[token("for")]
    FOR_KW,
    #[token("goto")]
    GOTO_KW,
    #[token("if")]
    IF_KW,
    #[token("inline")]
    #[token("__inline")]
    #[token("__inline__")]
    INLINE_KW,
    #[token("int")]
    INT_KW,
    #[token("long")]
    LONG_KW,
    #[token("register")]
    REGISTER_KW,
    #[token("restrict")]
    #[token("__restrict")]
    #[token("__restrict__")]
    RESTRICT_KW,
    #[token("return")]
    RETURN_KW,
    #[token("short")]
    SHORT_KW,
    #[token("signed")]
    #[token("__signed")]
    #[token("__signed__")]
    SIGNED_KW,
    #[token("sizeof")]
    SIZEOF_KW,
    #[token("static")]
    STATIC_KW,
    #[token("struct")]
    STRUCT_KW,
    #[token("switch")]
    SWITCH_KW,
    #[token("typedef")]
    TYPEDEF_KW,
    #[token("union")]
    UNION_KW,
    #[token("unsigned")]
    UNSIGNED_KW,
    #[token("void")]
    VOID_KW,
    #[token("volatile")]
    #[token("__volatile")]
    #[token("__volatile__")]
    VOLATILE_KW,
    #[token("while")]
    WHILE_KW,
    #[token("_Bool")]
    BOOL_KW,
    #[token("_Complex")]
    #[token("__complex__")]
    COMPLEX_KW,
    #[token("_Alignas")]
    ALIGNAS_KW,
    #[token("_Alignof")]
    #[token("__alignof__")]
    #[token("__alignof")]
    ALIGNOF_KW,
    #[token("_Atomic")]
    ATOMIC_KW,
    #[token("_Generic")]
    GENERIC_KW,
    #[token("_Noreturn")]
    NORETURN_KW,
    #[token("_Static_assert")]
    #[token("static_assert")]
    STATIC_ASSERT_KW,
    #[token("_Thread_local")]
    #[token("__thread")]
    THREAD_LOCAL_KW,
    #[token("__attribute__")]
    #[token("__attribute")]
    ATTRIBUTE_KW,
    #[token("asm")]
    #[token("__asm__")]
    #[token("__asm")]
    ASM_KW,
    #[token("typeof")]
    #[token("__typeof__")]
    #[token("__typeof")]
    #[token("typeof_unqual")]
    TYPEOF_KW,
    #[token("__extension__")]
    EXTENSION_KW,
    #[token("__label__")]
    LABEL_KW,
    #[token("__int128")]
    INT128_KW,
    #[token("__auto_type")]
    AUTO_TYPE_KW,
    #[token("__builtin_va_arg")]
    BUILTIN_VA_ARG_KW,
    #[token("__builtin_offsetof")]
    BUILTIN_OFFSETOF_KW,

    // ---- SmPL tokens (LexMode::Smpl) ----
    /// `...`
    DOTS,
    /// `<...`
    NEST_OPEN,
    /// `...>`
    NEST_CLOSE,
    /// `<+...`
    NEST_PLUS_OPEN,
    /// `...+>`
    NEST_PLUS_CLOSE,
    /// `\(` or a column-0 `(`
    DISJ_OPEN,
    /// `\|` or a column-0 `|`
    DISJ_SEP,
    /// `\&` or a column-0 `&`
    CONJ_SEP,
    /// `\)` or a column-0 `)`
    DISJ_CLOSE,
    /// column-0 `?`
    OPT_MARK,
    /// `when`
    WHEN_KW,

    // ---- nodes ----
    SOURCE_FILE,
    SMPL_BODY,
    /// The root of one expression parsed alone ([`crate::parse_expression`]).
    EXPRESSION_ROOT,
    ERROR,
    // items
    FUNCTION_DEF,
    DECLARATION,
    /// `EXPORT_SYMBOL(x);`, `DEFINE_MUTEX(m)`, `INTERVAL_TREE_DEFINE(...)`: a macro that declares.
    MACRO_DECL,
    /// `_Static_assert(...)`
    STATIC_ASSERT,
    /// Top-level `asm("...");`
    ASM_DECL,
    /// `extern "C" { ... }` around declarations (headers shared with C++).
    LINKAGE_SPEC,
    // declaration parts
    DECL_SPECS,
    /// A typedef name (known or inferred) used as a type specifier.
    TYPEDEF_NAME,
    STRUCT_SPEC,
    UNION_SPEC,
    ENUM_SPEC,
    FIELD_LIST,
    FIELD_DECL,
    ENUMERATOR_LIST,
    ENUMERATOR,
    TYPEOF_SPEC,
    /// `__attribute__((...))`, `__user`, `__must_hold(x)`, `_Alignas(...)`, `asm("reg")`.
    ATTRIBUTE,
    INIT_DECLARATOR,
    /// The identifier a declarator declares.
    NAME,
    POINTER_DECLARATOR,
    PAREN_DECLARATOR,
    ARRAY_DECLARATOR,
    FUNCTION_DECLARATOR,
    /// `: width` in a struct field.
    BIT_FIELD,
    PARAM_LIST,
    PARAM,
    /// K&R parameter declarations between a function's declarator and its body.
    KR_PARAM_DECLS,
    TYPE_NAME,
    INITIALIZER_LIST,
    DESIGNATED_INIT,
    /// `.field` or `[index]` or `[lo ... hi]` in a designated initializer.
    DESIGNATOR,
    // statements
    COMPOUND_STMT,
    EXPR_STMT,
    EMPTY_STMT,
    IF_STMT,
    ELSE_BRANCH,
    WHILE_STMT,
    DO_STMT,
    FOR_STMT,
    SWITCH_STMT,
    CASE_LABEL,
    DEFAULT_LABEL,
    LABEL_STMT,
    RETURN_STMT,
    BREAK_STMT,
    CONTINUE_STMT,
    GOTO_STMT,
    ASM_STMT,
    /// `list_for_each_entry(pos, head, member) stmt`: a loop macro with its body.
    ITERATOR_STMT,
    /// `ENTRY`, `LBUG()` without semicolon, or a known statement macro.
    MACRO_STMT,
    // expressions
    NAME_REF,
    LITERAL,
    /// Adjacent string literals and string macros (`"a" DFID "b"`).
    STRING_EXPR,
    PAREN_EXPR,
    CALL_EXPR,
    ARG_LIST,
    INDEX_EXPR,
    FIELD_EXPR,
    POSTFIX_EXPR,
    PREFIX_EXPR,
    CAST_EXPR,
    SIZEOF_EXPR,
    ALIGNOF_EXPR,
    COMPOUND_LITERAL,
    BIN_EXPR,
    ASSIGN_EXPR,
    COND_EXPR,
    COMMA_EXPR,
    /// GNU `({ ... })`
    STMT_EXPR,
    GENERIC_EXPR,
    /// `&&label`
    LABEL_ADDR_EXPR,
    /// `asm volatile (...)` as statement body
    ASM_EXPR,
    /// A bare `{ ... }` initializer in expression position (macro arguments).
    BRACE_EXPR,
    /// An argument followed by a macro that expands to more arguments or to nothing
    /// (`dmu_buf_fill_done(db, tx LL_BFILL)`).
    MACRO_SUFFIX_EXPR,
    /// A macro argument that is no expression, kept opaque: an operator (`ASSERT3U(a, ==, b)`),
    /// designators (`.dev = d`), statements or declarations (`if (_T) kfree(_T)`).
    MACRO_ARG,
    // SmPL nodes
    /// `...` with its `when` clauses (SmPL).
    DOTS_NODE,
    WHEN_CLAUSE,
    NEST,
    DISJ,
    CONJ,
    DISJ_BRANCH,
    /// `?S` optional statement (SmPL).
    OPT_STMT,

    #[doc(hidden)]
    __LAST,
}

use SyntaxKind::*;

impl SyntaxKind {
    /// Whitespace, newlines, comments, directives, inactive code and SmPL column trivia.
    pub fn is_trivia(self) -> bool {
        (self as u16) <= SMPL_POSITION as u16
    }

    pub fn is_keyword(self) -> bool {
        (AUTO_KW as u16..=BUILTIN_OFFSETOF_KW as u16).contains(&(self as u16))
    }

    pub fn is_token(self) -> bool {
        (self as u16) < SOURCE_FILE as u16
    }

    pub fn is_node(self) -> bool {
        !self.is_token() && self != __LAST
    }

    pub(crate) fn from_raw(raw: u16) -> SyntaxKind {
        if raw < __LAST as u16 {
            // SAFETY: repr(u16) with contiguous discriminants starting at 0; checked bound.
            unsafe { std::mem::transmute::<u16, SyntaxKind>(raw) }
        } else {
            ERROR
        }
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The rowan language tag for C trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CLanguage {}

impl rowan::Language for CLanguage {
    type Kind = SyntaxKind;
    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }
    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

/// A node of the C (or SmPL body) tree.
pub type SyntaxNode = rowan::SyntaxNode<CLanguage>;
/// A token of the tree (trivia included).
pub type SyntaxToken = rowan::SyntaxToken<CLanguage>;
/// A node or a token.
pub type SyntaxElement = rowan::SyntaxElement<CLanguage>;
/// Children of a node, nodes only.
pub type SyntaxNodeChildren = rowan::SyntaxNodeChildren<CLanguage>;
pub use rowan::{TextRange, TextSize};
