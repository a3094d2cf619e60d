//! Node-level matching: one pattern element against one C element, with backtracking.
//!
//! Matching is written in continuation-passing style: each function calls `k` with every
//! environment under which the element matches, in order of preference, and stops as soon as
//! `k` accepts one (returns true). Disjunctions, `...` and list metavariables are the choice
//! points; the continuation carries the rest of the pattern, so a later failure makes an
//! earlier choice point try its next alternative.

use crate::env::{Binding, Env};
use crate::pattern::Pattern;
use crate::syntax::{
    is_comma_list, is_expression, is_field, is_statement, kinds_compatible, normalized_text,
    sig_children, sig_range, sig_tokens, tokens_equal,
};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use smpl_parser::MetavarKind;

pub type K<'k> = &'k mut dyn FnMut(Env) -> bool;

/// One element of a pattern sequence: a pattern element, or the point where a disjunction
/// that was spliced into the sequence ends (its closing token is anchored there).
#[derive(Clone, Debug)]
pub enum Item {
    El(SyntaxElement),
    DisjEnd(Option<usize>),
}

/// Everything matching needs: the rule's side, the C text and what the file declares.
pub struct Matcher<'a> {
    pub pat: Pattern<'a>,
    pub text: &'a str,
    pub types: &'a crate::tree_facts::LazyTypeEnv,
    pub isos: &'a crate::iso::IsoSet,
    /// Matching steps left for the current start node: `...`, nests and list
    /// metavariables can make the search exponential on long blocks; past the budget the
    /// node counts as not matching.
    pub steps_left: std::cell::Cell<u64>,
    /// Matching steps left for the whole rule on this file.
    pub total_left: std::cell::Cell<u64>,
    /// Control flow of the file's functions, for `...` among statements; None where there
    /// is none to follow (a pattern matched inside a `#define` body's wrapper still has it).
    pub flow: Option<crate::flow::FlowCtx>,
    /// The C tree being matched.
    pub root: Option<SyntaxNode>,
    /// The rule, for the identifiers its pattern requires (anchored search).
    pub rule: Option<&'a smpl_parser::Rule>,
    /// Runs script constraints, when the rule file has scripts.
    pub scripts: Option<&'a dyn crate::ScriptCallbacks>,
    /// Notes why the pattern fails, for `--explain`; None otherwise.
    pub explain: Option<&'a crate::explain::Recorder>,
}

/// Matching steps allowed per start node.
pub const STEP_BUDGET: u64 = 100_000;

/// Matching steps allowed for one rule on one file (a few seconds at most).
pub const TOTAL_BUDGET: u64 = 20_000_000;

pub fn start_of(el: &SyntaxElement) -> usize {
    sig_range(el).start
}

pub fn end_of(el: &SyntaxElement) -> usize {
    sig_range(el).end
}

pub(crate) fn is_dots(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::DOTS | SyntaxKind::DOTS_NODE | SyntaxKind::NEST
    )
}

impl<'a> Matcher<'a> {
    /// Names one of which C code matching the pattern element must contain (see
    /// [`crate::anchor`]); None when the element could match code without any.
    pub fn anchors(&self, p: &SyntaxElement) -> Option<Vec<String>> {
        let rule = self.rule?;
        crate::prefilter::Requirement::of_element(rule, self.pat.body, p).anchor_names()
    }

    /// Matches pattern element `p` against C element `c`.
    pub fn m_el(&self, p: &SyntaxElement, c: &SyntaxElement, env: Env, k: K) -> bool {
        if !self.take_step() {
            return false;
        }
        let pn = match p {
            SyntaxElement::Token(pt) => return self.m_token(pt, c, env, k),
            SyntaxElement::Node(pn) => pn,
        };
        match pn.kind() {
            SyntaxKind::DISJ => self.m_disj(pn, c, env, k),
            SyntaxKind::CONJ => self.m_conj(pn, c, env, k),
            SyntaxKind::DOTS_NODE => {
                let mut env = env;
                self.map_dots(pn, sig_range(c), &mut env);
                k(env)
            }
            SyntaxKind::NEST => self.m_nest(pn, c, env, k),
            SyntaxKind::OPT_STMT => match optional_statements(pn).as_slice() {
                [one] => self.m_el(one, c, env, k),
                _ => false,
            },
            _ => self.m_code_node(p, pn, c, env, k),
        }
    }

    /// Counts one matching step against the budgets; false when one is spent.
    fn take_step(&self) -> bool {
        let (left, total) = (self.steps_left.get(), self.total_left.get());
        if left == 0 || total == 0 {
            return false;
        }
        self.steps_left.set(left - 1);
        self.total_left.set(total - 1);
        true
    }

