//! Files, definitions, declarations, declarators and types.

use super::{ast_node, child, children, significant_tokens, token, AstNode, CompoundStmt, Expr};
use crate::SyntaxKind::{self, *};
use crate::{SyntaxNode, SyntaxToken};

ast_node!(
    /// A whole C file.
    SourceFile, SOURCE_FILE
);
ast_node!(
    /// A SmPL rule body (from `parse_smpl_body`).
    SmplBody, SMPL_BODY
);
ast_node!(
    /// `static int f(int x) { ... }`
    FunctionDef, FUNCTION_DEF
);
ast_node!(
    /// `static int a = 1, *b;` (also `struct foo { ... };`)
    Declaration, DECLARATION
);
ast_node!(
    /// `EXPORT_SYMBOL(f);` and other macros used as declarations.
    MacroDecl, MACRO_DECL
);
ast_node!(
    /// Storage classes, qualifiers, type specifiers and attributes of a declaration.
    DeclSpecs, DECL_SPECS
);
ast_node!(
    /// One declarator with its optional initializer (or bit-field width).
    InitDeclarator, INIT_DECLARATOR
);
ast_node!(
    /// `struct name { fields }` (or a reference `struct name`).
    StructSpec, STRUCT_SPEC
);
ast_node!(
    /// `union name { fields }`.
    UnionSpec, UNION_SPEC
);
ast_node!(
    /// `enum name { A, B = 2 }`.
    EnumSpec, ENUM_SPEC
);
ast_node!(
    /// `NAME = value` inside an enum.
    Enumerator, ENUMERATOR
);
ast_node!(
    /// A field declaration inside a struct or union.
    FieldDecl, FIELD_DECL
);
ast_node!(
    /// `( params )`.
    ParamList, PARAM_LIST
);
ast_node!(
    /// One parameter.
    Param, PARAM
);
ast_node!(
    /// A type in a cast, sizeof or macro argument.
    TypeName, TYPE_NAME
);
ast_node!(
    /// `{ a, .b = c }`.
    InitializerList, INITIALIZER_LIST
);
ast_node!(
    /// `.f = v`, `[i] = v`.
    DesignatedInit, DESIGNATED_INIT
);
ast_node!(
    /// `__attribute__((...))`, `__user`, `__must_hold(x)`.
    Attribute, ATTRIBUTE
);

/// Any top-level item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Function(FunctionDef),
    Declaration(Declaration),
    MacroDecl(MacroDecl),
    /// Anything else (`_Static_assert`, top-level `asm`, stray `;`, errors).
    Other(SyntaxNode),
}

impl SourceFile {
    pub fn items(&self) -> impl Iterator<Item = Item> {
        self.0.children().map(|n| match n.kind() {
            FUNCTION_DEF => Item::Function(FunctionDef(n)),
            DECLARATION => Item::Declaration(Declaration(n)),
            MACRO_DECL => Item::MacroDecl(MacroDecl(n)),
            _ => Item::Other(n),
        })
    }

    pub fn functions(&self) -> impl Iterator<Item = FunctionDef> {
        children(&self.0)
    }
}

/// The nodes that form a declarator (`*p`, `a[3]`, `(*fp)(int)`, `name`).
pub fn is_declarator(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        NAME | POINTER_DECLARATOR | PAREN_DECLARATOR | ARRAY_DECLARATOR | FUNCTION_DECLARATOR
    )
}

/// The declarator child of a node.
fn declarator_of(node: &SyntaxNode) -> Option<SyntaxNode> {
    node.children().find(|n| is_declarator(n.kind()))
}

/// The identifier a declarator declares (None for abstract declarators).
pub fn declarator_name(declarator: &SyntaxNode) -> Option<SyntaxToken> {
    let mut node = declarator.clone();
    loop {
        if node.kind() == NAME {
            return token(&node, IDENT);
        }
        node = declarator_of(&node)?;
    }
}

/// The parameter list of a function declarator (the one right around the name).
pub fn declarator_params(declarator: &SyntaxNode) -> Option<ParamList> {
    let mut node = declarator.clone();
    loop {
        if node.kind() == FUNCTION_DECLARATOR
            && declarator_of(&node).is_some_and(|d| d.kind() == NAME)
        {
            return child(&node);
        }
        node = declarator_of(&node)?;
    }
}

impl SmplBody {
    /// The body's elements: function definitions, declarations, statements, fields, or one
    /// bare expression (any node kind, errors included).
    pub fn items(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children()
    }
}

impl FunctionDef {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.0)
    }
    /// The declarator (name, parameters, pointer return type).
    pub fn declarator(&self) -> Option<SyntaxNode> {
        declarator_of(&self.0)
    }
    pub fn name(&self) -> Option<SyntaxToken> {
        self.declarator().and_then(|d| declarator_name(&d))
    }
    pub fn params(&self) -> Option<ParamList> {
        self.declarator().and_then(|d| declarator_params(&d))
    }
    /// K&R parameter declarations, if any.
    pub fn kr_declarations(&self) -> impl Iterator<Item = Declaration> {
        self.0
            .children()
            .filter(|n| n.kind() == KR_PARAM_DECLS)
            .flat_map(|n| children(&n).collect::<Vec<_>>())
    }
    pub fn body(&self) -> Option<CompoundStmt> {
        child(&self.0)
    }
}

