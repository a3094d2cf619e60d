# rcocci's Python script host: runs the Python code of a rule file for the rcocci process
# that started it. One JSON object per line on stdin (a request), one per line on the
# protocol descriptor (the reply); see docs/design/scripting.md.
#
# Every script of a rule file shares one global namespace, as scripts share state in spatch:
# `@initialize:python@` defines functions and tables, later script rules read and update
# them, `@finalize:python@` reports on them.
import io
import json
import os
import sys
import textwrap
import traceback
import types

_protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
# Whatever writes to descriptor 1 behind Python's back (a C extension) must not corrupt
# the protocol: it goes to stderr.
os.dup2(2, 1)
_requests = sys.stdin
sys.stdin = io.StringIO("")


class Location:
    """One place a position metavariable holds (`p[0].line` ...). Lines and columns are
    strings, as spatch gives them (`"on line " + p[0].line` works, `int(p[0].line)` too)."""

    def __init__(self, file, current_element, line, column, line_end, column_end,
                 current_element_line=0, current_element_column=0,
                 current_element_line_end=0, current_element_column_end=0):
        self.file = file
        self.current_element = current_element
        self.current_element_line = str(current_element_line)
        self.current_element_column = str(current_element_column)
        self.current_element_line_end = str(current_element_line_end)
        self.current_element_column_end = str(current_element_column_end)
        self.line = str(line)
        self.column = str(column)
        self.line_end = str(line_end)
        self.column_end = str(column_end)

    def __repr__(self):
        return "%s:%s:%s-%s" % (self.file, self.line, self.column, self.column_end)


class Code(str):
    """A metavariable's value: its C code as a string (`str(x)`, `x.lower()`, `x == "done"`)."""


def _link(p, msg, face):
    return "[[view:%s::face=%s::linb=%s::colb=%s::cole=%s][%s]]" % (
        p.file, face, p.line, p.column, p.column_end, msg)


def _default_msg(p, msg):
    return msg if msg != "" else "%s::%s" % (p.file, p.line)


def _print_todo(p, msg="", color="ovl-face1"):
    print("* TODO " + _link(p, _default_msg(p, msg), color))


def _print_link(p, msg="", color="ovl-face1"):
    print(_link(p, _default_msg(p, msg), color))


def _org_safe(msg):
    return msg.replace("[", "@(").replace("]", ")")


def _print_safe_todo(p, msg="", color="ovl-face1"):
    _print_todo(p, _org_safe(msg), color)


def _print_safe_link(p, msg="", color="ovl-face1"):
    _print_link(p, _org_safe(msg), color)


def _print_report(p, msg="ERROR"):
    print("%s:%s:%s-%s: %s" % (p.file, p.line, p.column, p.column_end, msg))


def _print_main(msg, p, color="ovl-face1"):
    first = p[0]
    where = "%s::%s" % (first.file, first.line)
    _print_todo(first, where if msg == "" else "%s %s" % (msg, where), color)


def _print_sec(msg, p, color="ovl-face2"):
    _print_link(p[0], msg, color)


def _print_secs(msg, ps, color="ovl-face2"):
    for p in ps:
        _print_link(p, msg, color)


class _Run:
    """What the script being run asked of rcocci."""

    def __init__(self):
        self.include = True
        self.exited = False


_run = _Run()


class _Cocci:
    """The `cocci` object of spatch's Python API."""

    cocci_file = ""
    c_files = []

    def files(self):
        return list(self.c_files)

    def include_match(self, include):
        _run.include = bool(include)

    def exit(self):
        _run.exited = True

    def make_ident(self, text):
        return Code(text)

    def make_expr(self, text):
        return Code(text)

    def make_stmt(self, text):
        return Code(text)

    def make_stmt_with_env(self, env, text):
        return Code(text)

    def make_type(self, text):
        return Code(text)

    def make_pragmainfo(self, text):
        return Code(text)

    def make_listlen(self, n):
        return Code(str(n))

    def make_position(self, fl, fn, startl, startc, endl, endc):
        return [Location(fl, fn, startl, startc, endl, endc)]

    def print_main(self, *args):
        _print_main(*args)

    def print_sec(self, *args):
        _print_sec(*args)

    def print_secs(self, *args):
        _print_secs(*args)

    def combine(self, value, locations):
        return value

    def has_env_binding(self, rule, name):
        return False


_pending = []