    /// Pattern node `pn` (element `p`) of C code, not a SmPL construct, against `c`: a
    /// metavariable, a pattern that stands for C of another shape, or a node of the same kind.
    fn m_code_node(
        &self,
        p: &SyntaxElement,
        pn: &SyntaxNode,
        c: &SyntaxElement,
        env: Env,
        k: K,
    ) -> bool {
        if let Some((tok, mv)) = self.pat.single_metavar(p) {
            if let Some(done) = self.m_meta(&tok, mv, c, env.clone(), k) {
                return done;
            }
        }
        // An expression written alone (in a disjunction branch) parses as a statement
        // without `;`.
        if matches!(pn.kind(), SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT)
            && is_expression(c.kind())
        {
            if let [one] = sig_children(pn).as_slice() {
                if one.as_node().is_some() {
                    return self.m_el(one, c, env, k);
                }
            }
        }
        if let SyntaxElement::Node(cn) = c {
            if cn.kind() == SyntaxKind::MACRO_DECL {
                if let Some(items) = self.declarer_disjunction_call(pn) {
                    return self.m_seq(&items, &sig_children(cn), start_of(c), false, env, k);
                }
            }
        }
        match c {
            SyntaxElement::Node(cn) => self.m_node(p, pn, c, cn, env, k),
            // A name in a disjunction (`struct \(one\|two\)`) against the bare identifier
            // token C has there.
            SyntaxElement::Token(_) => match (pn.kind(), sig_tokens(p).as_slice()) {
                (SyntaxKind::NAME | SyntaxKind::NAME_REF, [one]) => self.m_token(one, c, env, k),
                _ => false,
            },
        }
    }

    /// Pattern node `pn` (element `p`) against C node `cn` (element `c`): child by child when
    /// their kinds agree, else through the isomorphisms.
    fn m_node(
        &self,
        p: &SyntaxElement,
        pn: &SyntaxNode,
        c: &SyntaxElement,
        cn: &SyntaxNode,
        env: Env,
        k: K,
    ) -> bool {
        if !kinds_compatible(pn.kind(), cn.kind()) {
            self.explain_shape(p, c);
            return crate::iso::m_iso(self, pn, cn, env, k);
        }
        if crate::iso::block_only_as_statement(self, pn, cn) {
            return crate::iso::m_iso(self, pn, cn, env, k);
        }
        // A function pattern written without its return type matches any.
        if pn.kind() == SyntaxKind::DECL_SPECS && sig_children(pn).is_empty() {
            let mut env = env;
            if let Some(next) = next_sig_token(pn).and_then(|t| self.pat.token_index(&t)) {
                env.implicit.push((next, sig_range(c)));
            }
            return k(env);
        }
        if pn.kind() == SyntaxKind::DECL_SPECS {
            return self.m_decl_specs(pn, cn, env, k);
        }
        if is_comma_list(pn.kind()) {
            return self.m_list(pn, cn, env, k);
        }
        if matches!(
            pn.kind(),
            SyntaxKind::BREAK_STMT | SyntaxKind::CONTINUE_STMT
        ) && self
            .flow
            .as_ref()
            .is_some_and(|f| !f.same_jump_target(pn, cn))
        {
            return false;
        }
        let mut items: Vec<Item> = sig_children(pn).into_iter().map(Item::El).collect();
        let mut cs = sig_children(cn);
        self.leave_out_unwritten_semicolon(pn, c, &mut items, &mut cs);
        let mut env = env;
        self.leave_out_attributes(pn, &mut cs, &mut env);
        crate::syntax::open_for_declaration(pn, &mut cs);
        let mut seq = || self.m_seq(&items, &cs, start_of(c), false, env.clone(), k);
        let found = match &self.flow {
            Some(f) => f.within_loop(pn, cn, seq),
            None => seq(),
        };
        found
            || pn.kind() == SyntaxKind::TYPE_NAME
                && self.m_type_name_attributes(pn, cn, env.clone(), k)
            || crate::iso::m_iso(self, pn, cn, env, k)
    }

