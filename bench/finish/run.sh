#!/usr/bin/env bash
# Measures the finishing after the engine (issue #13) by chrF against the
# reference translations of FLORES-200 devtest, French lines 1 to N (300):
# Apertium alone (apertium -u fr-es, then spa-eng for English, line by
# line), relais with every part of the finishing turned off
# (mt.finish-off), and relais as it ships. All three in one run, so that
# the figures compare.
#
#   bash bench/finish/run.sh            # WORK defaults to a temporary folder
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$(pwd)/../shared}
n=${N:-300}
flores=$shared/corpus/parallel/flores200-devtest
go build -o "$work/relais" ./cmd/relais
rm -rf "$work/in" "$work/on" "$work/off" "$work"/*.db
mkdir -p "$work/in"
# One sentence per paragraph, so that drafts pair with the references.
head -n "$n" "$flores/fra_Latn.txt" | sed 's/$/\n/' >"$work/in/flores.txt"

head -n "$n" "$flores/fra_Latn.txt" | apertium -u fr-es >"$work/apertium-es.txt"
apertium -u spa-eng <"$work/apertium-es.txt" >"$work/apertium-en.txt"
sed -i 's/$/\n/' "$work/apertium-es.txt" "$work/apertium-en.txt"

"$work/relais" translate "$work/in" --to en,es --mt apertium --out "$work/on" --memory "$work/on.db" --progress never 2>/dev/null
RELAIS_MT_FINISH_OFF=dates,centuries,ordinals,numbers,honorifics,punctuation,spacing,opening-marks \
  "$work/relais" translate "$work/in" --to en,es --mt apertium --out "$work/off" --memory "$work/off.db" --progress never 2>/dev/null

for l in en es; do
  ref=$flores/$([ "$l" = en ] && echo eng_Latn || echo spa_Latn).txt
  printf '%s chrF on %s lines: apertium alone %s, relais without finishing %s, relais %s\n' "$l" "$n" \
    "$(go run ./bench/chrf -n "$n" "$work/apertium-$l.txt" "$ref")" \
    "$(go run ./bench/chrf -n "$n" "$work/off/$l/flores.txt" "$ref")" \
    "$(go run ./bench/chrf -n "$n" "$work/on/$l/flores.txt" "$ref")"
done
