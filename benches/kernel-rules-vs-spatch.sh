#!/usr/bin/env bash
# Rule files in the style of the kernel's scripts/coccinelle/ run with rcocci and spatch in the
# modes of `make coccicheck` (-D patch, -D report, -D context; --very-quiet, --no-includes,
# --include-headers); per rule, mode and corpus the sites each tool finds and how many are
# the same.
#   benches/kernel-rules-vs-spatch.sh RULES_DIR [CORPUS...]
#     RULES_DIR  directory of .cocci files (each declares the modes it has as `virtual`)
#     CORPUS     C trees (default /tmp/rcocci-corpora/bcachefs and lustre2026-kernel)
# A site is a line of report output (FILE:LINE:COL-COL: message) or a hunk of a diff (keyed
# by file and hunk text, line numbers included; a rule may print both in one mode). MODES (default "patch report
# context") restricts the modes; JOBS (default 2) is passed to both tools. The outputs are
# kept in the directory printed at the end.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 RULES_DIR [CORPUS...]" >&2; exit 2; }
RULES=$(cd "$1" && pwd); shift
CORPORA=("$@")
[ ${#CORPORA[@]} -gt 0 ] || CORPORA=(/tmp/rcocci-corpora/bcachefs /tmp/rcocci-corpora/lustre2026-kernel)
BIN=${BIN:-$ROOT/target/release/rcocci}
MODES=${MODES:-patch report context}
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-300}
OUT=$(mktemp -d)
# spatch recurses deeply on long functions and Lustre's headers.
ulimit -s unlimited 2>/dev/null || true

# One site per line: hunks of a diff flattened to "file<TAB>hunk text with \n escaped", or
# the report lines as they are; sorted.
sites() {
  python3 - "$1" "$2" <<'PY'
import re, sys
path, top = sys.argv[1], sys.argv[2]
report = re.compile(r'^\S+:\d+:\d+-\d+: ')
out, cur, hunk = [], None, None
def flush():
    if cur is not None and hunk:
        out.append(cur + '\t' + '\\n'.join(hunk))
for l in open(path, errors='replace').read().splitlines():
    if report.match(l):
        # Report lines name files as found under --dir, the same for both tools.
        flush(); hunk = None; cur = None
        out.append(l)
    elif l.startswith('--- '):
        flush(); hunk = None
        name = re.sub(r'^(a/|\./)', '', l[4:].split('\t')[0].strip())
        if name.startswith(top + '/'):
            name = name[len(top) + 1:]
        cur = name
    elif l.startswith('+++ ') or l.startswith('diff '):
        continue
    elif l.startswith('@@'):
        flush(); hunk = [l]
    elif hunk is not None:
        hunk.append(l)
flush()
for s in sorted(out):
    print(s)
PY
}

printf '%-24s %-8s %-20s %7s %7s %9s\n' rule mode corpus spatch rcocci identical
for rule in "$RULES"/*.cocci; do
  name=$(basename "$rule" .cocci)
  for mode in $MODES; do
    grep -Eq "^virtual[[:space:]]+$mode\b" "$rule" || continue
    for corpus in "${CORPORA[@]}"; do
      top=$(basename "$corpus"); tag="$name.$mode.$top"
      args=(-D "$mode" --very-quiet --no-includes --include-headers -j "$JOBS" --sp-file "$rule" --dir "$top")
      (cd "$corpus/.." && timeout "$TIMEOUT" spatch "${args[@]}" > "$OUT/$tag.spatch" 2> "$OUT/$tag.spatch.err")
      spatch_rc=$?
      (cd "$corpus/.." && timeout "$TIMEOUT" "$BIN" "${args[@]}" > "$OUT/$tag.rcocci" 2> "$OUT/$tag.rcocci.err")
      rcocci_rc=$?
      sites "$OUT/$tag.spatch" "$top" > "$OUT/$tag.spatch.sites"
      sites "$OUT/$tag.rcocci" "$top" > "$OUT/$tag.rcocci.sites"
      s=$(wc -l < "$OUT/$tag.spatch.sites"); r=$(wc -l < "$OUT/$tag.rcocci.sites")
      same=$(comm -12 "$OUT/$tag.spatch.sites" "$OUT/$tag.rcocci.sites" | wc -l)
      [ "$spatch_rc" = 124 ] && { s="—"; same="—"; }
      [ "$rcocci_rc" = 124 ] && { r="—"; same="—"; }
      printf '%-24s %-8s %-20s %7s %7s %9s\n' "$name" "$mode" "$top" "$s" "$r" "$same"
    done
  done
done
echo "outputs kept in $OUT (RULE.MODE.CORPUS.{spatch,rcocci}[.err|.sites])"
