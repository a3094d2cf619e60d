//! The OCaml host end to end: a real `ocaml` toplevel child (these tests need one on PATH).

use script_host::{Input, Language, Location, Script, ScriptHost, Value};
use std::path::Path;

fn script<'a>(code: &'a str) -> Script<'a> {
    Script {
        rule: "r",
        file: Path::new("t.cocci"),
        line: 3,
        code,
        c_file: "",
    }
}

#[test]
fn state_outputs_positions_and_constraints() {
    let host = ScriptHost::start(&[Language::OCaml], &[]).unwrap();
    let init = host
        .exec(
            Language::OCaml,
            &script("let seen = ref 0\nlet () = print_endline \"init\"\n"),
            &[],
            &[],
        )
        .unwrap();
    assert_eq!(init.stdout, "init\n");
    let p = Input {
        name: "p".into(),
        value: Value::Positions(vec![Location {
            file: "mdc/mdc_request.c".into(),
            current_element: "mdc_getattr".into(),
            current_element_line: 30,
            current_element_column: 0,
            current_element_line_end: 50,
            current_element_column_end: 1,
            line: 40,
            column: 1,
            line_end: 40,
            column_end: 9,
        }]),
    };
    let f = Input {
        name: "f".into(),
        value: Value::Code("mdc_getattr \"x\"".into()),
    };
    let run = host
        .exec(
            Language::OCaml,
            &script(
                "seen := !seen + 1;\n\
                 Printf.printf \"%s at %d\" f (List.hd p).line;\n\
                 out := make_ident (f ^ \"_locked\");\n\
                 if (List.hd p).col > 0 then Coccilib.include_match false",
            ),
            &[p, f],
            &["out".into(), "unset".into()],
        )
        .unwrap();
    assert_eq!(run.stdout, "mdc_getattr \"x\" at 40");
    assert_eq!(
        run.outputs,
        vec![
            (
                "out".into(),
                Some(Value::Code("mdc_getattr \"x\"_locked".into()))
            ),
            ("unset".into(), None)
        ]
    );
    assert!(!run.include_match);
    let x = Input {
        name: "x".into(),
        value: Value::Code("ll_open".into()),
    };
    let yes = host
        .eval_bool(
            Language::OCaml,
            &script("!seen = 1 && x = \"ll_open\""),
            std::slice::from_ref(&x),
        )
        .unwrap();
    assert!(yes.value);
    let name = host
        .eval_string(Language::OCaml, &script("\"new_\" ^ x"), &[x])
        .unwrap();
    assert_eq!(name.value, "new_ll_open");
}

#[test]
fn a_type_error_is_reported_and_the_toplevel_survives() {
    let host = ScriptHost::start(&[Language::OCaml], &[]).unwrap();
    let err = host
        .exec(Language::OCaml, &script("let y = 1 + \"one\""), &[], &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("t.cocci\", line 3"), "{err}");
    let ok = host
        .exec(
            Language::OCaml,
            &script("print_string \"still here\""),
            &[],
            &[],
        )
        .unwrap();
    assert_eq!(ok.stdout, "still here");
}

#[test]
fn an_iteration_names_virtual_rules_by_constructor() {
    let host = ScriptHost::start(&[Language::OCaml], &["after_start", "err_fn"]).unwrap();
    host.exec(
        Language::OCaml,
        &script(
            "let it = new iteration () in\n\
             it#set_files [\"lod/lod_object.c\"];\n\
             it#add_virtual_rule After_start;\n\
             it#add_virtual_identifier Err_fn \"lod_object_find\";\n\
             it#register ()",
        ),
        &[],
        &[],
    )
    .unwrap();
    let passes = host.take_iterations().unwrap();
    assert_eq!(
        passes,
        vec![script_host::Iteration {
            files: Some(vec!["lod/lod_object.c".into()]),
            virtual_rules: vec!["after_start".into()],
            virtual_identifiers: vec![("err_fn".into(), "lod_object_find".into())],
            extend_virtual_identifiers: false,
        }]
    );
    assert!(host.take_iterations().unwrap().is_empty());
}
