#!/usr/bin/env bash
# Measures issue #14 on real documentation (bench/realtm says how the
# workload is built): the changed French pages of YunoHost and FreshRSS
# translated into English with --mt apertium three ways, in one run —
# the engine alone, with the paragraph units of the old pages as memory
# (imported whole, --split=false), and with the same units also cut into
# sentences (the default) — and, for each, the words the memory gave and
# the chrF of the drafts against the English pages.
#
#   bash bench/realtm/run.sh            # WORK defaults to a temporary folder
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${WORK:-$(mktemp -d)}
shared=${SHARED:-$(pwd)/../shared}
rm -rf "$work/pages" "$work/en" "$work"/run-* "$work"/*.db
go build -o "$work/relais" ./cmd/relais
go run ./bench/realtm -shared "$shared" -out "$work"
words() { # words from memory in a summary.json
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); o=d["total"][0]["origins"]; print(o["in_context"]["words"]+o["exact"]["words"]+o["fuzzy"]["words"], "of", d["words"])' "$1"
}
for mode in engine paragraphs sentences; do
  db="$work/$mode.db"
  case $mode in
    paragraphs) "$work/relais" memory import "$work/memory.po" --split=false --memory "$db" ;;
    sentences) "$work/relais" memory import "$work/memory.po" --memory "$db" ;;
  esac
  "$work/relais" translate "$work/pages" --to en --mt apertium --memory "$db" --out "$work/run-$mode" --progress never 2>/dev/null || true
  printf '%s: words from memory %s; chrF %s\n' "$mode" "$(words "$work/run-$mode/summary.json")" \
    "$(go run ./bench/realtm -score "$work/run-$mode/en" -ref "$work/en")"
done
