#!/bin/bash
# Differential figures on real code: each rule run by rcocci and by spatch 1.1.1 over a
# Lustre tree (those of lustre/, lnet/, libcfs/ it has; Lustre 2.14 by default), diffs
# compared file by file.
#   rules/compare-with-spatch.sh [-j N] [-o OUTDIR] [-c CORPUS] [-r] [RULE...]
# -r reuses OUTDIR/<rule>/spatch.diff from an earlier run (only rcocci is run again).
# Needs the corpora in /tmp/rcocci-corpora (never committed) and a release rcocci
# (CARGO_TARGET_DIR=... cargo build --release -p cocci; RCOCCI=path overrides the binary).
# Writes OUTDIR/<rule>/{rcocci,spatch}.diff and prints per rule: files changed by each tool,
# files whose diffs are identical (hunks compared, headers ignored), and the files that differ.
set -u
here=$(cd "$(dirname "$0")" && pwd)
jobs=2
out=/tmp/rules-compare
corpus=/tmp/rcocci-corpora/lustre214
reuse_spatch=0
while getopts "j:o:c:r" opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	o) out=$OPTARG ;;
	c) corpus=$OPTARG ;;
	r) reuse_spatch=1 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
rcocci=${RCOCCI:-${CARGO_TARGET_DIR:-/work/target-rules}/release/rcocci}
[ -x "$rcocci" ] || { echo "no rcocci binary at $rcocci" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
rules=("$@")
if [ ${#rules[@]} -eq 0 ]; then
	for r in "$here"/*.cocci; do rules+=("$(basename "$r" .cocci)"); done
fi
ulimit -s unlimited 2>/dev/null || ulimit -s 1048576
dirs=()
for sub in lustre lnet libcfs; do [ -d "$corpus/$sub" ] && dirs+=("$sub"); done
for rule in "${rules[@]}"; do
	d="$out/$rule"
	mkdir -p "$d"
	: >"$d/rcocci.diff"
	[ $reuse_spatch = 1 ] && [ -s "$d/spatch.diff" ] || : >"$d/spatch.diff"
	start=$(date +%s)
	for sub in "${dirs[@]}"; do
		(cd "$corpus" && "$rcocci" --sp-file "$here/$rule.cocci" -j "$jobs" "$sub" \
			>>"$d/rcocci.diff" 2>>"$d/rcocci.err")
	done
	mid=$(date +%s)
	for sub in "${dirs[@]}"; do
		[ $reuse_spatch = 1 ] && [ -s "$d/spatch.diff" ] && break
		# spatch names files relative to --dir (a/llite/file.c): put the subdirectory back.
		(cd "$corpus" && spatch --very-quiet --no-includes -j "$jobs" \
			--sp-file "$here/$rule.cocci" --dir "$sub" 2>>"$d/spatch.err" |
			sed -e "s#^--- a/#--- a/$sub/#" -e "s#^+++ b/#+++ b/$sub/#" \
			>>"$d/spatch.diff")
	done
	end=$(date +%s)
	echo "== $rule (rcocci $((mid - start)) s, spatch $((end - mid)) s, corpus $corpus)"
	python3 "$here/compare-diffs.py" "$d/rcocci.diff" "$d/spatch.diff" >"$d/report.txt"
	head -n 40 "$d/report.txt"
done
