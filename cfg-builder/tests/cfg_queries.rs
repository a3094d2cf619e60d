//! The queries the matcher uses: statement to node, successors by edge kind, flow-only
//! neighbours, brace copies, macro flows from a macro file, Graphviz output.

use c_parser::ast::{self, AstNode};
use c_parser::SyntaxKind::*;
use c_parser::{parse, MacroTable, ParseOptions, SyntaxNode};
use cfg_builder::{build_cfg, build_cfg_for_node, Cfg, EdgeKind, NodeKind};

const CODE: &str = r#"
static int osc_io_check(struct osc_object *obj, int count)
{
	int rc = 0;

	if (count > 0) {
		rc = osc_io_start(obj);
		if (rc)
			return rc;
	}
	while (count--)
		osc_io_step(obj);
	return rc;
}
"#;

fn first_function(code: &str) -> (SyntaxNode, ast::FunctionDef) {
    let parsed = parse(code, &ParseOptions::default());
    let func = parsed
        .root
        .descendants()
        .find_map(ast::FunctionDef::cast)
        .expect("the test code has a function");
    (parsed.root, func)
}

fn find(root: &SyntaxNode, kind: c_parser::SyntaxKind, text: &str) -> SyntaxNode {
    root.descendants()
        .find(|n| n.kind() == kind && n.text().to_string().starts_with(text))
        .unwrap_or_else(|| panic!("no {kind:?} starting with {text:?}"))
}

fn cfg_of(code: &str) -> (SyntaxNode, Cfg) {
    let (root, func) = first_function(code);
    let cfg = build_cfg(&func, &MacroTable::builtin());
    (root, cfg)
}

#[test]
fn statement_nodes_and_branch_edges() {
    let (root, cfg) = cfg_of(CODE);
    let outer_if = find(&root, IF_STMT, "if (count > 0)");
    let header = cfg.node_for(&outer_if).unwrap();
    assert_eq!(cfg.node(header).kind, NodeKind::IfHeader);
    let succ: Vec<(NodeKind, EdgeKind)> = cfg
        .successors(header)
        .into_iter()
        .map(|(n, k)| (cfg.node(n).kind, k))
        .collect();
    assert_eq!(
        succ,
        vec![
            (NodeKind::Then, EdgeKind::True),
            (NodeKind::FallThrough, EdgeKind::False),
            (NodeKind::After, EdgeKind::After),
        ]
    );
    // Execution never takes the [after] edge.
    let flow: Vec<NodeKind> = cfg
        .flow_successors(header)
        .into_iter()
        .map(|n| cfg.node(n).kind)
        .collect();
    assert_eq!(flow, vec![NodeKind::Then, NodeKind::FallThrough]);
    let end = cfg.node_of_kind(&outer_if, NodeKind::EndIf).unwrap();
    assert_eq!(cfg.flow_predecessors(end).len(), 2);
    // The header's text range is `if (count > 0)`.
    let range = cfg.node(header).range.unwrap();
    assert_eq!(&CODE[range], "if (count > 0)");
}

#[test]
fn return_passes_through_brace_copies() {
    let (root, cfg) = cfg_of(CODE);
    let ret = find(&root, RETURN_STMT, "return rc;");
    let ret_node = cfg.node_for(&ret).unwrap();
    // return rc; -> } of the outer if's block (copy) -> } of the body (copy) -> exit
    let mut chain = Vec::new();
    let mut at = ret_node;
    while at != cfg.exit() {
        let next = cfg.flow_successors(at);
        assert_eq!(next.len(), 1);
        at = next[0];
        chain.push(cfg.node(at).clone());
    }
    let kinds: Vec<(NodeKind, bool)> = chain.iter().map(|n| (n.kind, n.is_copy)).collect();
    assert_eq!(
        kinds,
        vec![
            (NodeKind::BlockClose, true),
            (NodeKind::BlockClose, true),
            (NodeKind::Exit, false)
        ]
    );
    let block = find(&root, COMPOUND_STMT, "{\n\t\trc = osc_io_start");
    assert_eq!(chain[0].syntax.as_ref(), Some(&block));
    // The block's own `}` is a different node, listed after its `{`.
    let own_close = cfg.node_of_kind(&block, NodeKind::BlockClose).unwrap();
    assert!(!cfg.node(own_close).is_copy);
    assert_eq!(
        cfg.node(cfg.node_for(&block).unwrap()).kind,
        NodeKind::BlockOpen
    );
    assert!(cfg.nodes_for(&block).len() >= 4); // {, [after], }, the copy
}

