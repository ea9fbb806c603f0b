#!/usr/bin/env bash
# Measures how the Markdown pages of real websites come through a batch
# (issue #12): every Markdown page of ../shared/corpus (.md, .mdx) is
# translated with Apertium into en and es, then, per language:
#   - markup findings of `relais check --source --target` (the skeleton of
#     each draft against its source),
#   - backslash escapes in the drafts against the sources (a draft should
#     not hold more than its source),
#   - pages whose draft has another number of lines than the source (the
#     issue asks for the same number on semantic-line-break pages only: a
#     hard-wrapped page may take more or fewer), then the line structure by
#     class of paragraph (bench/lines, internal/linecheck).
# Structure differences (headings, lists, codes, site syntax) are what the
# markup check reports.
#
#   bash bench/sites/run.sh              # WORK defaults to a temporary folder
#
# Pages are copied into $WORK flat (their path with "/" as "__"), never
# committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$(pwd)/../shared}
go build -o "$work/relais" ./cmd/relais
rm -rf "$work/src" "$work/out" "$work/mem.db"*
mkdir -p "$work/src"
find "$shared/corpus" -type f \( -name '*.md' -o -name '*.mdx' \) -print0 | while IFS= read -r -d '' f; do
  rel=${f#"$shared/corpus/"}
  cp "$f" "$work/src/${rel//\//__}"
done
n=$(ls "$work/src" | wc -l)
echo "pages: $n"
"$work/relais" translate "$work/src" --to en,es --mt apertium --memory "$work/mem.db" --out "$work/out" --progress never 2>"$work/translate.log" >/dev/null
grep -c 'warning' "$work/translate.log" | sed 's/^/translate warnings: /'
esc='\\[][!"#$%&'"'"'()*+,./:;<=>?@\\^_`{|}~-]'
for l in en es; do
  "$work/relais" check --source "$work/src" --target "$work/out/$l" --lang "$l" --fail-on never >"$work/check-$l.txt" 2>&1 || true
  markup=$(grep -c ' markup: ' "$work/check-$l.txt" || true)
  files=$({ grep ' markup: ' "$work/check-$l.txt" || true; } | cut -d: -f1 | sort -u | wc -l)
  gained=0; es=0; ed=0; lines=0
  for p in "$work/src"/*; do
    b=$(basename "$p"); d="$work/out/$l/$b"
    s=$(grep -o "$esc" "$p" | wc -l || true); t=$(grep -o "$esc" "$d" | wc -l || true)
    es=$((es + s)); ed=$((ed + t)); [ "$t" -gt "$s" ] && gained=$((gained + 1))
    [ "$(wc -l <"$p")" -ne "$(wc -l <"$d")" ] && lines=$((lines + 1))
  done
  echo "$l: markup findings $markup in $files page(s); escapes $es in the sources, $ed in the drafts ($gained page(s) gain some); $lines page(s) with another number of lines"
done
for l in en es; do
  echo "$l line structure (bench/lines):"
  go run ./bench/lines "$work/src" "$work/out/$l" | tail -2 || true
done
echo "details: $work/check-en.txt, $work/check-es.txt, $work/translate.log"
