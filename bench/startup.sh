#!/usr/bin/env bash
# Times Natter's whole cold start: process start -> first window visible, and the resident memory 2 s later.
#
#   bench/startup.sh [-n RUNS] [--aot] [--messages N] [--conversations N] [--also DIR]... [--keep]
#
# Variants, each RUNS times (default 5), each run a new JVM:
#   fresh      an empty data folder: the sign-in screen
#   prefilled  a data folder with an archive of N messages (default 20,000) in C conversations (default 50) and
#              an account that does not remember its password: the main window opens from the archive and asks
#              for the password, so no credential store and no network are touched
#   --also DIR also a start from a copy of the data folder DIR (repeatable), e.g. to look at one case alone
#   --aot      also both of the above with a JDK 25 AOT cache (-XX:AOTCache), trained once per variant first
#
# The JVM is new each run, the operating system's file cache is not (one untimed run first warms it and JavaFX's
# native-library cache). Needs Xvfb (started here when DISPLAY is unset) and xdotool (installed via apt if
# missing and we are root). Prints every run and median/min/max per variant.
set -euo pipefail

RUNS=5
AOT=0
MESSAGES=20000
CONVERSATIONS=50
KEEP=0
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) RUNS="$2"; shift 2 ;;
    --aot) AOT=1; shift ;;
    --messages) MESSAGES="$2"; shift 2 ;;
    --conversations) CONVERSATIONS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --also) EXTRA+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK="$ROOT/target/startup"
mkdir -p "$WORK"

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
need_apt=()
command -v xdotool >/dev/null || need_apt+=(xdotool)
[[ -n "${DISPLAY:-}" ]] || command -v Xvfb >/dev/null || need_apt+=(xvfb)
if [[ ${#need_apt[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    say "installing ${need_apt[*]}"
    apt-get install -y -q "${need_apt[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${need_apt[@]}" >/dev/null; }
  else
    say "please install: ${need_apt[*]}"; exit 1
  fi
fi

source bench/jdk.sh

# --- build: the product jar plus its runtime dependencies, as jars only (the AOT cache refuses directories) -----
say "building (./mvnw -q -B -DskipTests package, dependency:copy-dependencies)"
./mvnw -q -B -DskipTests package
rm -rf "$WORK/lib"
./mvnw -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$WORK/lib"
JAR=$(ls target/natter-*.jar | head -n 1)
CP="$ROOT/$JAR:$(ls "$WORK"/lib/*.jar | tr '\n' ':')"
CP=${CP%:}
# the product's own JVM flags, as the run profile uses them
read -r -a FLAGS <<<"$(pom_property natter.jvm.flags)"

TEMPLATE="$WORK/prefilled-$MESSAGES-$CONVERSATIONS"
if [[ ! -f "$TEMPLATE/archive.db" ]]; then
  say "making the prefilled data folder ($MESSAGES messages, $CONVERSATIONS conversations) with bench/PrefilledDataDir"
  rm -rf "$TEMPLATE"
  ./mvnw -q -B -Pbench -DskipTests process-classes exec:exec@bench-main \
    -Dbench.args="$TEMPLATE $MESSAGES $CONVERSATIONS" 2>&1 | { grep -v -e '^SLF4J' -e '^WARNING' || true; } >&2
fi

# --- display ---------------------------------------------------------------------------------------------------
XVFB_PID=""
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then kill -KILL "$APP_PID" 2>/dev/null || true; fi
  if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  for n in $(seq 90 120); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || { DISPLAY_NUMBER=$n; break; }
  done
  Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$DISPLAY_NUMBER"
  for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$DISPLAY_NUMBER ]] && break; sleep 0.05; done
  say "started Xvfb on $DISPLAY"
fi
if xdotool search --onlyvisible --name Natter >/dev/null 2>&1; then
  say "a Natter window is already open on $DISPLAY; close it first"; exit 1
fi

now_ns() { date +%s%N; }

