//! The line layout of added code, end to end: decided on the plus tree (and, for a bound
//! statement, on the C file's tree), as spatch 1.1.1 writes it. Each expected text is
//! spatch 1.1.1's output for the same rule and C file.

mod support;

const LUSTRE_START: &str = "\
static int ptlrpc_start(struct ptlrpc_request *req, int rc, int n)
{
	int retry = 0;
	int i;

	ptlrpc_wait(req);
	ptlrpc_kick(req);
	ptlrpc_poll(req);
	ptlrpc_drain(req);
	ptlrpc_proc(req);
	return retry;
out:
	return rc;
}
";

fn changed(cocci: &str, c: &str) -> String {
    support::transform(cocci, c)
}

#[test]
fn nested_if_else_in_a_block_one_level_per_block_and_body() {
    let cocci = "@@\nexpression R;\n@@\n- ptlrpc_wait(R);\n+ if (rc) {\n+   if (rc == -EAGAIN)\n+     retry++;\n+   else\n+     goto out;\n+ }\n";
    let out = changed(cocci, LUSTRE_START);
    assert!(
        out.contains(
            "\n\tif (rc) {\n\t\tif (rc == -EAGAIN)\n\t\t\tretry++;\n\t\telse\n\t\t\tgoto out;\n\t}\n\tptlrpc_kick(req);\n"
        ),
        "{out}"
    );
}

#[test]
fn an_unbraced_body_written_on_its_header_line_goes_on_the_next() {
    let cocci = "@@\nexpression R;\n@@\n- ptlrpc_kick(R);\n+ if (!R) return -ENOMEM;\n";
    let out = changed(cocci, LUSTRE_START);
    assert!(
        out.contains("\n\tif (!req)\n\t\treturn -ENOMEM;\n\tptlrpc_poll(req);\n"),
        "{out}"
    );
}

#[test]
fn for_loops_with_and_without_braces() {
    let cocci = "@@\nexpression R;\n@@\n- ptlrpc_poll(R);\n+ for (i = 0; i < n; i++) ptlrpc_free(R, i);\n+ for (i = 0; i < n; i++) {\n+   ptlrpc_free(R, i);\n+ }\n";
    let out = changed(cocci, LUSTRE_START);
    assert!(
        out.contains(
            "\n\tfor(i = 0;i < n;i++)\n\t\tptlrpc_free(req, i);\n\tfor(i = 0;i < n;i++) {\n\t\tptlrpc_free(req, i);\n\t}\n\tptlrpc_drain(req);\n"
        ),
        "{out}"
    );
}

#[test]
fn a_comment_after_a_statement_stays_on_its_line() {
    let cocci = "@@\nexpression R;\n@@\n- ptlrpc_drain(R);\n+ ptlrpc_stop(R); // drained\n";
    let out = changed(cocci, LUSTRE_START);
    assert!(
        out.contains("\n\tptlrpc_stop(req); // drained\n\tptlrpc_proc(req);\n"),
        "{out}"
    );
}

#[test]
fn directive_lines_in_added_code_stay_in_column_zero() {
    let cocci = "@@\nexpression R;\n@@\n- ptlrpc_proc(R);\n+ ptlrpc_start_proc(R);\n+#ifdef CONFIG_PROC_FS\n+ lprocfs_remove(R);\n+#endif\n+ ptlrpc_end_proc(R);\n";
    let out = changed(cocci, LUSTRE_START);
    assert!(
        out.contains(
            "\n\tptlrpc_start_proc(req);\n#ifdef CONFIG_PROC_FS\n\tlprocfs_remove(req);\n#endif\n\tptlrpc_end_proc(req);\n\treturn retry;\n"
        ),
        "{out}"
    );
}

#[test]
fn a_bound_block_is_laid_out_from_its_own_tree() {
    let cocci = "@@\nexpression E;\nstatement S;\n@@\n- if (E) S\n+ while (E) S\n";
    let c = "\
static int ptlrpc_resend(struct ptlrpc_request *req, int rc)
{
	if (req->rq_early) { rc = ptlrpc_queue(req); req->rq_sent = 1; }
	return rc;
}
";
    assert_eq!(
        changed(cocci, c),
        "\
static int ptlrpc_resend(struct ptlrpc_request *req, int rc)
{
	while (req->rq_early) {
		rc = ptlrpc_queue(req);
		req->rq_sent = 1;
	}
	return rc;
}
"
    );
}