    /// Statements written without their `;` on one side, the other side having it: the
    /// `;` is left out of the comparison.
    fn leave_out_unwritten_semicolon(
        &self,
        pn: &SyntaxNode,
        c: &SyntaxElement,
        items: &mut Vec<Item>,
        cs: &mut Vec<SyntaxElement>,
    ) {
        let pattern_has_semi =
            matches!(items.last(), Some(Item::El(semi)) if semi.kind() == SyntaxKind::SEMI);
        let c_has_semi = cs.last().is_some_and(|c| c.kind() == SyntaxKind::SEMI);
        // A statement macro written without its `;` (`FREE_PTR(p)` alone on its line) is
        // the statement `FREE_PTR(p);` the pattern names, as in spatch.
        if c.kind() == SyntaxKind::MACRO_STMT
            && cs.last().is_some_and(|c| c.kind() != SyntaxKind::SEMI)
            && self.ends_its_line(sig_range(c).end)
            && items.len() == 2
            && pattern_has_semi
        {
            items.pop();
        }
        // A `do ... while (0)` without its `;` (the code of a `#define` pattern, as macros
        // are written) is the statement the macro's uses complete.
        if pn.kind() == SyntaxKind::DO_STMT && c_has_semi && !pattern_has_semi {
            cs.pop();
        }
    }

    /// Whether only blanks and comments follow `end` on its line.
    fn ends_its_line(&self, end: usize) -> bool {
        let rest = self.text.get(end..).unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("");
        let line = line.trim();
        line.is_empty()
            || line.starts_with("//")
            || (line.starts_with("/*") && line.ends_with("*/"))
    }

    fn m_token(&self, pt: &SyntaxToken, c: &SyntaxElement, env: Env, k: K) -> bool {
        if let Some(mv) = self.pat.metavar_of(pt) {
            return self.m_meta(pt, mv, c, env, k).unwrap_or(false);
        }
        if pt.kind() == SyntaxKind::DOTS {
            let mut env = env;
            if let Some(i) = self.pat.token_index(pt) {
                env.map_token(i, sig_range(c));
            }
            return k(env);
        }
        if pt.kind() == SyntaxKind::STRING {
            if let Some(done) = self.m_format_string(pt, c, env.clone(), k) {
                return done;
            }
        }
        let SyntaxElement::Token(ct) = c else {
            self.explain_token(pt, c);
            return false;
        };
        if !tokens_equal(pt, ct) {
            self.explain_token(pt, c);
            return false;
        }
        let mut env = env;
        if let Some(i) = self.pat.token_index(pt) {
            if !self.positions_accept((pt, i), c, &sig_range(c), &env) {
                return false;
            }
            env.map_token(i, sig_range(c));
        }
        k(env)
    }

    /// The branches of a disjunction or conjunction, each as its significant elements, and
    /// the indices of its opening and closing tokens.
    pub fn branches(
        &self,
        node: &SyntaxNode,
    ) -> (Vec<Vec<SyntaxElement>>, Option<usize>, Option<usize>) {
        let mut branches = Vec::new();
        let mut open = None;
        let mut close = None;
        for ch in sig_children(node) {
            match &ch {
                SyntaxElement::Node(b) if b.kind() == SyntaxKind::DISJ_BRANCH => {
                    branches.push(sig_children(b));
                }
                SyntaxElement::Token(t) if t.kind() == SyntaxKind::DISJ_OPEN => {
                    open = self.pat.token_index(t);
                }
                SyntaxElement::Token(t) if t.kind() == SyntaxKind::DISJ_CLOSE => {
                    close = self.pat.token_index(t);
                }
                _ => {}
            }
        }
        (branches, open, close)
    }

    fn m_disj(&self, pn: &SyntaxNode, c: &SyntaxElement, env: Env, k: K) -> bool {
        let (branches, open, close) = self.branches(pn);
        let r = sig_range(c);
        let singles: Vec<&SyntaxElement> = branches
            .iter()
            .filter_map(|b| match b.as_slice() {
                [one] => Some(one),
                _ => None,
            })
            .collect();
        for (i, one) in singles.iter().enumerate() {
            let mut env = env.clone();
            if let Some(o) = open {
                env.map_token(o, r.start..r.start);
            }
            if let Some(cl) = close {
                env.map_token(cl, r.end..r.end);
            }
            // A later branch matches only where no earlier one does with the same values of
            // the metavariables they share (spatch's `A | (!A & B)`): with `...` every way
            // through the code is looked for, and the first branch's ways must not let the
            // second one in as well.
            let earlier = &singles[..i];
            let found = self.m_el(one, c, env, &mut |e| {
                if earlier
                    .iter()
                    .any(|a| self.m_el(a, c, e.clone(), &mut |_| true))
                {
                    return false;
                }
                k(e)
            });
            if found {
                return true;
            }
        }
        false
    }