impl Declaration {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.0)
    }
    pub fn declarators(&self) -> impl Iterator<Item = InitDeclarator> {
        children(&self.0)
    }
    pub fn is_typedef(&self) -> bool {
        self.specs().is_some_and(|s| s.is_typedef())
    }
}

impl MacroDecl {
    pub fn name(&self) -> Option<SyntaxToken> {
        self.0
            .children()
            .find(|n| n.kind() == NAME_REF)
            .and_then(|n| token(&n, IDENT))
    }
    pub fn args(&self) -> Option<super::ArgList> {
        child(&self.0)
    }
}

impl DeclSpecs {
    /// Keyword tokens (storage classes, qualifiers, basic types).
    pub fn keywords(&self) -> impl Iterator<Item = SyntaxToken> {
        significant_tokens(&self.0).filter(|t| t.kind().is_keyword())
    }
    pub fn is_typedef(&self) -> bool {
        self.keywords().any(|t| t.kind() == TYPEDEF_KW)
    }
    pub fn is_static(&self) -> bool {
        self.keywords().any(|t| t.kind() == STATIC_KW)
    }
    /// A typedef name used as the type (`u32`, `loff_t`).
    pub fn typedef_name(&self) -> Option<SyntaxToken> {
        self.0
            .children()
            .find(|n| n.kind() == TYPEDEF_NAME)
            .and_then(|n| token(&n, IDENT))
    }
    pub fn struct_spec(&self) -> Option<StructSpec> {
        child(&self.0)
    }
    pub fn union_spec(&self) -> Option<UnionSpec> {
        child(&self.0)
    }
    pub fn enum_spec(&self) -> Option<EnumSpec> {
        child(&self.0)
    }
    pub fn attributes(&self) -> impl Iterator<Item = Attribute> {
        children(&self.0)
    }
}

impl InitDeclarator {
    pub fn declarator(&self) -> Option<SyntaxNode> {
        declarator_of(&self.0)
    }
    pub fn name(&self) -> Option<SyntaxToken> {
        self.declarator().and_then(|d| declarator_name(&d))
    }
    /// The initializer after `=`: an expression or an INITIALIZER_LIST node.
    pub fn initializer(&self) -> Option<SyntaxNode> {
        token(&self.0, EQ)?;
        self.0
            .children()
            .filter(|n| !is_declarator(n.kind()) && n.kind() != ATTRIBUTE)
            .last()
    }
    /// The width of a bit field.
    pub fn bit_width(&self) -> Option<Expr> {
        self.0
            .children()
            .find(|n| n.kind() == BIT_FIELD)
            .and_then(|b| b.children().find_map(Expr::cast))
    }
}

macro_rules! record_impl {
    ($name:ident) => {
        impl $name {
            pub fn name(&self) -> Option<SyntaxToken> {
                token(&self.0, IDENT)
            }
            /// The field declarations, when the body is present.
            pub fn fields(&self) -> impl Iterator<Item = FieldDecl> {
                self.0
                    .children()
                    .filter(|n| n.kind() == FIELD_LIST)
                    .flat_map(|l| children(&l).collect::<Vec<_>>())
            }
            pub fn has_body(&self) -> bool {
                self.0.children().any(|n| n.kind() == FIELD_LIST)
            }
        }
    };
}
record_impl!(StructSpec);
record_impl!(UnionSpec);

impl FieldDecl {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.0)
    }
    pub fn declarators(&self) -> impl Iterator<Item = InitDeclarator> {
        children(&self.0)
    }
}

impl EnumSpec {
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
    pub fn enumerators(&self) -> impl Iterator<Item = Enumerator> {
        self.0
            .children()
            .filter(|n| n.kind() == ENUMERATOR_LIST)
            .flat_map(|l| children(&l).collect::<Vec<_>>())
    }
}

impl Enumerator {
    pub fn name(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
    pub fn value(&self) -> Option<Expr> {
        self.0.children().find_map(Expr::cast)
    }
}

impl ParamList {
    pub fn params(&self) -> impl Iterator<Item = Param> {
        children(&self.0)
    }
    /// `...` at the end.
    pub fn is_variadic(&self) -> bool {
        token(&self.0, ELLIPSIS).is_some()
    }
}

impl Param {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.0)
    }
    pub fn declarator(&self) -> Option<SyntaxNode> {
        declarator_of(&self.0)
    }
    pub fn name(&self) -> Option<SyntaxToken> {
        self.declarator().and_then(|d| declarator_name(&d))
    }
}

impl TypeName {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.0)
    }
    /// The abstract declarator (`*`, `[4]`, `(*)(int)`), if any.
    pub fn declarator(&self) -> Option<SyntaxNode> {
        declarator_of(&self.0)
    }
}

impl InitializerList {
    /// Elements: expressions, nested lists or DESIGNATED_INIT nodes.
    pub fn elements(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children()
    }
}

impl DesignatedInit {
    /// The DESIGNATOR nodes (`.f`, `[i]`).
    pub fn designators(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children().filter(|n| n.kind() == DESIGNATOR)
    }
    pub fn value(&self) -> Option<SyntaxNode> {
        self.0.children().filter(|n| n.kind() != DESIGNATOR).last()
    }
}

impl Attribute {
    /// `__user`, `__attribute__`, `__must_hold`.
    pub fn name(&self) -> Option<SyntaxToken> {
        significant_tokens(&self.0).next()
    }
}
