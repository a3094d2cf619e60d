#!/usr/bin/env bash
# Parse throughput: times `rcocci --parse-c -j 1` on a directory of C files and prints MB/s;
# if spatch is installed, times `spatch --parse-c` on the same directory and prints the ratio.
#
#   benches/parse-speed.sh [DIR]      (default: /tmp/rcocci-corpora/lustre2026-kernel)
#
# Builds the release binary first (honours CARGO_TARGET_DIR). Run from anywhere.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-/tmp/rcocci-corpora/lustre2026-kernel}
[ -d "$DIR" ] || { echo "parse-speed: no directory $DIR" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build --release -q -p cocci --bin rcocci)
BIN=$TARGET/release/rcocci
[ -x "$BIN" ] || { echo "parse-speed: no binary at $BIN" >&2; exit 2; }

# What rcocci --parse-c reads: the .c files under DIR.
bytes=$(find "$DIR" -type f -name '*.c' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
files=$(find "$DIR" -type f -name '*.c' | wc -l)

now() { date +%s.%N; }

start=$(now)
summary=$("$BIN" --parse-c -j 1 "$DIR" 2>/dev/null | tail -1)
end=$(now)
rcocci_s=$(echo "$end - $start" | bc -l)
mb=$(echo "$bytes / 1000000" | bc -l)
printf 'rcocci --parse-c -j 1: %d files, %.1f MB in %.2fs = %.1f MB/s\n' \
  "$files" "$mb" "$rcocci_s" "$(echo "$mb / $rcocci_s" | bc -l)"
echo "  $summary"

if command -v spatch >/dev/null; then
  spatch_s=$(bash -c 'ulimit -s unlimited 2>/dev/null || true
    s=$(date +%s.%N); spatch --parse-c "$1" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc -l' _ "$DIR")
  printf 'spatch --parse-c: %.2fs = %.2f MB/s; rcocci is %.1fx faster\n' \
    "$spatch_s" "$(echo "$mb / $spatch_s" | bc -l)" "$(echo "$spatch_s / $rcocci_s" | bc -l)"
else
  echo "spatch not installed: no comparison"
fi
