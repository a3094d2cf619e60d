//! What the matcher and rewriter read: token marks, metavariable kinds, positions, anchors.

use smpl_parser::{
    parse_rule_file, AnchorPlace, Constraint, Dependency, HeaderKind, ListLen, Mark, MetavarKind,
    Quantifier, RuleKind, ScriptPhase,
};
use std::path::Path;

fn parse(text: &str) -> smpl_parser::RuleFile {
    match parse_rule_file(Path::new("t.cocci"), text) {
        Ok(rf) => rf,
        Err(d) => panic!("{}", d.render_plain()),
    }
}

fn token_text(body: &smpl_parser::RuleBody, i: usize) -> &str {
    let t = &body.tokens[i];
    &body.minus.text[t.offset..t.offset + t.len]
}

#[test]
fn minus_and_context_tokens_carry_marks_and_metavariables() {
    let rf = parse("@@\nexpression E;\n@@\n  lock(E);\n- foo(E);\n+ bar(E);\n");
    let rule = &rf.rules[0];
    let body = rule.body().expect("code rule");
    let summary: Vec<(String, Mark, Option<String>)> = (0..body.tokens.len())
        .map(|i| {
            let t = &body.tokens[i];
            let mv = t.metavar.map(|m| rule.metavars[m].kind.describe());
            (token_text(body, i).to_string(), t.mark, mv)
        })
        .collect();
    let ctx = Mark::Context;
    let minus = Mark::Minus;
    let e = Some("expression".to_string());
    assert_eq!(
        summary,
        vec![
            ("lock".into(), ctx, None),
            ("(".into(), ctx, None),
            ("E".into(), ctx, e.clone()),
            (")".into(), ctx, None),
            (";".into(), ctx, None),
            ("foo".into(), minus, None),
            ("(".into(), minus, None),
            ("E".into(), minus, e),
            (")".into(), minus, None),
            (";".into(), minus, None),
        ]
    );
    assert_eq!(body.plus_runs.len(), 1);
    let run = &body.plus_runs[0];
    assert_eq!(&body.plus.text[run.range.clone()], "bar(E);");
    assert_eq!(run.place, AnchorPlace::Replace { first: 5, last: 9 });
}

#[test]
fn added_lines_anchor_after_or_before_context() {
    let rf = parse("@@\n@@\n  a();\n+ b();\n  c();\n");
    let body = rf.rules[0].body().expect("code rule");
    assert_eq!(body.plus_runs.len(), 1);
    assert_eq!(body.plus_runs[0].place, AnchorPlace::After(3));
    let rf = parse("@@\n@@\n+ b();\n  c();\n");
    let body = rf.rules[0].body().expect("code rule");
    assert_eq!(body.plus_runs[0].place, AnchorPlace::Before(0));
}

#[test]
fn positions_attach_to_the_token_before() {
    let rf = parse("@@\nposition p;\nidentifier fn;\n@@\n  fn@p(...);\n");
    let rule = &rf.rules[0];
    let body = rule.body().expect("code rule");
    let t = &body.tokens[0];
    assert_eq!(token_text(body, 0), "fn");
    assert_eq!(t.attached.len(), 1);
    assert_eq!(rule.metavars[t.attached[0]].name.name, "p");
}

