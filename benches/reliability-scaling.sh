#!/usr/bin/env bash
# Doubling series for issue 14's linear-behaviour figures, whole process, generated inputs:
#   edits   N changes in one file (one function per 8 statements)
#   brace   a file of N functions with one stray `{` in the first
#   rules   a rule file of N rules over a small file
# Prints N, wall seconds, user seconds and peak RSS per step.
#   benches/reliability-scaling.sh [BIN]
set -euo pipefail
BIN=${1:-$(cd "$(dirname "$0")/.." && pwd)/target/release/rcocci}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
measure() { /usr/bin/time -f "%e %U %M" "$@" >/dev/null 2>"$T/time" || true; tail -1 "$T/time"; }
functions() { # N functions of 8 freeing statements each
	for ((f = 0; f < $1; f++)); do
		printf 'static void fini_%d(struct obd_export *exp)\n{\n' "$f"
		for ((s = 0; s < 8; s++)); do printf '\tOBD_FREE_PTR(exp->exp_data_%d);\n' "$s"; done
		printf '}\n\n'
	done
}
printf '@@\nexpression E;\n@@\n- OBD_FREE_PTR(E);\n+ kfree(E);\n' > "$T/free.cocci"
echo "edits: N wall user maxrss_kb"
for n in 2000 4000 8000 16000; do
	functions $((n / 8)) > "$T/edits.c"
	echo "$n $(measure "$BIN" --sp-file "$T/free.cocci" "$T/edits.c")"
done
echo "brace (one stray { in the first function): lines wall user maxrss_kb"
for n in 250 500 1000 2000; do
	{ printf 'static void broken(void)\n{\n\tif (x) {\n\tfoo();\n}\n\n'; functions "$n"; } > "$T/brace.c"
	echo "$(wc -l < "$T/brace.c") $(measure "$BIN" --sp-file "$T/free.cocci" "$T/brace.c")"
done
echo "rules: N wall user maxrss_kb"
functions 4 > "$T/small.c"
for n in 1000 2000 4000 8000; do
	for ((r = 0; r < n; r++)); do
		printf '@r%d@\nexpression E;\n@@\n- OBD_FREE_%d(E);\n+ kfree_%d(E);\n\n' "$r" "$r" "$r"
	done > "$T/many.cocci"
	echo "$n $(measure "$BIN" --sp-file "$T/many.cocci" "$T/small.c")"
done
