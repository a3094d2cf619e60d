#!/usr/bin/env bash
# The control-flow rules of examples/flow/ on a C tree with rcocci and spatch: per rule, the
# files spatch changes (or reports), the files rcocci changes, and how many of spatch's
# files rcocci gives the same hunks for.
#   benches/flow-rules-vs-spatch.sh [DIR [RULE...]]
#     DIR   C tree (default /tmp/rcocci-corpora/lustre2026-kernel)
#     RULE  names of examples/flow/RULE.cocci to run (default: all of them)
# Both tools get the same macro knowledge (MACROS, default examples/flow/lustre-macros.h,
# after spatch's standard.h), so that the control-flow macros of the tree (RETURN, GOTO)
# mean the same to both; MACROS= (empty) runs both with their own defaults.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-/tmp/rcocci-corpora/lustre2026-kernel}
[ $# -gt 0 ] && shift
BIN=$ROOT/target/release/rcocci
MACROS=${MACROS-$ROOT/examples/flow/lustre-macros.h}
OUT=$(mktemp -d)
macro_args=()
if [ -n "$MACROS" ]; then
  # spatch expands only the macros of its built-in file (`--macro-file` ones only where a
  # statement does not parse otherwise): both tools get standard.h with MACROS after it as
  # their built-in macro file.
  cat /usr/lib/coccinelle/standard.h "$MACROS" > "$OUT/builtins.h"
  macro_args=(--macro-file-builtins "$OUT/builtins.h")
fi
rules=()
if [ $# -gt 0 ]; then
  for name in "$@"; do rules+=("$ROOT/examples/flow/$name.cocci"); done
else
  rules=("$ROOT"/examples/flow/*.cocci)
fi
# Per-file hunks of a unified diff, headers dropped, keyed by the file path.
split_diff() {
  python3 - "$1" "$2" "$(basename "$DIR")" <<'PY'
import os, re, sys
src, dest, top = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(dest, exist_ok=True)
cur, buf = None, []
def flush():
    if cur:
        with open(os.path.join(dest, cur.replace('/', '__')), 'w') as f:
            f.write(''.join(buf))
for line in open(src, errors='replace'):
    if line.startswith('--- '):
        flush()
        name = line[4:].split('\t')[0].strip()
        name = re.sub(r'^(a/|\./)', '', name)
        # spatch names files as found under --dir, rcocci relative to it.
        if name.startswith(top + '/'):
            name = name[len(top) + 1:]
        cur, buf = name, []
    elif line.startswith('+++ ') or line.startswith('diff '):
        continue
    elif cur:
        buf.append(line)
flush()
PY
}
printf '%-28s %8s %8s %10s\n' rule spatch rcocci identical
for rule in "${rules[@]}"; do
  name=$(basename "$rule" .cocci)
  (cd "$DIR/.." && spatch --very-quiet -j 2 "${macro_args[@]}" --sp-file "$rule" --dir "$(basename "$DIR")" \
     > "$OUT/$name.spatch" 2>/dev/null)
  (cd "$DIR/.." && "$BIN" --very-quiet -j 2 "${macro_args[@]}" --sp-file "$rule" --dir "$(basename "$DIR")" \
     > "$OUT/$name.rcocci" 2>/dev/null)
  split_diff "$OUT/$name.spatch" "$OUT/$name.s"
  split_diff "$OUT/$name.rcocci" "$OUT/$name.r"
  s=$(ls "$OUT/$name.s" | wc -l); r=$(ls "$OUT/$name.r" | wc -l); same=0
  for f in "$OUT/$name.s"/*; do
    [ -e "$f" ] || continue
    cmp -s "$f" "$OUT/$name.r/$(basename "$f")" && same=$((same+1))
  done
  printf '%-28s %8s %8s %10s\n' "$name" "$s" "$r" "$same"
done
echo "diffs kept in $OUT (RULE.spatch, RULE.rcocci; per file in RULE.s/, RULE.r/)"