#[test]
fn headers_parse_into_their_parts() {
    let rf = parse(
        "virtual patch, a, b\n@r depends on patch && !(a || ever b) using \"x.iso\" disable i1, i2 forall identifier@\n@@\n- x\n+ y\n\
         @script:python s depends on r@\nv << r.v;\nout;\n@@\nprint(v)\n",
    );
    assert_eq!(rf.virtuals, ["patch", "a", "b"]);
    let h = &rf.rules[0].header;
    assert_eq!(
        h.depends,
        Some(Dependency::And(
            Box::new(Dependency::Rule("patch".into())),
            Box::new(Dependency::Not(Box::new(Dependency::Or(
                Box::new(Dependency::Rule("a".into())),
                Box::new(Dependency::Ever("b".into())),
            )))),
        ))
    );
    assert_eq!(h.isos, ["x.iso"]);
    assert_eq!(h.disabled_isos, ["i1", "i2"]);
    assert_eq!(h.quantifier, Some(Quantifier::Forall));
    assert_eq!(h.rule_kind, Some(RuleKind::Identifier));
    let s = &rf.rules[1];
    assert_eq!(
        s.header.kind,
        HeaderKind::Script {
            phase: ScriptPhase::Script,
            language: "python".into()
        }
    );
    let script = s.script().expect("script rule");
    assert_eq!(script.bindings.len(), 2);
    assert_eq!(
        script.bindings[0].source.as_ref().map(|m| m.to_string()),
        Some("r.v".into())
    );
    assert_eq!(script.bindings[1].source, None);
    assert_eq!(script.code, "print(v)\n");
}

#[test]
fn metavariable_declarations_keep_types_lists_and_constraints() {
    let rf = parse(
        "@@\nexpression list[n] es;\n{int, long} *E;\nidentifier f =~ \"^ll_\" && != {a, b};\n\
         binary operator b = {+, -};\n@@\n  f(es, E b 1);\n",
    );
    let m = &rf.rules[0].metavars;
    assert_eq!(
        m[0].kind,
        MetavarKind::ExpressionList(ListLen::Named(smpl_parser::MetaName {
            rule: None,
            name: "n".into()
        }))
    );
    assert_eq!(
        m[1].kind,
        MetavarKind::Expression {
            types: vec!["int *".into(), "long *".into()],
            array: false
        }
    );
    assert_eq!(
        m[2].constraints,
        vec![
            Constraint::Regex {
                negated: false,
                pattern: "^ll_".into(),
                regex: smpl_parser::CompiledRegex::new("^ll_", smpl_parser::RegexDialect::Pcre)
                    .expect("valid pattern"),
            },
            Constraint::Compare {
                negated: true,
                values: vec!["a".into(), "b".into()]
            },
        ]
    );
    assert_eq!(m[3].kind, MetavarKind::BinaryOperator);
    assert_eq!(
        m[3].constraints,
        vec![Constraint::Compare {
            negated: false,
            values: vec!["+".into(), "-".into()]
        }]
    );
}

#[test]
fn an_unclosed_call_is_located() {
    let err = parse_rule_file(
        Path::new("bad.cocci"),
        "@@\nexpression E;\n@@\n- foo(E\n+ bar(E);\n",
    )
    .expect_err("unclosed call");
    let text = err.render_plain();
    assert!(text.contains("bad.cocci:"), "{text}");
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark_are_accepted() {
    let rf = parse("\u{feff}@@\r\nexpression E;\r\n@@\r\n- foo(E);\r\n+ bar(E);\r\n");
    let body = rf.rules[0].body().expect("code rule");
    assert_eq!(
        body.tokens.iter().filter(|t| t.mark == Mark::Minus).count(),
        5
    );
    assert_eq!(body.plus_runs.len(), 1);
}

#[test]
fn optional_lines_and_minus_markers_after_the_question_mark() {
    let rf = parse("@@\nexpression E;\n@@\n  foo(E);\n  ...\n?- bar(E);\n");
    let body = rf.rules[0].body().expect("code rule");
    let bar = body
        .tokens
        .iter()
        .find(|t| t.kind == c_parser::SyntaxKind::IDENT && t.offset > 0 && t.mark == Mark::Minus);
    let bar = bar.expect("a minus token");
    assert!(bar.optional);
}

#[test]
fn added_comments_belong_to_the_run() {
    let rf = parse("@@\n@@\n  a();\n+ /* ll: see below */\n+ b();\n");
    let body = rf.rules[0].body().expect("code rule");
    assert_eq!(body.plus_runs.len(), 1);
    let run = &body.plus_runs[0];
    assert_eq!(
        &body.plus.text[run.range.clone()],
        "/* ll: see below */\n+ b();"
    );
    assert_eq!(
        body.plus_tokens[run.tokens.start].kind,
        c_parser::SyntaxKind::COMMENT
    );
}

#[test]
fn rule_files_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<smpl_parser::RuleFile>();
    let rf = std::sync::Arc::new(parse("@@\nexpression E;\n@@\n- foo(E);\n"));
    let other = std::sync::Arc::clone(&rf);
    let kinds = std::thread::spawn(move || {
        let body = other.rules[0].body().expect("code rule");
        let tree = body.minus.tree();
        tree.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| body.pattern_token(t).is_some())
            .count()
    })
    .join()
    .expect("thread");
    assert_eq!(kinds, 5);
}

