#!/usr/bin/env bash
# Two handbook binaries on one corpus, runs interleaved (old, new, old, new, …): wall time,
# CPU time, peak memory and the site's bytes, with medians. For "is this change slower, is
# the site bigger" on a shared machine, where only interleaved runs compare.
# Usage: bench/compare.sh OLD_BINARY NEW_BINARY [PROCESSES]      (default 2000, 60 departments)
# Env:   R=5   runs per binary
# A benchmark, not a test: nothing in CI runs it.
set -euo pipefail
OLD=$1 NEW=$2 N=${3:-2000} R=${R:-5}
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CORPUS=$BENCH/.corpora/p$N
OUT=$BENCH/.out/compare
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ ! -d "$CORPUS" ]; then
  python3 "${GEN_CORPUS:-/work/shared/bench/gen-corpus.py}" "$CORPUS" --processes "$N" --departments $((N >= 2000 ? 60 : 30)) >/dev/null
fi
mkdir -p "$OUT"
declare -A wall cpu mem
for run in $(seq 1 "$R"); do
  for which in old new; do
    bin=$OLD; [ $which = new ] && bin=$NEW
    rm -rf "$OUT/$which" "$OUT/.$which.spare"
    sync
    /usr/bin/time -o "$OUT/time" -f "%e %U %S %M" "$bin" build "$CORPUS" --output "$OUT/$which" --no-spare >/dev/null 2>&1
    read -r e u s m < "$OUT/time"
    wall[$which]+="$e "; cpu[$which]+="$(awk "BEGIN {print $u + $s}") "; mem[$which]+="$((m / 1024)) "
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for which in old new; do
  bytes=$(du -sb "$OUT/$which" | cut -f1)
  html=$(find "$OUT/$which" -name '*.html' | wc -l)
  big=$(find "$OUT/$which" -name '*.html' -size +1000k | wc -l)
  echo "$which: wall $(median "${wall[$which]}") s (${wall[$which]% }), cpu $(median "${cpu[$which]}") s, peak $(median "${mem[$which]}") MB, site $((bytes / 1000000)) MB in $html HTML files, $big over 1 MB"
done
