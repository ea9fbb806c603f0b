#!/usr/bin/env bash
# Measures issue #15's re-runs through the binary, with Apertium: a batch of
# 100 articles (the 800 French sentences of the corpus's FLORES-200 devtest
# and TICO-19 test sets, eight per article, two per paragraph) translated
# into en and es; the same batch
# run again with nothing changed (the earlier XLIFF files keep every
# segment: no lookup, no engine call), then again after one sentence of one
# article changed. It prints the times, their ratio, and the segments the
# engine translated in each run.
#
#   bash bench/rerun/run.sh            # WORK defaults to a temporary folder
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$(pwd)/../shared}
sentences=$work/sentences.fr
rm -rf "$work/articles" "$work/out" "$work/memory.db"*
mkdir -p "$work/articles"
go build -o "$work/relais" ./cmd/relais
cat "$shared/corpus/parallel/flores200-devtest/fra_Latn.txt" "$shared/corpus/parallel/tico19-test/fra.txt" >"$sentences"
[ "$(wc -l <"$sentences")" -ge 800 ] || { echo "fewer than 800 sentences in $sentences" >&2; exit 1; }
for i in $(seq 0 99); do
  sed -n "$((i * 8 + 1)),$((i * 8 + 8))p" "$sentences" |
    awk 'NR % 2 == 1 { line = $0; next } { print line " " $0 "\n" }' >"$work/articles/article-$(printf %03d "$i").md"
done
run() { # run LABEL: one batch, its time and the segments the engine translated
  local start end
  start=$(date +%s.%N)
  "$work/relais" translate "$work/articles" --to en,es --mt apertium --memory "$work/memory.db" \
    --out "$work/out" --progress never 2>"$work/$1.log"
  end=$(date +%s.%N)
  echo "$1 $(echo "$end - $start" | bc) $(grep -o 'machine translation: [0-9]* segment' "$work/$1.log" | grep -o '[0-9]*')"
}
first=$(run first)
rerun=$(run rerun)
sed -i '1s/^/Hier, /' "$work/articles/article-042.md"
changed=$(run changed)
echo "$first" | awk '{ printf "first run: %.2f s, %d segment(s) from the engine\n", $2, $3 }'
echo "$rerun" | awk '{ printf "re-run, nothing changed: %.2f s, %d segment(s) from the engine\n", $2, $3 }'
echo "$changed" | awk '{ printf "re-run, one sentence changed: %.2f s, %d segment(s) from the engine\n", $2, $3 }'
awk -v a="$(echo "$first" | cut -d' ' -f2)" -v b="$(echo "$rerun" | cut -d' ' -f2)" \
  'BEGIN { printf "re-run / first run: %.1f %%\n", 100 * b / a }'