#[test]
fn unary_operator_metavariables_are_declared() {
    // The manual's grammar has them; spatch 1.1.1 does not parse them yet.
    let rf = parse("@@\nunary operator u = {!, ~};\nexpression E;\n@@\n- u E\n+ E\n");
    let m = &rf.rules[0].metavars[0];
    assert_eq!(m.kind, MetavarKind::UnaryOperator);
    assert_eq!(
        m.constraints,
        vec![Constraint::Compare {
            negated: false,
            values: vec!["!".into(), "~".into()]
        }]
    );
}

#[test]
fn operator_metavariables_parse_as_operators_and_stay_metavariables() {
    let rf = parse("@@\nexpression A, B;\nbinary operator op = {<, <=};\n@@\n- A op B\n+ B op A\n");
    let rule = &rf.rules[0];
    let body = rule.body().expect("code rule");
    let op = body
        .tokens
        .iter()
        .find(|t| &body.minus.text[t.offset..t.offset + t.len] == "op")
        .expect("operator token");
    assert_eq!(op.kind, c_parser::SyntaxKind::LT);
    assert_eq!(
        op.metavar.map(|i| rule.metavars[i].kind.clone()),
        Some(MetavarKind::BinaryOperator)
    );
}

#[test]
fn virtual_names_include_virtual_metavariables() {
    let rf =
        parse("virtual patch, report\n@r depends on patch@\nidentifier virtual.fn;\n@@\n- fn();\n");
    assert_eq!(rf.virtual_names(), ["patch", "report", "fn"]);
}

#[test]
fn features_are_listed_where_they_are_written() {
    use smpl_parser::Feature;
    let text = "@r depends on file in \"drivers\"@\nidentifier f : script:python() { True };\n\
                @@\n- f();\n@script:python@\nx << r.f;\n@@\nprint(x)\n";
    let rf = parse(text);
    let uses: Vec<(Feature, &str)> = rf
        .features()
        .into_iter()
        .map(|u| (u.feature, &text[u.span]))
        .collect();
    assert_eq!(
        uses,
        [
            (
                Feature::DependsOnFileIn,
                "@r depends on file in \"drivers\"@"
            ),
            (Feature::ScriptConstraint, "f"),
            (Feature::ScriptRule, "@script:python@"),
        ]
    );
    assert!(rf.refuse_unsupported(&[Feature::SubTermConstraint]).is_ok());
    let err = rf
        .refuse_unsupported(&[Feature::ScriptRule])
        .expect_err("script rules refused");
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.location(&err.problems[0]), "t.cocci:5:1");
}

#[test]
fn warnings_of_a_file_that_parses_are_kept() {
    let rf = parse("@@\nexpression E, unused;\n@@\n- kfree(E);\n+ kvfree(E, X);\n");
    let messages: Vec<&str> = rf
        .warnings
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "should `X` be a metavariable?",
            "metavariable `unused` is not used in the `-` or context code"
        ]
    );
    assert!(rf.warnings.problems.iter().all(|p| p.is_warning));
}
