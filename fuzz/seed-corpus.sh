#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the project's own fixtures (never from other projects).
# Run from the workspace root: fuzz/seed-corpus.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/lex_c" "$corpus/parse_c" "$corpus/parse_smpl" "$corpus/transform"
n=0
for c in $(find "$root/tests/cases" "$root/examples" "$root/rules/fixtures" "$root/c-parser/tests" \
        -name '*.c' -o -name '*.h' 2>/dev/null); do
    n=$((n + 1))
    cp "$c" "$corpus/parse_c/seed-$n.c"
    cp "$c" "$corpus/lex_c/seed-$n.c"
done
for r in $(find "$root/tests/cases" "$root/examples" "$root/rules" -name '*.cocci' 2>/dev/null); do
    n=$((n + 1))
    cp "$r" "$corpus/parse_smpl/seed-$n.cocci"
    cp "$r" "$corpus/lex_c/seed-$n.cocci"
done
# Rule and C file of one case, joined by a NUL byte: the transform target's input.
for dir in $(find "$root/tests/cases" -mindepth 1 -maxdepth 1 -type d); do
    if [ -f "$dir/rule.cocci" ] && [ -f "$dir/input.c" ]; then
        n=$((n + 1))
        { cat "$dir/rule.cocci"; printf '\0'; cat "$dir/input.c"; } > "$corpus/transform/seed-$n"
    fi
done
for r in "$root"/examples/*.cocci; do
    c="${r%.cocci}.c"
    if [ -f "$c" ]; then
        n=$((n + 1))
        { cat "$r"; printf '\0'; cat "$c"; } > "$corpus/transform/seed-$n"
    fi
done
# A rule with each of its fixtures, and fixtures that come with their own rule.
for dir in "$root"/rules/fixtures/*/; do
    name=$(basename "$dir")
    for c in "$dir"*.c; do
        [ -f "$c" ] || continue
        r="${c%.c}.cocci"
        [ -f "$r" ] || r="$root/rules/$name.cocci"
        [ -f "$r" ] || continue
        n=$((n + 1))
        { cat "$r"; printf '\0'; cat "$c"; } > "$corpus/transform/seed-$n"
    done
done
echo "seeded $n files under $corpus"
