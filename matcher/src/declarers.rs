//! Declarer names in disjunctions: `\(DEFINE_MUTEX\|DEFINE_SPINLOCK\)(l);` parses as a call
//! statement, while the C code it stands for is a declarer's statement.

use crate::node::{Item, Matcher};
use crate::syntax::{normalized_text, sig_children};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::MetavarKind;

impl Matcher<'_> {
    /// `\(D1\|D2\)(...);` with declarer names parses as a call statement, the C code they
    /// match as a declarer's statement: the call's parts and the `;`, to match the C one's.
    pub(crate) fn declarer_disjunction_call(&self, pn: &SyntaxNode) -> Option<Vec<Item>> {
        let children = sig_children(pn);
        let [SyntaxElement::Node(call), semi] = children.as_slice() else {
            return None;
        };
        let parts = sig_children(call);
        let disj = parts.first()?.as_node()?;
        let declarers = call.kind() == SyntaxKind::CALL_EXPR
            && disj.kind() == SyntaxKind::DISJ
            && self.branches(disj).0.iter().all(|b| match b.as_slice() {
                [one] => {
                    let name = normalized_text(one);
                    self.pat.metavars.iter().any(|d| {
                        d.name.name == name
                            && matches!(d.kind, MetavarKind::Declarer | MetavarKind::DeclarerName)
                    })
                }
                _ => false,
            });
        let items = parts.into_iter().chain([semi.clone()]).map(Item::El);
        declarers.then(|| items.collect())
    }
}
