//! The items of a block: statements, and `#if` groups whose directives stand between them.
//!
//! Directives are trivia in the tree, so when both branches of a conditional parsed, their
//! statements sit side by side in the block. When every directive of a group is a direct
//! child of the block (so each branch is a run of whole statements), the group becomes a
//! choice in the CFG: one path per branch, plus a skipping path when there is no `#else`. If
//! the block's directives do not nest within it (a group opened before the block or closed
//! after it, a branch splitting a statement), the block ignores its directives and its
//! statements run in sequence. So does a block whose groups nest more than 32 deep.

use c_parser::ast::is_stmt;
use c_parser::SyntaxKind::{self, *};
use c_parser::{cond_directive, CondDirective, SyntaxElement, SyntaxNode, SyntaxToken};

pub(crate) enum Item {
    Stmt(SyntaxNode),
    Ifdef(IfdefGroup),
}

pub(crate) struct IfdefGroup {
    /// Each branch: its directive (`#if...`, then `#elif`/`#else`) and its items.
    pub branches: Vec<(SyntaxToken, Vec<Item>)>,
    pub endif: SyntaxToken,
}

/// Does this node stand among statements in a block?
pub(crate) fn is_block_item(kind: SyntaxKind) -> bool {
    is_stmt(kind) || matches!(kind, FUNCTION_DEF | MACRO_DECL | ASM_DECL)
}

enum Piece {
    Stmt(SyntaxNode),
    Directive(CondDirective, SyntaxToken),
}

/// The items of a compound statement, `#if` groups formed where they nest within it.
pub(crate) fn block_items(block: &SyntaxNode) -> Vec<Item> {
    let mut pieces = Vec::new();
    for element in block.children_with_tokens() {
        match element {
            SyntaxElement::Node(n) if is_block_item(n.kind()) => pieces.push(Piece::Stmt(n)),
            SyntaxElement::Node(_) => {}
            SyntaxElement::Token(t) if t.kind() == DIRECTIVE => {
                if let Some(d) = cond_directive(t.text()) {
                    pieces.push(Piece::Directive(d, t));
                }
            }
            SyntaxElement::Token(_) => {}
        }
    }
    if !directives_nest(&pieces) {
        return pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Stmt(n) => Some(Item::Stmt(n)),
                Piece::Directive(..) => None,
            })
            .collect();
    }
    group(pieces)
}

/// Deeper `#if` nesting inside one block is flattened: the CFG walk recurses per level.
const MAX_IFDEF_DEPTH: usize = 32;

/// True when the block's conditional directives nest within it (and not too deeply).
fn directives_nest(pieces: &[Piece]) -> bool {
    let mut depth = 0usize;
    for p in pieces {
        if let Piece::Directive(d, _) = p {
            match d {
                CondDirective::If { .. } => {
                    depth += 1;
                    if depth > MAX_IFDEF_DEPTH {
                        return false;
                    }
                }
                CondDirective::Else => {
                    if depth == 0 {
                        return false;
                    }
                }
                CondDirective::Endif => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
            }
        }
    }
    depth == 0
}

/// Groups balanced pieces (checked by `directives_nest`) into items, without recursion so that
/// deeply nested directives cannot overflow the stack.
fn group(pieces: Vec<Piece>) -> Vec<Item> {
    struct Open {
        branches: Vec<(SyntaxToken, Vec<Item>)>,
    }
    let mut top: Vec<Item> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    for p in pieces {
        match p {
            Piece::Stmt(n) => match open.last_mut().and_then(|o| o.branches.last_mut()) {
                Some((_, items)) => items.push(Item::Stmt(n)),
                None => top.push(Item::Stmt(n)),
            },
            Piece::Directive(CondDirective::If { .. }, t) => open.push(Open {
                branches: vec![(t, Vec::new())],
            }),
            Piece::Directive(CondDirective::Else, t) => {
                if let Some(o) = open.last_mut() {
                    o.branches.push((t, Vec::new()));
                }
            }
            Piece::Directive(CondDirective::Endif, t) => {
                if let Some(o) = open.pop() {
                    let item = Item::Ifdef(IfdefGroup {
                        branches: o.branches,
                        endif: t,
                    });
                    match open.last_mut().and_then(|o| o.branches.last_mut()) {
                        Some((_, items)) => items.push(item),
                        None => top.push(item),
                    }
                }
            }
        }
    }
    top
}