# One start; sets RUN_MS, RUN_RSS_MIB, RUN_TITLE. $1 data template ("" for an empty folder), $2 seconds to wait
# for a clean exit after SIGTERM, rest: extra JVM flags. No subshell, so the EXIT trap can always stop the app.
one_run() {
  local template="$1" exit_wait="$2"; shift 2
  local data; data=$(mktemp -d "${TMPDIR:-/tmp}/natter-startup-XXXXXX")
  if [[ -n "$template" ]]; then cp -a "$template/." "$data/"; fi
  local log="$data.log"
  local t0 t1 win=""
  t0=$(now_ns)
  "$JAVA" "${FLAGS[@]}" "$@" -cp "$CP" im.natter.app.Launcher --data-dir "$data" >"$log" 2>&1 &
  APP_PID=$!
  # xdotool --sync polls only every ~0.5 s, too coarse: poll ourselves every 10 ms
  while true; do
    win=$(xdotool search --onlyvisible --name Natter 2>/dev/null | head -n 1) && [[ -n "$win" ]] && break
    if ! kill -0 "$APP_PID" 2>/dev/null; then say "Natter exited before showing a window; log: $log"; cat "$log" >&2; exit 1; fi
    if (( ($(now_ns) - t0) / 1000000 > 60000 )); then say "no window after 60 s; log: $log"; exit 1; fi
    sleep 0.01
  done
  t1=$(now_ns)
  sleep 2
  RUN_RSS_MIB=$(( $(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status") / 1024 ))
  RUN_TITLE=$(xdotool getwindowname "$win" 2>/dev/null || echo "?")
  RUN_MS=$(( (t1 - t0) / 1000000 ))
  stop_app "$exit_wait"
  if [[ $KEEP -eq 0 ]]; then rm -rf "$data" "$log"; else say "  kept $data and $log"; fi
}

stop_app() {
  kill -TERM "$APP_PID" 2>/dev/null || true
  for _ in $(seq $(( $1 * 20 ))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# Trains an AOT cache: one start with -XX:AOTCacheOutput, stopped with SIGTERM 2 s after the window shows (the
# JVM writes the cache as it exits, which takes a few seconds more).
train_aot() {
  local template="$1" cache="$2"
  rm -f "$cache"
  say "training AOT cache $(basename "$cache")"
  one_run "$template" 120 -XX:AOTCacheOutput="$cache"
  [[ -f "$cache" ]] || { say "no AOT cache was written"; exit 1; }
  say "  $(du -h "$cache" | cut -f1) written"
}

RESULTS=()
measure() {
  local name="$1" template="$2"; shift 2
  local times=() rss=()
  for i in $(seq "$RUNS"); do
    one_run "$template" 5 "$@"
    say "  $name run $i: window after $RUN_MS ms, RSS $RUN_RSS_MIB MiB, title \"$RUN_TITLE\""
    times+=("$RUN_MS"); rss+=("$RUN_RSS_MIB")
  done
  local stats
  stats=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%d %d %d", m, a[1], a[NR]}')
  local rss_med
  rss_med=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%d", m}')
  RESULTS+=("$name $stats $rss_med $(printf '%s,' "${rss[@]}")")
}

say "JDK: $("$JAVA" -version 2>&1 | head -n 1); flags: ${FLAGS[*]}; display $DISPLAY"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the times)"
say "untimed warm-up start (file cache, JavaFX native-library cache)"
one_run "" 5

measure fresh ""
measure prefilled "$TEMPLATE"
for dir in "${EXTRA[@]+"${EXTRA[@]}"}"; do
  measure "$(basename "$dir")" "$dir"
done
if [[ $AOT -eq 1 ]]; then
  train_aot "" "$WORK/natter-fresh.aot"
  measure fresh+aot "" -XX:AOTCache="$WORK/natter-fresh.aot"
  train_aot "$TEMPLATE" "$WORK/natter-prefilled.aot"
  measure prefilled+aot "$TEMPLATE" -XX:AOTCache="$WORK/natter-prefilled.aot"
fi

say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-22s %5s %10s %8s %8s %14s\n' variant runs "median ms" "min ms" "max ms" "RSS MiB (med)"
for r in "${RESULTS[@]}"; do
  read -r name med min max rss_med all <<<"$r"
  printf '%-22s %5s %10s %8s %8s %14s   (RSS per run: %s)\n' "$name" "$RUNS" "$med" "$min" "$max" "$rss_med" "${all%,}"
done
