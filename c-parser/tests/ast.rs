//! Typed accessors over parsed kernel-style code.

use c_parser::ast::*;
use c_parser::{parse, ParseOptions};

fn file(text: &str) -> SourceFile {
    let p = parse(text, &ParseOptions::default());
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    p.source_file().expect("source file")
}

#[test]
fn function_parts() {
    let f = file("static int ll_open(struct inode *inode, struct file *file)\n{\n\tint rc = 0;\n\tif (!inode)\n\t\treturn -EINVAL;\n\telse\n\t\trc = 1;\n\treturn rc;\n}\n");
    let func = f.functions().next().unwrap();
    assert_eq!(func.name().unwrap().text(), "ll_open");
    assert!(func.specs().unwrap().is_static());
    let params: Vec<_> = func
        .params()
        .unwrap()
        .params()
        .map(|p| p.name().unwrap().text().to_string())
        .collect();
    assert_eq!(params, ["inode", "file"]);
    let body = func.body().unwrap();
    let stmts: Vec<_> = body.statements().collect();
    assert_eq!(stmts.len(), 3);
    let decl = stmts[0].to::<Declaration>().unwrap();
    let d = decl.declarators().next().unwrap();
    assert_eq!(d.name().unwrap().text(), "rc");
    assert_eq!(d.initializer().unwrap().text().to_string(), "0");
    let iff = stmts[1].to::<IfStmt>().unwrap();
    assert_eq!(iff.condition().unwrap().text(), "!inode");
    assert_eq!(
        iff.then_branch()
            .unwrap()
            .to::<ReturnStmt>()
            .unwrap()
            .value()
            .unwrap()
            .text(),
        "-EINVAL"
    );
    assert!(iff.else_branch().is_some());
}

#[test]
fn expressions() {
    let f = file("void f(void)\n{\n\tret = ops->o_read(env, &buf[i], len) ?: -EIO;\n}\n");
    let body = f.functions().next().unwrap().body().unwrap();
    let stmt = body.statements().next().unwrap().to::<ExprStmt>().unwrap();
    let assign = stmt.expr().unwrap().to::<AssignExpr>().unwrap();
    assert_eq!(assign.op().unwrap().text(), "=");
    let cond = assign.rhs().unwrap().to::<CondExpr>().unwrap();
    assert!(cond.then_expr().is_none());
    assert_eq!(cond.else_expr().unwrap().text(), "-EIO");
    let call = cond.condition().unwrap().to::<CallExpr>().unwrap();
    let callee = call.callee().unwrap().to::<FieldExpr>().unwrap();
    assert!(callee.is_arrow());
    assert_eq!(callee.field().unwrap().text(), "o_read");
    assert_eq!(call.args().len(), 3);
}

#[test]
fn iterator_and_macros() {
    let f = file(
        "EXPORT_SYMBOL(f);\nvoid f(void)\n{\n\tlist_for_each_entry(p, &h, link)\n\t\tcount++;\n}\n",
    );
    let items: Vec<_> = f.items().collect();
    match &items[0] {
        Item::MacroDecl(m) => assert_eq!(m.name().unwrap().text(), "EXPORT_SYMBOL"),
        other => panic!("{other:?}"),
    }
    let body = f.functions().next().unwrap().body().unwrap();
    let it = body
        .statements()
        .next()
        .unwrap()
        .to::<IteratorStmt>()
        .unwrap();
    assert_eq!(it.name().unwrap(), "list_for_each_entry");
    assert_eq!(it.args().unwrap().args().count(), 3);
    assert!(it.body().unwrap().to::<ExprStmt>().is_some());
}

#[test]
fn records_and_enums() {
    let f = file("struct lu_obj {\n\tint lo_a:3, lo_b;\n\tchar *lo_name;\n};\nenum lu_e { LE_A = 1, LE_B };\n");
    let Item::Declaration(d) = f.items().next().unwrap() else {
        panic!()
    };
    let s = d.specs().unwrap().struct_spec().unwrap();
    assert_eq!(s.name().unwrap().text(), "lu_obj");
    let fields: Vec<_> = s.fields().collect();
    assert_eq!(fields.len(), 2);
    assert_eq!(
        fields[0]
            .declarators()
            .next()
            .unwrap()
            .bit_width()
            .unwrap()
            .text(),
        "3"
    );
    let Item::Declaration(e) = f.items().nth(1).unwrap() else {
        panic!()
    };
    let names: Vec<_> = e
        .specs()
        .unwrap()
        .enum_spec()
        .unwrap()
        .enumerators()
        .map(|x| x.name().unwrap().text().to_string())
        .collect();
    assert_eq!(names, ["LE_A", "LE_B"]);
}

#[test]
fn shared_parse_crosses_threads() {
    let p = c_parser::parse("int x;\n", &ParseOptions::default());
    let shared = p.shared();
    let text = std::thread::spawn(move || shared.root().text().to_string())
        .join()
        .unwrap();
    assert_eq!(text, "int x;\n");
}
