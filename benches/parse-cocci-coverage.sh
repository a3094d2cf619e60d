#!/bin/bash
# Counts how many rule files under DIR that spatch parses are accepted by `rcocci --parse-cocci`.
# Usage: benches/parse-cocci-coverage.sh DIR [RCOCCI] [SPATCH]
# Prints one line per file that spatch parses and rcocci rejects, then
#   accepted/spatch-parses/total
# spatch exits non-zero with "No rules apply" when a file parses but every rule depends on a
# virtual rule that is not given; that counts as parsed.
set -u
dir=${1:?usage: $0 DIR [RCOCCI] [SPATCH]}
rcocci=${2:-$(dirname "$0")/../target/release/rcocci}
spatch=${3:-spatch}
total=0 parsed=0 accepted=0
while IFS= read -r -d '' f; do
	total=$((total + 1))
	out=$(timeout 120 "$spatch" --parse-cocci "$f" 2>&1)
	status=$?
	if [ $status -ne 0 ] && ! grep -q "No rules apply" <<<"$out"; then
		continue
	fi
	parsed=$((parsed + 1))
	if err=$("$rcocci" --parse-cocci "$f" 2>&1 >/dev/null); then
		accepted=$((accepted + 1))
	else
		echo "rejected: $f: $(grep -m1 '^error' <<<"$err")"
	fi
done < <(find "$dir" -name '*.cocci' -print0 | sort -z)
echo "$accepted/$parsed/$total"
