#!/usr/bin/env bash
# Benchmark: handbook against a Hugo theme rendering the same pages, and against a C floor.
# Usage: bench/run.sh [SIZES...]        sizes are process counts; default: 200 2000
# Env:   R=5                runs per tool and size, interleaved (handbook, hugo, floor, repeat)
#        GEN_CORPUS=...     the corpus generator (default /work/shared/bench/gen-corpus.py)
#        HUGO=hugo          the hugo binary
#        WORKERS=$(nproc)   processes the floor forks
#        TOOLS="handbook hugo floor"   which tools run (e.g. TOOLS=handbook for growth alone;
#                           columns of a tool not run show 0); add `sitecopy` (after handbook)
#                           to time `cp -r` of handbook's output: floor + sitecopy is a floor
#                           that writes the same site
#        SETTLE=360         seconds to wait after the last run's clean-up (see below)
#        QUIET=5            before each timed run, wait until the VM's free page reporting has
#                           been idle this many seconds (at most 120; 0: do not wait), so that
#                           no run pays for handing back what the run before it freed
#        WARM=1             before each timed run, drop the page cache of the output just moved
#                           aside and read the corpus and the tool's binary into memory, so that
#                           every run starts hot and nothing idle is reclaimed while it runs
#                           (0: neither)
#        MODE=fresh         fresh: every run writes into an empty output folder;
#                           rebuild: every run writes over its previous output, as an author's
#                           rebuild after a save does (one untimed build per tool first)
# See bench/README.md. A benchmark, not a test: nothing in CI runs it.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
R=${R:-5}
GEN_CORPUS=${GEN_CORPUS:-/work/shared/bench/gen-corpus.py}
HUGO=${HUGO:-hugo}
WORKERS=${WORKERS:-$(nproc)}
TOOLS=${TOOLS:-handbook hugo floor}
MODE=${MODE:-fresh}
QUIET=${QUIET:-5}
WARM=${WARM:-1}
REPORTED=/sys/module/page_reporting/parameters/reported_kib
CORPORA=$BENCH/.corpora
WORK=$BENCH/.out
BIN=$BENCH/.build
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(200 2000); fi

[[ $R =~ ^[1-9][0-9]*$ ]] || { echo "R must be a positive integer" >&2; exit 2; }
[[ $MODE == fresh || $MODE == rebuild ]] || { echo "MODE must be fresh or rebuild" >&2; exit 2; }
[[ $WARM == 0 || $WARM == 1 ]] || { echo "WARM must be 0 or 1" >&2; exit 2; }
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bad size '$n': sizes are process counts" >&2; exit 2; }
done
mapfile -t SIZES < <(printf '%s\n' "${SIZES[@]}" | sort -n -u)   # smallest first
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v "$HUGO" >/dev/null || { echo "needs hugo (apt-get install hugo)" >&2; exit 2; }
pkg-config --exists yaml-0.1 libcmark || { echo "needs libyaml-dev and libcmark-dev" >&2; exit 2; }

mkdir -p "$CORPORA" "$WORK/logs" "$BIN"

fail() { # fail MESSAGE LOG
  echo "error: $1" >&2
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2" >&2
  exit 1
}

# --- corpora --------------------------------------------------------------------------------
for n in "${SIZES[@]}"; do
  dir=$CORPORA/p$n
  depts=60; [ "$n" -le 200 ] && depts=30
  if [ ! -f "$dir/.complete" ]; then
    echo "generating corpus: $n processes, $depts departments -> ${dir#$ROOT/}" >&2
    rm -rf "$dir"
    python3 "$GEN_CORPUS" "$dir" --processes "$n" --departments "$depts" \
      || fail "corpus generation failed"
    echo "$n $depts" > "$dir/.complete"
  fi
done

# --- builds ---------------------------------------------------------------------------------
echo "building handbook (make release)…" >&2
make -C "$ROOT" release > "$WORK/logs/make-release.log" 2>&1 || fail "make release failed" "$WORK/logs/make-release.log"
HANDBOOK=$ROOT/.build/release/handbook
[ -x "$HANDBOOK" ] || fail "no $HANDBOOK after make release"

echo "compiling the floor…" >&2
# shellcheck disable=SC2046
cc -O2 -o "$BIN/floor" "$BENCH/floor.c" $(pkg-config --cflags --libs yaml-0.1 libcmark) \
  || fail "floor did not compile"

