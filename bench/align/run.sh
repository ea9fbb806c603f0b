#!/usr/bin/env bash
# Measures issue #17 through the binary: the gold set of bench/align (FLORES-200
# lines 1-300 and TICO-19 lines 1-424 as pseudo-articles, the translations
# perturbed with a fixed seed), aligned fr-en and fr-es by `relais align` with
# --mt none and --mt apertium at the default --min-score, and by the aligner
# relais had before (Gale-Church by blocks) as the baseline, in one run; then
# the speed benchmark of the aligner itself (1,000 article pairs, translations
# given).
#
#   bash bench/align/run.sh            # WORK defaults to a temporary folder
#   SEED=2 bash bench/align/run.sh     # other articles and perturbations (the
#                                      # weights were read on seed 17's set)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$(pwd)/../shared}
go build -o "$work/relais" ./cmd/relais
go build -o "$work/alignbench" ./bench/align
rm -rf "$work/gold" "$work"/*.tsv "$work/mt.db"*
"$work/alignbench" -shared "$shared" -out "$work/gold" -seed "${SEED:-17}"
for set in flores tico; do
  for lang in en es; do
    d=$work/gold/$set
    echo "$set fr-$lang"
    printf '  Gale-Church (before #17): '
    "$work/alignbench" -baseline "$d" -lang "$lang"
    for mt in none apertium; do
      out=$work/$set-$lang-$mt.tsv
      "$work/relais" align --source "$d/fr" --target "$d/$lang" --lang "$lang" --mt "$mt" \
        --memory "$work/mt.db" -o "$out" 2>"$work/$set-$lang-$mt.log"
      printf '  relais align --mt %-9s ' "$mt:"
      "$work/alignbench" -score "$out" -gold "$d/gold-$lang.tsv"
    done
  done
done
go test ./pkg/align -run '^$' -bench '^BenchmarkAlign$' -benchtime 3x
