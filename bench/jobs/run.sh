#!/usr/bin/env bash
# Measures what --jobs buys on a batch: the same batch run with --jobs 1, 2
# and 8 (wall time, CPU time, CPU use per core), and checks that the drafts
# and XLIFF files are byte-identical across the runs.
#
#   bash bench/jobs/run.sh                 # --mt none, 500+ Markdown pages
#   MT=apertium bash bench/jobs/run.sh     # Apertium, 100 articles
#
# The workload is built under $WORK (default: a temporary folder) from the
# real pages of ../shared/corpus (Markdown of several sites and languages)
# or, for Apertium, from the articles of testdata/ (20 copies of each, each
# copy with a last line of its own): copies, never committed. Each run
# starts from an empty memory and an empty output folder. RUNS (default 3)
# runs of each; the median is shown.
#
# To measure relais's own work, put WORK in memory (WORK=/dev/shm/relais-jobs):
# on a virtual machine's disk, creating the batch's 2,200 files can cost
# seconds of kernel time that one thread or two spend alike, and that grew
# run after run (seen on the project's 2-core machines: 0.06 s to 1.9 s for
# 2,208 empty files, no faster with two threads).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
mt=${MT:-none}
runs=${RUNS:-3}
jobs_list=${JOBS:-"1 2 8"}
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$root/../shared}

go build -o "$work/relais" ./cmd/relais
src="$work/src-$mt"
if [ ! -d "$src" ]; then
  mkdir -p "$src"
  if [ "$mt" = none ]; then
    # Every Markdown page of the corpus, six times over (in six folders):
    # about 550 pages of real sites.
    mapfile -d '' pages < <(find "$shared/corpus/sites" "$shared/corpus/markdown" -type f \( -name '*.md' -o -name '*.markdown' \) -print0 | sort -z)
    for copy in 1 2 3 4 5 6; do
      mkdir -p "$src/c$copy"
      i=0
      for p in "${pages[@]}"; do
        i=$((i+1))
        cp "$p" "$src/c$copy/$i.md"
      done
    done
  else
    # Each copy ends with a line of its own, so that no two files are the same
    # batch for the engine (the engine's cache would serve the copies).
    for copy in $(seq 1 20); do
      mkdir -p "$src/c$copy"
      for a in testdata/articles/*; do
        { cat "$a"; printf '\nDossier numéro %d.\n' "$copy"; } >"$src/c$copy/$(basename "$a")"
      done
    done
  fi
fi
files=$(find "$src" -type f | wc -l)
echo "workload: $files files under $src, --mt $mt, en+es, $runs run(s) each"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The runs of each --jobs value take turns (1, 2, 8, 1, 2, 8…), so that a
# slow spell of this shared machine falls on all of them alike.
declare -A walls cpus
for r in $(seq 1 "$runs"); do
  for j in $jobs_list; do
    out="$work/out-$mt-j$j"
    rm -rf "$out" "$work/mem-$j.db" "$work/mem-$j.db-index"
    sync # the removal's writeback is not the measured run's
    /usr/bin/time -f '%e %U %S' -o "$work/time" \
      "$work/relais" translate "$src" --to en,es --mt "$mt" --jobs "$j" \
        --memory "$work/mem-$j.db" --out "$out" --progress never 2>"$work/stderr-$j" \
      || { cat "$work/stderr-$j" >&2; exit 1; }
    read -r e u s <"$work/time"
    walls[$j]+="$e "; cpus[$j]+="$(echo "$u + $s" | bc) "
  done
done
declare -A wall cpu
for j in $jobs_list; do
  wall[$j]=$(printf '%s\n' ${walls[$j]} | median)
  cpu[$j]=$(printf '%s\n' ${cpus[$j]} | median)
  use=$(echo "scale=2; ${cpu[$j]} / (${wall[$j]} * 2)" | bc)
  echo "--jobs $j: wall ${wall[$j]} s (runs: ${walls[$j]% }), CPU ${cpu[$j]} s, CPU/(wall×2 cores) $use"
done
first=${jobs_list%% *}
for j in $jobs_list; do
  [ "$j" = "$first" ] && continue
  echo "--jobs $j / --jobs $first wall time: $(echo "scale=2; ${wall[$j]} / ${wall[$first]}" | bc)"
  # The batch's own files must not depend on --jobs; the reports carry
  # nothing that does either (SOURCE_DATE_EPOCH is not set, so their
  # dates differ: they are left out).
  if diff -r -q -x 'report.*' -x summary.json -x .relais-manifest.json "$work/out-$mt-j$first" "$work/out-$mt-j$j" >/dev/null; then
    echo "--jobs $j: drafts and XLIFF byte-identical to --jobs $first"
  else
    echo "--jobs $j: drafts or XLIFF DIFFER from --jobs $first" >&2
    diff -r -q -x 'report.*' -x summary.json -x .relais-manifest.json "$work/out-$mt-j$first" "$work/out-$mt-j$j" | head >&2
    exit 1
  fi
done