# --- runs -----------------------------------------------------------------------------------
RESULTS=$WORK/results.tsv   # size tool run seconds kb files cpu-seconds
: > "$RESULTS"
TRASH=$WORK/trash           # earlier output, deleted once all runs are done
# ext4 without a journal (this VM's disk) passes over inodes deleted in the last 60 s, 360 s
# while their inode table block is dirty (`recently_deleted` in fs/ext4/ialloc.c): runs started
# within minutes of a large deletion were up to 50 % slower (2,000 processes: 2.8 s, not 1.9 s).
SETTLE=${SETTLE:-360}
if [ -d "$TRASH" ]; then    # left by an interrupted run: delete, then let ext4 forget it
  rm -rf "$TRASH"
  sync
  echo "waiting ${SETTLE}s after deleting an interrupted run's output…" >&2
  sleep "$SETTLE"
elif [ -f "$WORK/.ended" ]; then  # a run that just deleted its output: let ext4 forget it too
  wait=$(( $(cat "$WORK/.ended") + SETTLE - $(date +%s) ))
  [ "$wait" -gt 0 ] && { echo "waiting ${wait}s after the last run's clean-up…" >&2; sleep "$wait"; }
fi

# On a VM with free page reporting (virtio_balloon), memory a run frees is handed back to the
# host in the background over the next seconds, and a run timed meanwhile pays for it (see
# bench/README.md, "Fresh memory on a VM"). Wait until the counter of reported memory has stood
# still for QUIET seconds.
wait_quiet() {
  [ "$QUIET" -gt 0 ] && [ -r "$REPORTED" ] || return 0
  local last now still=0 waited=0
  last=$(cat "$REPORTED")
  while [ "$still" -lt "$QUIET" ] && [ "$waited" -lt 120 ]; do
    sleep 1
    waited=$((waited + 1))
    now=$(cat "$REPORTED")
    if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
  done
  QUIET_WAITED=$((QUIET_WAITED + waited))
}
QUIET_WAITED=0

