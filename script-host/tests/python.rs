//! The Python host end to end: a real `python3` child (these tests need one on PATH).

use script_host::{Input, Language, Location, Script, ScriptError, ScriptHost, Value};
use std::path::Path;

fn script<'a>(code: &'a str) -> Script<'a> {
    Script {
        rule: "r",
        file: Path::new("t.cocci"),
        line: 1,
        code,
        c_file: "",
    }
}

fn code(name: &str, text: &str) -> Input {
    Input {
        name: name.into(),
        value: Value::Code(text.into()),
    }
}

#[test]
fn out_binding_print_and_shared_state() {
    let host = ScriptHost::start(&[Language::Python], &[]).unwrap();
    let init = host
        .exec(Language::Python, &script("seen = []\n"), &[], &[])
        .unwrap();
    assert_eq!(init.stdout, "");
    let run = host
        .exec(
            Language::Python,
            &script("seen.append(fn)\nprint('got %s' % fn)\ncoccinelle.out = fn + '_locked'\n"),
            &[code("fn", "osd_read")],
            &["out".into(), "unset".into()],
        )
        .unwrap();
    assert_eq!(run.stdout, "got osd_read\n");
    assert_eq!(
        run.outputs,
        vec![
            ("out".into(), Some(Value::Code("osd_read_locked".into()))),
            ("unset".into(), None)
        ]
    );
    assert!(run.include_match && !run.exit);
    let later = host
        .exec(Language::Python, &script("print(len(seen))\n"), &[], &[])
        .unwrap();
    assert_eq!(later.stdout, "1\n");
}

#[test]
fn include_match_exit_and_reports() {
    let host = ScriptHost::start(&[Language::Python], &[]).unwrap();
    let p = Input {
        name: "p".into(),
        value: Value::Positions(vec![Location {
            file: "llite/file.c".into(),
            current_element: "ll_file_read".into(),
            current_element_line: 10,
            current_element_column: 0,
            current_element_line_end: 30,
            current_element_column_end: 1,
            line: 12,
            column: 8,
            line_end: 12,
            column_end: 20,
        }]),
    };
    let run = host
        .exec(
            Language::Python,
            &script(
                "coccilib.report.print_report(p[0], 'WARNING: leak')\n\
                 coccilib.org.print_safe_todo(p[0], 'a[1]')\n\
                 cocci.print_main('fn', p)\n\
                 cocci.include_match(False)\ncocci.exit()\n",
            ),
            &[p],
            &[],
        )
        .unwrap();
    assert_eq!(
        run.stdout,
        "llite/file.c:12:8-20: WARNING: leak\n\
         * TODO [[view:llite/file.c::face=ovl-face1::linb=12::colb=8::cole=20][a@(1)]]\n\
         * TODO [[view:llite/file.c::face=ovl-face1::linb=12::colb=8::cole=20][fn llite/file.c::12]]\n"
    );
    assert!(!run.include_match && run.exit);
}

#[test]
fn constraints_and_fresh_names() {
    let host = ScriptHost::start(&[Language::Python], &[]).unwrap();
    let yes = host
        .eval_bool(
            Language::Python,
            &script(" x.startswith('ll_') "),
            &[code("x", "ll_open")],
        )
        .unwrap();
    assert!(yes.value);
    let name = host
        .eval_string(
            Language::Python,
            &script("\"new_\" + x"),
            &[code("x", "lock")],
        )
        .unwrap();
    assert_eq!(name.value, "new_lock");
}

#[test]
fn a_failing_script_names_its_rule_and_line() {
    let host = ScriptHost::start(&[Language::Python], &[]).unwrap();
    let s = Script {
        rule: "report",
        file: Path::new("leak.cocci"),
        line: 7,
        code: "x = 1\nundefined_name\n",
        c_file: "",
    };
    let err = host.exec(Language::Python, &s, &[], &[]).unwrap_err();
    let ScriptError::Failed { rule, message } = &err else {
        panic!("{err}");
    };
    assert_eq!(rule, "report");
    assert!(message.contains("leak.cocci\", line 8"), "{message}");
    assert!(message.contains("NameError"), "{message}");
    // The host survives a failing script.
    let ok = host
        .exec(Language::Python, &script("print(x)\n"), &[], &[])
        .unwrap();
    assert_eq!(ok.stdout, "1\n");
}

#[test]
fn an_indented_script_runs_as_if_it_were_not() {
    let host = ScriptHost::start(&[Language::Python], &[]).unwrap();
    let run = host
        .exec(
            Language::Python,
            &script("  if len(fn) > 3:\n      print(fn[:3])\n"),
            &[code("fn", "osc_io")],
            &[],
        )
        .unwrap();
    assert_eq!(run.stdout, "osc\n");
}