class Iteration:
    """Another pass over files with other virtual rules and identifiers (`-D`)."""

    def __init__(self):
        self.files = None
        self.rules = []
        self.identifiers = []
        self.extend = False

    def set_files(self, files):
        self.files = [str(f) for f in files]

    def add_virtual_rule(self, rule):
        self.rules.append(str(rule))

    def add_virtual_identifier(self, name, value):
        self.identifiers.append([str(name), str(value)])

    def extend_virtual_identifiers(self, extend=True):
        self.extend = bool(extend)

    def register(self):
        _pending.append({"files": self.files, "rules": self.rules,
                         "identifiers": self.identifiers, "extend": self.extend})


def _module(name, **members):
    m = types.ModuleType(name)
    for k, v in members.items():
        setattr(m, k, v)
    sys.modules[name] = m
    return m


_elems = _module("coccilib.elems", Location=Location)
_report = _module("coccilib.report", print_report=_print_report)
_org = _module(
    "coccilib.org",
    print_todo=_print_todo,
    print_link=_print_link,
    print_safe_todo=_print_safe_todo,
    print_safe_link=_print_safe_link,
    print_main=_print_main,
    print_sec=_print_sec,
    print_secs=_print_secs,
)
_coccilib = _module("coccilib", elems=_elems, report=_report, org=_org)
_coccinelle = types.SimpleNamespace()
_cocci = _Cocci()
_globals = {
    "__name__": "__main__",
    "__builtins__": __builtins__,
    "coccilib": _coccilib,
    "coccinelle": _coccinelle,
    "cocci": _cocci,
    "Location": Location,
    "Iteration": Iteration,
}


def _value(item):
    if "positions" in item:
        return [Location(**p) for p in item["positions"]]
    if "merge" in item:
        name = item["merge"]
        return [getattr(_coccinelle, name)] if hasattr(_coccinelle, name) else []
    if "list" in item:
        return [Code(x) for x in item["list"]]
    return Code(item["code"])


def _bind(inputs):
    for item in inputs:
        _globals[item["name"]] = _value(item)


def _output(value):
    """An out-binding as the protocol carries it: code, or the places of a position."""
    if isinstance(value, list) and value and all(isinstance(x, Location) for x in value):
        return {"positions": [
            {"file": str(p.file), "current_element": str(p.current_element),
             "line": int(p.line), "column": int(p.column),
             "current_element_line": int(getattr(p, "current_element_line", 0)),
             "current_element_column": int(getattr(p, "current_element_column", 0)),
             "current_element_line_end": int(getattr(p, "current_element_line_end", 0)),
             "current_element_column_end": int(getattr(p, "current_element_column_end", 0)),
             "line_end": int(p.line_end), "column_end": int(p.column_end)}
            for p in value]}
    return {"code": str(value)}


def _exec(req):
    outputs = req.get("outputs", [])
    for name in outputs:
        if hasattr(_coccinelle, name):
            delattr(_coccinelle, name)
    _bind(req.get("inputs", []))
    _cocci.cocci_file = req.get("file", "")
    _cocci.c_files = [req["c_file"]] if req.get("c_file") else []
    _run.include = True
    _run.exited = False
    # A script written indented under its rule header runs as if it were not.
    code = compile(textwrap.dedent(req["code"]), req.get("file", "<script>"), "exec")
    exec(code, _globals)
    out = {}
    for name in outputs:
        out[name] = _output(getattr(_coccinelle, name)) if hasattr(_coccinelle, name) else None
    return {"outputs": out, "include_match": _run.include, "exit": _run.exited}


def _eval(req):
    _bind(req.get("inputs", []))
    value = eval(compile(req["code"].strip(), req.get("file", "<script>"), "eval"), _globals)
    if req.get("want") == "bool":
        return {"value": bool(value)}
    return {"value": str(value)}


def _describe(error):
    """The traceback of a script's error, without this driver's own frames."""
    report = traceback.TracebackException.from_exception(error)
    report.stack = traceback.StackSummary.from_list(
        [f for f in report.stack if f.filename != "<string>"])
    return "".join(report.format())


def _serve():
    for line in _requests:
        if not line.strip():
            continue
        req = json.loads(line)
        captured = io.StringIO()
        sys.stdout = captured
        try:
            if req["op"] == "exec":
                reply = _exec(req)
            elif req["op"] == "iterations":
                reply = {"iterations": list(_pending)}
                _pending.clear()
            else:
                reply = _eval(req)
            reply["ok"] = True
        except SystemExit as e:
            reply = {"ok": False, "error": "the script called exit(%s)" % (e.code,)}
        except BaseException as e:
            reply = {"ok": False, "error": _describe(e)}
        finally:
            sys.stdout = sys.__stdout__
        reply["stdout"] = captured.getvalue()
        _protocol.write(json.dumps(reply) + "\n")
        _protocol.flush()


_serve()
