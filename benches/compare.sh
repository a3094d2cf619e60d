#!/usr/bin/env bash
# Whole-process figures of rcocci against spatch 1.1.1 (and ast-grep), printed as tables:
#   benches/compare.sh [all|copy-client|oneliner|rules|memory|scaling]   (default all)
# - copy-client, oneliner: the `figures` of issue 12 (paired runs, median ratio; PAIRS=N);
# - rules: each rule file of rules/ over lustre214 with --include-headers, paired (PAIRS, 1);
# - memory: peak RSS (/usr/bin/time -v) of the copy-client conversion, rcocci and spatch;
# - scaling: the copy-client rules on 1, 2 and 4 copies of lustre2020: wall time, peak RSS.
# Needs the corpora of /work/shared/tools/setup-corpora ($RCOCCI_CORPORA) and a release build
# (target/release/rcocci). Times are wall seconds of `-j 2` runs on the machine as it is.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${RCOCCI_TOOLS:-/work/shared/tools}
C=${RCOCCI_CORPORA:-/tmp/rcocci-corpora}
BIN=${BIN:-$ROOT/target/release/rcocci}
CC=$C/copy-client
STD=$(dpkg -L coccinelle 2>/dev/null | grep -m1 '/standard.h$')
ISO=$(dpkg -L coccinelle 2>/dev/null | grep -m1 '/standard.iso$')
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rc_cc() { echo "$BIN --sp-file $CC/lustre.cocci --dir $1 --include-headers --macro-file $CC/lustre.h --in-place --very-quiet -j 2"; }
sp_cc() { echo "ulimit -s unlimited; spatch --sp-file $CC/lustre.cocci --dir $1 --include-headers --very-quiet --macro-file-builtins $STD --macro-file $CC/lustre.h --iso-file $ISO --in-place --no-show-diff -j 2"; }

# wall seconds and peak RSS (MiB) of a command
measure() {
  /usr/bin/time -f '%e %M' -o "$TMP/time" bash -c "$1" >/dev/null 2>&1
  awk '{printf "%.2f %.1f\n", $1, $2 / 1024}' "$TMP/time"
}

copy_client() { (cd "$ROOT" && "$TOOLS/figures" copy-client | tail -1); }
oneliner() { (cd "$ROOT" && "$TOOLS/figures" speed-oneliner | tail -1); }

rules() {
  printf '%-26s %9s %9s %7s\n' rule rcocci spatch ratio
  for rule in "$ROOT"/rules/*.cocci; do
    local t r s x a b
    a="$BIN --sp-file $rule --dir lustre214 --include-headers -j 2"
    b="ulimit -s unlimited; spatch --sp-file $rule --dir lustre214 --include-headers -j 2"
    # One run of each first: a page cache left cold (this VM pages out files not read for a
    # minute) would otherwise count against whichever runs first.
    (cd "$C" && bash -c "$a" && bash -c "$b") >/dev/null 2>&1
    t=$(cd "$C" && "$TOOLS/paired-time" -n "${PAIRS:-1}" "$a" "$b" | tail -1)
    read -r r s x < <(echo "$t" | sed -E 's/paired: A ([0-9.]+)s, B ([0-9.]+)s, B\/A ([0-9.]+)x.*/\1 \2 \3/')
    printf '%-26s %8ss %8ss %6sx\n' "$(basename "$rule")" "$r" "$s" "$x"
  done
}

memory() {
  rm -rf "$TMP/r" "$TMP/s"; cp -r "$C/lustre2020" "$TMP/r"; cp -r "$C/lustre2020" "$TMP/s"
  local r s
  r=$(measure "$(rc_cc "$TMP/r")"); s=$(measure "$(sp_cc "$TMP/s")")
  printf '%-8s %8s %10s\n' tool wall max-rss
  printf '%-8s %7ss %7s MiB\n' rcocci ${r% *} ${r#* } spatch ${s% *} ${s#* }
  echo "memory: rcocci ${r#* } MiB, spatch ${s#* } MiB, ratio $(echo "${r#* } / ${s#* }" | bc -l | cut -c1-4) (goal <= 0.5)"
}

scaling() {
  printf '%-7s %8s %10s %10s\n' copies wall max-rss per-copy
  for n in 1 2 4; do
    rm -rf "$TMP/k"; mkdir -p "$TMP/k"
    for i in $(seq "$n"); do cp -r "$C/lustre2020" "$TMP/k/copy$i"; done
    local m; m=$(measure "$(rc_cc "$TMP/k")")
    printf '%-7s %7ss %6s MiB %8.2fs\n' "$n" ${m% *} ${m#* } "$(echo "${m% *} / $n" | bc -l)"
  done
}

case ${1:-all} in
  copy-client) copy_client ;;
  oneliner) oneliner ;;
  rules) rules ;;
  memory) memory ;;
  scaling) scaling ;;
  all) copy_client; oneliner; rules; memory; scaling ;;
  *) sed -n 2,9p "$0"; exit 2 ;;
esac
