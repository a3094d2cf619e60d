#!/bin/bash
# Checks every fixture's snapshot (snapshots/rules/<rule>__<case>.snap, the diff rcocci's
# tests expect) against spatch 1.1.1's diff for the same rule and fixture.
#   rules/check-fixtures-with-spatch.sh [RULE...]      compare (exit 1 on a difference)
#   rules/check-fixtures-with-spatch.sh --write-missing [RULE...]
#       also writes spatch's diff as the snapshot of a case that has none yet (a pending case
#       whose expected output rcocci cannot produce yet)
# A case listed in fixtures/<rule>/SPATCH-DIFFERS is one where the rule's intent and spatch
# part ways on purpose; the reason is given there and in README.md. For a `*_flags` rule file
# (flag rules only) the snapshot is rcocci's report, compared with the lines spatch marks.
set -u
here=$(cd "$(dirname "$0")" && pwd)
snaps="$here/../snapshots/rules"
write_missing=0
if [ "${1:-}" = "--write-missing" ]; then write_missing=1; shift; fi
rules=("$@")
if [ ${#rules[@]} -eq 0 ]; then
	for r in "$here"/*.cocci; do rules+=("$(basename "$r" .cocci)"); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for rule in "${rules[@]}"; do
	for fixture in "$here/fixtures/$rule"/*.c; do
		case=$(basename "$fixture" .c)
		snap="$snaps/${rule}__${case}.snap"
		rm -f "$tmp/out.c"
		(cd "$tmp" && spatch --very-quiet --sp-file "$here/$rule.cocci" "$fixture" \
			-o "$tmp/out.c" >/dev/null 2>"$tmp/err")
		[ -f "$tmp/out.c" ] || cp "$fixture" "$tmp/out.c"
		diff -u -p --label "a/$case.c" --label "b/$case.c" "$fixture" "$tmp/out.c" \
			>"$tmp/spatch.diff"
		if [ ! -f "$snap" ]; then
			if [ $write_missing = 1 ]; then
				{ printf -- '---\nsource: rules/tests/support/mod.rs\n---\n'
				  cat "$tmp/spatch.diff"; } >"$snap"
				echo "wrote  $rule/$case (spatch's diff)"
			else
				echo "NOSNAP $rule/$case"; status=1
			fi
			continue
		fi
		# The snapshot body: everything after insta's header (two '---' lines).
		awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$snap" >"$tmp/snap.diff"
		case $rule in *_flags)
			# In context mode spatch prints its diff and writes no output file.
			(cd "$tmp" && spatch --very-quiet --sp-file "$here/$rule.cocci" "$fixture" \
				>"$tmp/spatch.diff" 2>"$tmp/err")
			# A flag report (LINE: API: reason): every reported line must be one spatch
			# marks (context mode shows matched lines as removed), and every run of marked
			# lines must hold a reported line.
			if python3 - "$tmp/snap.diff" "$tmp/spatch.diff" <<'PY'
import re, sys
reported = {int(l.split(':')[0]) for l in open(sys.argv[1]) if l[:1].isdigit()}
marked, runs, old = set(), [], 0
for l in open(sys.argv[2]):
    m = re.match(r'@@ -(\d+)', l)
    if m: old = int(m.group(1)); prev = None; continue
    if l.startswith(('---', '+++')): continue
    if l.startswith('-'):
        marked.add(old)
        if runs and runs[-1][-1] == old - 1: runs[-1].append(old)
        else: runs.append([old])
    if l.startswith((' ', '-')): old += 1
ok = reported <= marked and all(any(x in reported for x in r) for r in runs)
sys.exit(0 if ok else 1)
PY
			then echo "same   $rule/$case (flagged lines)"
			else echo "DIFFER $rule/$case (flagged lines)"; status=1; cat "$tmp/snap.diff" "$tmp/spatch.diff" | sed 's/^/    /'
			fi
			continue;;
		esac
		if cmp -s <(sed -e '$a\' "$tmp/snap.diff" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}') \
			<(sed -e '$a\' "$tmp/spatch.diff" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'); then
			echo "same   $rule/$case"
		elif grep -qx "$case" "$here/fixtures/$rule/SPATCH-DIFFERS" 2>/dev/null; then
			echo "differs (intended, see README) $rule/$case"
		else
			echo "DIFFER $rule/$case"; status=1
			diff -u "$tmp/snap.diff" "$tmp/spatch.diff" | sed 's/^/    /'
		fi
	done
done
# Engine shapes: fixtures/engine_shapes/<case>.cocci on <case>.c.
for rule in "$here/fixtures/engine_shapes"/*.cocci; do
	[ -f "$rule" ] || continue
	case=$(basename "$rule" .cocci)
	fixture="$here/fixtures/engine_shapes/$case.c"
	snap="$snaps/engine_shapes__${case}.snap"
	rm -f "$tmp/out.c"
	(cd "$tmp" && spatch --very-quiet --sp-file "$rule" "$fixture" -o "$tmp/out.c" \
		>/dev/null 2>"$tmp/err")
	[ -f "$tmp/out.c" ] || cp "$fixture" "$tmp/out.c"
	diff -u -p --label "a/$case.c" --label "b/$case.c" "$fixture" "$tmp/out.c" >"$tmp/spatch.diff"
	if [ ! -f "$snap" ] && [ $write_missing = 1 ]; then
		{ printf -- '---\nsource: rules/tests/support/mod.rs\n---\n'
		  cat "$tmp/spatch.diff"; } >"$snap"
		echo "wrote  engine_shapes/$case (spatch's diff)"
		continue
	fi
	awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$snap" >"$tmp/snap.diff" 2>/dev/null
	if cmp -s "$tmp/snap.diff" "$tmp/spatch.diff"; then
		echo "same   engine_shapes/$case"
	else
		echo "DIFFER engine_shapes/$case"; status=1
		diff -u "$tmp/snap.diff" "$tmp/spatch.diff" | sed 's/^/    /'
	fi
done

# Sequences: fixtures/sequence/<case>.c with the rule files named in <case>.rules, each run
# by spatch on the previous one's output.
for fixture in "$here/fixtures/sequence"/*.c; do
	[ -f "$fixture" ] || continue
	case=$(basename "$fixture" .c)
	snap="$snaps/sequence__${case}.snap"
	cp "$fixture" "$tmp/seq.c"
	for rule in $(cat "$here/fixtures/sequence/$case.rules"); do
		rm -f "$tmp/out.c"
		(cd "$tmp" && spatch --very-quiet --sp-file "$here/$rule.cocci" "$tmp/seq.c" \
			-o "$tmp/out.c" >/dev/null 2>"$tmp/err")
		[ -f "$tmp/out.c" ] && cp "$tmp/out.c" "$tmp/seq.c"
	done
	diff -u -p --label "a/$case.c" --label "b/$case.c" "$fixture" "$tmp/seq.c" >"$tmp/spatch.diff"
	awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$snap" >"$tmp/snap.diff"
	if cmp -s "$tmp/snap.diff" "$tmp/spatch.diff"; then
		echo "same   sequence/$case"
	else
		echo "DIFFER sequence/$case"; status=1
		diff -u "$tmp/snap.diff" "$tmp/spatch.diff" | sed 's/^/    /'
	fi
done
exit $status
