"""Party-level stance scores on gold parties, the model beside every baseline.

Each gold party is given to the classifier as the pipeline would give it (body
sentences mentioning the party plus what the extractor attributes to it; never the
gold evidence). Prints a table of macro-F1, accuracy and ECE per split.

    python scripts/eval_stance.py                       # default model (trains once if missing) + baselines
    python scripts/eval_stance.py --model models/default --classifiers model,rules --json report.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stance.classify import load_classifier  # noqa: E402
from stance.eval.stance import stance_scores  # noqa: E402
from stance.train.trainer import gold_examples  # noqa: E402

BASELINES = ["rules", "tfidf", "embed", "llm"]


def evaluate(name: str, clf, items, labels) -> dict:
    t = time.time()
    probs = clf.predict(items)
    pred = [max(p, key=p.get) for p in probs]
    s = stance_scores(labels, pred, probs)
    return {"classifier": name, "macro_f1": s["macro_f1"], "accuracy": s["accuracy"], "ece": s["ece"],
            "n": s["n"], "seconds": round(time.time() - t, 2),
            "per_class_f1": {k: round(v["f1"], 3) for k, v in s["per_class"].items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="model", help="model folder, or 'model' for the cached default")
    ap.add_argument("--classifiers", default="model," + ",".join(BASELINES))
    ap.add_argument("--splits", default="dev,seed")
    ap.add_argument("--json", help="also write the rows here")
    args = ap.parse_args()
    splits = {s: gold_examples(s) for s in args.splits.split(",")}
    rows = []
    for name in args.classifiers.split(","):
        spec = args.model if name == "model" else name
        try:
            clf = load_classifier(spec)
        except ValueError as err:
            print(f"skipped {name}: {err}", file=sys.stderr)
            continue
        for split, (items, labels) in splits.items():
            rows.append({"split": split, **evaluate(name, clf, items, labels)})
            if name == "model" and getattr(clf, "temperature", 1.0) != 1.0:
                t, clf.temperature = clf.temperature, 1.0
                rows.append({"split": split, **evaluate("model (T=1, uncalibrated)", clf, items, labels)})
                clf.temperature = t
    print(f"{'split':6} {'classifier':28} {'macro-F1':>8} {'acc':>6} {'ECE':>6} {'n':>4}")
    for r in rows:
        print(f"{r['split']:6} {r['classifier']:28} {r['macro_f1']:8.3f} {r['accuracy']:6.3f} {r['ece']:6.3f} {r['n']:4d}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