    /// Binds a metavariable to a run of C elements (a list).
    pub fn bind_range(
        &self,
        tok: &SyntaxToken,
        mv: usize,
        range: std::ops::Range<usize>,
        els: &[SyntaxElement],
        env: &mut Env,
    ) -> bool {
        let normalized = els
            .iter()
            .map(normalized_text)
            .collect::<Vec<_>>()
            .join(" , ");
        let field_list = matches!(self.pat.kind(mv), MetavarKind::FieldList(_))
            .then(|| crate::field_lists::field_list_text(els))
            .flatten();
        let b = Binding {
            text: field_list
                .unwrap_or_else(|| self.text.get(range.clone()).unwrap_or("").to_string()),
            normalized,
            range: range.clone(),
        };
        if !self.constraints_hold(mv, &b, env)
            || !env.bind(mv, b)
            || !self.bind_list_len(mv, els.len(), env)
        {
            return false;
        }
        if let Some(i) = self.pat.token_index(tok) {
            env.map_token(i, range);
        }
        true
    }

    /// Whether `c` is of a kind metavariable `mv` can stand for.
    fn may_stand_for(&self, mv: usize, c: &SyntaxElement) -> bool {
        use SyntaxKind::*;
        let ck = c.kind();
        let single_ident = || match c {
            SyntaxElement::Token(t) => t.kind() == IDENT,
            SyntaxElement::Node(n) => {
                matches!(n.kind(), NAME | NAME_REF | TYPEDEF_NAME)
                    && matches!(sig_tokens(c).as_slice(), [t] if t.kind() == IDENT)
            }
        };
        match self.pat.kind(mv) {
            MetavarKind::Identifier
            | MetavarKind::Function { .. }
            | MetavarKind::Declarer
            | MetavarKind::Iterator
            | MetavarKind::Attribute
            | MetavarKind::IdentifierList(_) => single_ident(),
            MetavarKind::Expression { .. } => is_expression(ck),
            MetavarKind::ExpressionList(_) => is_expression(ck),
            MetavarKind::Initializer | MetavarKind::InitializerList(_) => {
                is_expression(ck) || ck == INITIALIZER_LIST || ck == DESIGNATED_INIT
            }
            MetavarKind::IdExpression { scope, .. } => {
                ck == NAME_REF && {
                    let name = normalized_text(c);
                    let at = start_of(c);
                    match scope {
                        smpl_parser::IdScope::Local => self.types.is_local(&name, at),
                        smpl_parser::IdScope::Global => !self.types.is_local(&name, at),
                        smpl_parser::IdScope::Any => true,
                    }
                }
            }
            MetavarKind::Constant { types } => {
                crate::syntax::is_constant_expression(c, types.is_empty())
            }
            MetavarKind::Type => {
                matches!(
                    ck,
                    TYPE_NAME | TYPEDEF_NAME | STRUCT_SPEC | UNION_SPEC | ENUM_SPEC | TYPEOF_SPEC
                ) || ck == DECL_SPECS && !sig_tokens(c).is_empty()
                    || matches!(c, SyntaxElement::Token(t) if t.kind() == IDENT || t.kind().is_keyword())
            }
            // As in spatch, a statement is also a `case` or `default` label (spatch's labeled
            // statement; code added after it follows the label), and a `switch`'s block is
            // no statement of its own.
            MetavarKind::Statement => {
                matches!(ck, CASE_LABEL | DEFAULT_LABEL)
                    || is_statement(ck) && !crate::syntax::is_switch_body(c)
            }
            MetavarKind::StatementList(_) => is_statement(ck),
            MetavarKind::Declaration => matches!(ck, DECLARATION | MACRO_DECL),
            MetavarKind::Field | MetavarKind::FieldList(_) => is_field(c),
            MetavarKind::Parameter | MetavarKind::ParameterList(_) => ck == PARAM,
            MetavarKind::BinaryOperator
            | MetavarKind::AssignmentOperator
            | MetavarKind::UnaryOperator => {
                matches!(c, SyntaxElement::Token(t) if !t.kind().is_keyword() && t.kind() != IDENT)
            }
            MetavarKind::Metavariable => true,
            MetavarKind::Format | MetavarKind::FormatList(_) => matches!(ck, STRING_EXPR),
            _ => false,
        }
    }

