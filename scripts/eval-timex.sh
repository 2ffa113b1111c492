#!/usr/bin/env bash
# Scores chronoscope's temporal tagger against the TempEval-3 gold in the shared folder:
# builds the release binary, extracts plain text and document dates from the TimeML gold,
# runs `chronoscope extract --dct DATE FILE...` once per distinct document date, converts its
# JSON to one prediction file per document and runs the shared scorer with --per-type.
#
# Environment: SHARED_DIR (default: ../shared beside the repo), GOLD_DIR (default:
# $SHARED_DIR/data/tempeval3/train), CHRONOSCOPE_BIN (default: build target/release/chronoscope).
# Extra arguments go to score.py (e.g. --errors /tmp/err.tsv).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED_DIR:-$(dirname "$0")/../../shared}"
gold="${GOLD_DIR:-$shared/data/tempeval3/train}"
tools="$shared/tools/timex_eval"

if [[ -n "${CHRONOSCOPE_BIN:-}" ]]; then
    binary="$CHRONOSCOPE_BIN"
else
    (cd "$repo" && cargo build --release -q)
    binary="$repo/target/release/chronoscope"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/text" "$work/out" "$work/pred"

python3 "$tools/extract_text.py" "$gold" "$work/text" >&2

# One run per distinct document date, each over all the documents that share it.
for dct in $(cut -c1-10 "$work"/text/*.dct | sort -u); do
    files=()
    for dct_file in "$work"/text/*.dct; do
        if [[ "$(cut -c1-10 "$dct_file")" == "$dct" ]]; then
            files+=("${dct_file%.dct}.txt")
        fi
    done
    "$binary" extract --dct "$dct" "${files[@]}" >"$work/out/$dct.json"
done

python3 - "$work/out" "$work/pred" <<'PYTHON'
import json, os, sys

out_dir, pred_dir = sys.argv[1], sys.argv[2]
for out_name in sorted(os.listdir(out_dir)):
    with open(os.path.join(out_dir, out_name), encoding="utf-8") as handle:
        report = json.load(handle)
    for problem in report.get("problems", []):
        print("problem:", problem, file=sys.stderr)
    for document in report["documents"]:
        name = os.path.basename(document.get("path") or document["name"])
        if name.endswith(".txt"):
            name = name[: -len(".txt")]
        timexes = [
            {key: timex[key] for key in ("start", "end", "text", "type", "value")}
            for timex in document["timexes"]
        ]
        with open(os.path.join(pred_dir, name + ".json"), "w", encoding="utf-8") as handle:
            json.dump({"doc": name, "timexes": timexes}, handle)
PYTHON

python3 "$tools/score.py" "$gold" "$work/pred" --per-type "$@"