#[test]
fn loops_have_back_edges_and_entry_exit() {
    let (root, cfg) = cfg_of(CODE);
    let while_stmt = find(&root, WHILE_STMT, "while");
    let header = cfg.node_for(&while_stmt).unwrap();
    let step = cfg
        .node_for(&find(&root, EXPR_STMT, "osc_io_step"))
        .unwrap();
    assert_eq!(cfg.successors(step), vec![(header, EdgeKind::Back)]);
    assert!(cfg.predecessors(cfg.entry()).is_empty());
    assert!(cfg.successors(cfg.exit()).is_empty());
    assert_eq!(cfg.node(cfg.entry()).kind, NodeKind::Entry);
    assert_eq!(cfg.name().as_deref(), Some("osc_io_check"));
    assert!(cfg.node(cfg.error_exit()).unreachable);
}

#[test]
fn only_function_definitions_get_a_cfg() {
    let (root, func) = first_function(CODE);
    let macros = MacroTable::builtin();
    assert!(build_cfg_for_node(func.syntax(), &macros).is_some());
    assert!(build_cfg_for_node(&root, &macros).is_none());
    assert_eq!(cfg_builder::build_all(&root, &macros).len(), 1);
}

#[test]
fn macro_file_flows_are_used() {
    let code = r#"
static int mdd_check(struct mdd_device *mdd)
{
	if (!mdd)
		MDD_BAIL(cleanup, -EINVAL);
	if (mdd->mdd_dead)
		MDD_RETURN(-ESHUTDOWN);
	mdd_fatal(mdd);
cleanup:
	return 0;
}
"#;
    let mut macros = MacroTable::builtin();
    macros
        .add_macro_file(
            "#define MDD_BAIL(label, rc) do { mdd_rc = rc; goto label; } while (0)\n\
             #define MDD_RETURN(rc) return rc\n\
             #define mdd_fatal(m) LBUG()\n",
        )
        .unwrap();
    let (root, func) = first_function(code);
    let cfg = build_cfg(&func, &macros);
    let kind_of = |text: &str| {
        let stmt = root
            .descendants()
            .find(|n| ast::is_stmt(n.kind()) && n.text().to_string().starts_with(text))
            .unwrap();
        cfg.node_for(&stmt).unwrap()
    };
    let bail = kind_of("MDD_BAIL");
    let label = kind_of("cleanup:");
    assert_eq!(cfg.node(bail).kind, NodeKind::Goto);
    assert_eq!(cfg.successors(bail), vec![(label, EdgeKind::Goto)]);
    let ret = kind_of("MDD_RETURN");
    assert_eq!(cfg.node(ret).kind, NodeKind::Return);
    let fatal = kind_of("mdd_fatal");
    assert_eq!(
        cfg.successors(fatal),
        vec![(cfg.error_exit(), EdgeKind::Normal)]
    );
    // The label is reached only by the goto: the code before it never falls through.
    assert_eq!(cfg.predecessors(label), vec![(bail, EdgeKind::Goto)]);
}

#[test]
fn graphviz_output() {
    let (_, cfg) = cfg_of(CODE);
    let dot = cfg.to_dot();
    assert!(dot.starts_with("digraph \"osc_io_check\" {"));
    assert!(dot.contains("[label=\"true\"]"));
    assert!(dot.contains("[label=\"back\"]"));
    assert!(dot.contains("style=dotted"));
    assert!(dot.trim_end().ends_with('}'));
}