    /// Whether `c` has the types metavariable `mv` is declared with (`expression T *E;`,
    /// `expression E[];`).
    fn declared_types_agree(&self, mv: usize, c: &SyntaxElement, env: &mut Env) -> bool {
        let (types, array): (&[String], bool) = match self.pat.kind(mv) {
            MetavarKind::Expression { types, array } => (types, *array),
            MetavarKind::IdExpression { types, .. } | MetavarKind::Constant { types } => {
                (types, false)
            }
            _ => (&[], false),
        };
        match (array, types.is_empty()) {
            // `expression E[];`: any array.
            (true, true) => self
                .types
                .type_of(c)
                .is_some_and(|t| crate::types::normalize_type(&t).ends_with("[]")),
            (true, false) => {
                let wanted: Vec<String> = types.iter().map(|t| format!("{t} []")).collect();
                self.type_ok(&wanted, c, env)
            }
            (false, _) => self.type_ok(types, c, env),
        }
    }

    /// A metavariable against a C element: `None` when the element is not of a kind the
    /// metavariable can stand for (the caller then tries the pattern's structure).
    pub fn m_meta(
        &self,
        tok: &SyntaxToken,
        mv: usize,
        c: &SyntaxElement,
        env: Env,
        k: K,
    ) -> Option<bool> {
        let ck = c.kind();
        let accept = self.may_stand_for(mv, c);
        if !accept {
            self.explain_kind(tok, mv, c);
            return None;
        }
        if crate::syntax::is_label_after_jump(c) && follows_pattern_statement(tok) {
            // No path goes from a `break;` (or `return`, `goto`) to the label after it.
            return Some(false);
        }
        let mut range = sig_range(c);
        let mut normalized = normalized_text(c);
        if is_expression(ck) {
            let term = crate::conditional_terms::conditional_term(c, &range);
            range.end = term.end;
            normalized = term.normalized.unwrap_or(normalized);
        }
        let mut env = env;
        // A type leaves out the storage class and attributes before it.
        if matches!(self.pat.kind(mv), MetavarKind::Type) && ck == SyntaxKind::DECL_SPECS {
            if let Some((r, n, left_out)) = crate::types::type_part(c) {
                (range, normalized) = (r, n);
                if let Some(i) = self.pat.token_index(tok) {
                    env.implicit.extend(left_out.into_iter().map(|o| (i, o)));
                }
            }
        }
        let mut b = Binding {
            text: self.text.get(range.clone()).unwrap_or("").to_string(),
            normalized,
            range: range.clone(),
        };
        if matches!(self.pat.kind(mv), MetavarKind::Type) {
            self.same_type_as_bound(mv, &mut b, &env);
        }
        if !self.constraints_hold(mv, &b, &env) {
            self.explain_constraint(tok, mv, c, &b, &env);
            return Some(false);
        }
        if !env.bind(mv, b.clone()) || !self.same_variables(mv, &b, &env) {
            self.explain_rebound(tok, mv, c, &env);
            return Some(false);
        }
        if !self.declared_types_agree(mv, c, &mut env) {
            self.explain_type(tok, mv, c);
            return Some(false);
        }
        if let Some(i) = self.pat.token_index(tok) {
            if !self.positions_accept((tok, i), c, &range, &env) {
                return Some(false);
            }
            env.map_token(i, range);
        }
        Some(k(env))
    }
}

/// The first significant token after a node (in its parent), even when the node is empty.
/// What an optional statement (`? S`) holds, without its `?`.
pub(crate) fn optional_statements(opt: &SyntaxNode) -> Vec<SyntaxElement> {
    sig_children(opt)
        .into_iter()
        .filter(|e| e.kind() != SyntaxKind::OPT_MARK)
        .collect()
}

fn next_sig_token(node: &SyntaxNode) -> Option<SyntaxToken> {
    let end = node.text_range().end();
    let parent = node.parent()?;
    parent
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| !t.kind().is_trivia() && t.text_range().start() >= end)
}

/// Whether the pattern statement holding token `tok` comes right after another pattern
/// statement (not `...`): the C code it matches follows that one's in the control flow.
fn follows_pattern_statement(tok: &SyntaxToken) -> bool {
    let mut node = tok.parent();
    while let Some(n) = node {
        let Some(parent) = n.parent() else {
            return false;
        };
        if !matches!(
            parent.kind(),
            SyntaxKind::SMPL_BODY | SyntaxKind::COMPOUND_STMT | SyntaxKind::DISJ_BRANCH
        ) {
            node = Some(parent);
            continue;
        }
        match n.prev_sibling() {
            Some(prev) => return !matches!(prev.kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST),
            // The first statement of a disjunction's branch follows what precedes the
            // disjunction.
            None if parent.kind() == SyntaxKind::DISJ_BRANCH => node = parent.parent(),
            None => return false,
        }
    }
    false
}
