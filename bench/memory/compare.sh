#!/usr/bin/env bash
# Compares the fuzzy lookups of this tree with those of another commit
# (BASE, default 098f624, the baseline of issue #14) on the benchmark
# workload, counted rather than timed: the first QUERIES sentences of the
# batch (default 200) are looked up under Valgrind's callgrind, which
# counts the instructions and simulates the caches (32 KiB L1 data, 4 MiB
# last level), so that the figures are the same on a quiet machine and on
# a busy one. Wall-clock time on these shared machines varies by up to 3×
# between runs of the same binary; counts do not. Each memory is imported
# by its own version of bench/memory, once, and kept under WORK.
#
#   WL=/path/to/wl bash bench/memory/compare.sh [SIZE...]   # SIZE: 100k, 1m (both by default)
#
# WL is the workload's wl folder (../shared/bench/make-workload.sh); needs
# valgrind (Debian package valgrind).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${WL:?set WL to the workload folder (WORK/wl of ../shared/bench/make-workload.sh)}"
base=${BASE:-098f624}
work=${WORK:-/tmp/relais-memcompare}
queries=${QUERIES:-200}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100k 1m)
command -v valgrind >/dev/null || { echo "compare: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
mkdir -p "$work/wl"
head -n "$queries" "$WL/batch.fr" >"$work/wl/batch.fr"
cp "$WL/batch-key.tsv" "$work/wl/"
go build -o "$work/memory-head" ./bench/memory
if [ ! -x "$work/memory-$base" ]; then
  rm -rf "$work/base-tree"
  git worktree add -q --detach "$work/base-tree" "$base"
  (cd "$work/base-tree" && go build -o "$work/memory-$base" ./bench/memory)
  git worktree remove --force "$work/base-tree"
fi
count() { # version size: instructions, L1 data misses, last-level data misses
  local db="$work/$1-$2.db"
  if [ ! -f "$db" ]; then
    "$work/memory-$1" -mode import -tmx "$WL/tm-$2.tmx" -db "$db" >/dev/null
    # A first pass writes the index file beside the memory, as a first
    # translate does; the counted pass then reads it, as later ones do.
    "$work/memory-$1" -mode lookup -db "$db" -wl "$work/wl" >/dev/null
  fi
  GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --cache-sim=yes --D1=32768,8,64 --LL=4194304,16,64 \
    --toggle-collect=main.lookups --callgrind-out-file=/dev/null \
    "$work/memory-$1" -mode lookup -db "$db" -wl "$work/wl" 2>&1 >/dev/null |
    awk '/I   refs:/ {gsub(",","",$4); i=$4} /D1  misses:/ {gsub(",","",$4); d=$4} /LLd misses:/ {gsub(",","",$4); l=$4} END {print i, d, l}'
}
printf '%-5s %-8s %15s %13s %13s\n' size version instructions L1d-misses LLd-misses
for size in "${sizes[@]}"; do
  read -r bi bd bl < <(count "$base" "$size")
  read -r hi hd hl < <(count head "$size")
  printf '%-5s %-8s %15s %13s %13s\n' "$size" "$base" "$bi" "$bd" "$bl"
  printf '%-5s %-8s %15s %13s %13s\n' "$size" head "$hi" "$hd" "$hl"
  awk -v bi="$bi" -v hi="$hi" -v bd="$bd" -v hd="$hd" -v bl="$bl" -v hl="$hl" -v s="$size" \
    'BEGIN {printf "%-5s head/base: instructions %.3f, L1d misses %.3f, LLd misses %.3f\n", s, hi/bi, hd/bd, hl/bl}'
done