# This VM's kernel pages out page cache left idle for a minute (a DAMON scheme, at most
# 128 MB/s; see bench/README.md): the output of earlier runs, moved aside, was being paged out
# while later runs were timed, and a corpus idle since the last series was read from disk again
# by whichever run came first. warm PATH... : hand back the page cache of the moved-aside
# output now (it is clean after `sync`), then read the corpus and the binary about to run.
ASIDE=()
warm() {
  [ "$WARM" = 1 ] || return 0
  if [ ${#ASIDE[@]} -gt 0 ]; then
    python3 - "${ASIDE[@]}" <<'PY'
import os, sys
for top in sys.argv[1:]:
    for folder, _, files in os.walk(top):
        for name in files:
            try:
                fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            except OSError:
                continue
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)
PY
  fi
  find "$@" -type f -print0 | xargs -0 -r cat > /dev/null   # -r: no files, no cat reading stdin
}

run_tool() { # run_tool TOOL SIZE RUN
  local tool=$1 n=$2 i=$3 corpus=$CORPORA/p$2 out=$WORK/site-$1 log=$WORK/logs/$1-$2-$3.log
  local tf=$WORK/time.txt
  # Earlier output is moved aside, not deleted: ext4 then scans recently deleted inodes while
  # the next run creates its thousands of files (`recently_deleted` in perf), which made the
  # same build 2-5x slower depending on what the previous run had just removed.
  mkdir -p "$TRASH"
  ASIDE=()
  if [ "$MODE" = fresh ]; then
    for old in "$out" "$out".* "$WORK"/.site-"$tool"*; do   # also handbook's staging folders and spare
      if [ -e "$old" ]; then
        ASIDE+=("$TRASH/$(basename "$old")-$(date +%s%N)")
        mv "$old" "${ASIDE[-1]}"
      fi
    done
  fi
  sync
  case $tool in
    handbook) warm "$corpus" "$HANDBOOK" ;;
    hugo)     warm "$corpus/content" "$BENCH/hugo" "$(command -v "$HUGO")" ;;
    floor)    warm "$corpus/content" "$BIN/floor" ;;
    sitecopy) warm "$WORK/site-handbook" ;;
  esac
  wait_quiet
  case $tool in
    handbook) cmd=("$HANDBOOK" build "$corpus" --output "$out" --timings) ;;
    hugo)     cmd=("$HUGO" --source "$BENCH/hugo" --contentDir "$corpus/content" --destination "$out"
                   --noBuildLock --quiet) ;;
    floor)    cmd=("$BIN/floor" "$corpus/content" "$out" "$WORKERS") ;;
    # Writing handbook's own site, file for file: its last output copied (`cp -rT` writes over
    # an existing copy in rebuild mode). With the floor's time, a floor for handbook's output.
    sitecopy) [ -d "$WORK/site-handbook" ] || fail "sitecopy needs a handbook run before it in TOOLS"
              cmd=(cp -rT "$WORK/site-handbook" "$out") ;;
  esac
  /usr/bin/time -f "%e %M %U %S" -o "$tf" "${cmd[@]}" > "$log" 2>&1 || fail "$tool failed on $n processes (run $i)" "$log"
  local secs kb user sys cpu files
  read -r secs kb user sys < <(tail -n 1 "$tf")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  files=$(find "$out" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$i" "$secs" "$kb" "$files" "$cpu" >> "$RESULTS"
  printf '  %-8s %6s processes  run %d/%d  %7.2f s  %7.2f s CPU  %6.0f MB  %d files\n' \
    "$tool" "$n" "$i" "$R" "$secs" "$cpu" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$files" >&2
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for n in "${SIZES[@]}"; do
  if [ "$MODE" = rebuild ]; then
    # The output each rebuild writes over (handbook: and the spare it keeps): an untimed build,
    # twice for handbook, whose first rebuild is the one that makes the spare.
    for tool in $TOOLS; do
      for old in "$WORK/site-$tool" "$WORK/.site-$tool".*; do
        if [ -e "$old" ]; then mv "$old" "$TRASH/$(basename "$old")-$(date +%s%N)"; fi
      done
      run_tool "$tool" "$n" 0 2>/dev/null
      if [ "$tool" = handbook ]; then run_tool "$tool" "$n" 0 2>/dev/null; fi
    done
    awk -F'\t' '$3 != 0' "$RESULTS" > "$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"   # warm-ups do not count
  fi
  echo "size $n: $R interleaved runs of $TOOLS" >&2
  for ((i = 1; i <= R; i++)); do
    for tool in $TOOLS; do run_tool "$tool" "$n" "$i"; done
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$WORK"/site-* "$WORK"/.site-* "$TRASH"
sync
date +%s > "$WORK/.ended"

# --- report ---------------------------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
VERSION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift Package.resolved 2>/dev/null; then
  VERSION="$VERSION + uncommitted changes in Sources/"
fi
HUGO_VERSION=$("$HUGO" version | awk '{print $2}')

echo
echo "machine:  $(nproc) CPUs, $CPU, $MEM RAM; load average $LOAD_START at start, $LOAD_END at end"
echo "handbook: $VERSION (release build); hugo $HUGO_VERSION; floor: cc -O2, $WORKERS workers"
if [ "$MODE" = fresh ]; then
  echo "runs:     $R per tool and size, interleaved, clean output folder each run; median wall time and median peak RSS"
else
  echo "runs:     $R per tool and size, interleaved, each a REBUILD over the tool's previous output; median wall time and median peak RSS"
fi
if [ "$WARM" = 1 ]; then
  echo "warm:     before each run, the page cache of the output moved aside dropped; corpus and binary read into memory"
fi
if [ "$QUIET" -gt 0 ] && [ -r "$REPORTED" ]; then
  echo "quiet:    each run started once the VM's free page reporting had been idle ${QUIET} s (${QUIET_WAITED} s waited in all)"
fi
echo
# The handbook's own stage timings and CPU time by kind of file (--timings) from its last run at each size.
for n in "${SIZES[@]}"; do
  t=$(grep -E '^load ' "$WORK/logs/handbook-$n-$R.log" | tail -n 1 || true)
  [ -n "$t" ] && echo "handbook stages at $n: $t"
  k=$(grep -E '^CPU by kind of file: ' "$WORK/logs/handbook-$n-$R.log" | tail -n 1 || true)
  if [ -n "$k" ]; then echo "handbook CPU by kind of file at $n: ${k#CPU by kind of file: }"; fi
done
echo

awk -F'\t' -v sizes="${SIZES[*]}" '
function median(key,   n, i, j, t, a) {
  n = split(vals[key], a, " ")
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{ vals[$1 SUBSEP $2 SUBSEP "s"] = vals[$1 SUBSEP $2 SUBSEP "s"] " " $4
  vals[$1 SUBSEP $2 SUBSEP "kb"] = vals[$1 SUBSEP $2 SUBSEP "kb"] " " $5
  vals[$1 SUBSEP $2 SUBSEP "cpu"] = vals[$1 SUBSEP $2 SUBSEP "cpu"] " " $7
  files[$1 SUBSEP $2] = $6 }
END {
  ns = split(sizes, sz, " ")
  printf "%9s | %20s | %15s | %15s | %15s | %13s %13s | %11s\n", "processes", "files written", "handbook", "hugo", "floor", "time h/hugo", "time h/floor", "mem h/hugo"
  printf "%9s | %20s | %15s | %15s | %15s | %13s %13s | %11s\n", "", "handbook/hugo/floor", "s      MB", "s      MB", "s      MB", "", "", ""
  print "----------+----------------------+-----------------+-----------------+-----------------+-----------------------------+------------"
  for (k = 1; k <= ns; k++) {
    n = sz[k]
    for (t = 1; t <= 3; t++) {
      tool = (t == 1 ? "handbook" : t == 2 ? "hugo" : "floor")
      s[tool] = median(n SUBSEP tool SUBSEP "s"); m[tool] = median(n SUBSEP tool SUBSEP "kb") / 1024
      c[tool] = median(n SUBSEP tool SUBSEP "cpu")
    }
    T[n] = s["handbook"]; H[n] = s["hugo"]; F[n] = s["floor"]
    CT[n] = c["handbook"]; CH[n] = c["hugo"]; CF[n] = c["floor"]
    printf "%9s | %20s | %7.2f %7.0f | %7.2f %7.0f | %7.2f %7.0f | %13.2f %13.1f | %11.2f\n", n,
      files[n SUBSEP "handbook"] "/" files[n SUBSEP "hugo"] "/" files[n SUBSEP "floor"],
      s["handbook"], m["handbook"], s["hugo"], m["hugo"], s["floor"], m["floor"],
      s["handbook"] / (s["hugo"] > 0 ? s["hugo"] : 0.01), s["handbook"] / (s["floor"] > 0 ? s["floor"] : 0.01),
      m["handbook"] / (m["hugo"] > 0 ? m["hugo"] : 1)
  }
  copied = 0
  for (k = 1; k <= ns; k++) if (vals[sz[k] SUBSEP "sitecopy" SUBSEP "s"] != "") copied = 1
  if (copied) {
    print "\nA floor that writes handbook'"'"'s site: the floor, plus cp -r of handbook'"'"'s output (sitecopy):"
    printf "%9s | %9s %9s %9s | %16s\n", "processes", "floor", "sitecopy", "sum", "handbook / sum"
    for (k = 1; k <= ns; k++) {
      n = sz[k]; cp = median(n SUBSEP "sitecopy" SUBSEP "s")
      printf "%9s | %9.2f %9.2f %9.2f | %16.2f\n", n, F[n], cp, F[n] + cp, T[n] / (F[n] + cp > 0 ? F[n] + cp : 0.01)
    }
  }
  print "\nCPU time (user + sys, median seconds; less disturbed by other load than wall time):"
  printf "%9s | %9s %9s %9s | %13s %13s\n", "processes", "handbook", "hugo", "floor", "cpu h/hugo", "cpu h/floor"
  for (k = 1; k <= ns; k++) {
    n = sz[k]
    printf "%9s | %9.2f %9.2f %9.2f | %13.2f %13.1f\n", n, CT[n], CH[n], CF[n],
      CT[n] / (CH[n] > 0 ? CH[n] : 0.01), CT[n] / (CF[n] > 0 ? CF[n] : 0.01)
  }
  grew = 0
  for (k = 2; k <= ns; k++) {
    a = sz[k - 1]; b = sz[k]
    if (!grew++) print "\ngrowth of median time between sizes (linear would be the size ratio):"
    printf "  time(%s)/time(%s), size x%g:  handbook %.1f   hugo %.1f   floor %.1f   (CPU time: %.1f  %.1f  %.1f)\n", b, a, b / a,
      T[b] / (T[a] > 0 ? T[a] : 0.01), H[b] / (H[a] > 0 ? H[a] : 0.01), F[b] / (F[a] > 0 ? F[a] : 0.01),
      CT[b] / (CT[a] > 0 ? CT[a] : 0.01), CH[b] / (CH[a] > 0 ? CH[a] : 0.01), CF[b] / (CF[a] > 0 ? CF[a] : 0.01)
  }
}' "$RESULTS"
echo
echo "raw results: ${RESULTS#$ROOT/} (size, tool, run, seconds, peak KB, files, CPU seconds); logs in ${WORK#$ROOT/}/logs/"
