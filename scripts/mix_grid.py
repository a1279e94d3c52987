"""Stance macro-F1 of every encoder / TF-IDF / cue-rules mixture on dev, challenge and seed.

The evidence behind ``mix_weights`` in configs/default.yaml (docs/model.md): each
component's probabilities on the product's own inputs for the gold parties it finds,
mixed on a 0.1 grid. The encoder is any folder written by `stance train` (fine-tuned, entail or
SetFit recipe); TF-IDF is the folder's own, else the released model's.
Usage: python scripts/mix_grid.py [MODEL_FOLDER] [--top N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from stance.classify.calibrate import as_array
from stance.classify.mix import weighted
from stance.classify.rules import RuleClassifier
from stance.classify.registry import RELEASE_DIR
from stance.classify.tfidf import TFIDF_JSON, TfidfClassifier
from stance.classify.transformer import META_FILE, TransformerClassifier
from stance.features import split_inputs
from stance.types import LABELS

SPLITS = ("dev", "challenge", "seed")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", nargs="?", default=str(RELEASE_DIR))
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    folder = Path(args.model)
    if json.loads((folder / META_FILE).read_text(encoding="utf-8")).get("method") == "setfit":
        from stance.classify.setfit import SetFitClassifier

        enc = SetFitClassifier(folder)
    else:
        enc = TransformerClassifier(folder, mix=False)
    tfidf = TfidfClassifier.from_folder(folder if (folder / TFIDF_JSON).is_file() else RELEASE_DIR)
    rules = RuleClassifier()
    parts = {}
    for split in SPLITS:
        items, labels = split_inputs(split)
        parts[split] = ({"encoder": as_array(enc.predict(items)), "tfidf": as_array(tfidf.predict(items)),
                         "rules": as_array(rules.predict(items))}, np.array([LABELS.index(y) for y in labels]))
    rows = []
    for we in range(11):
        for wt in range(11 - we):
            weights = {"encoder": we / 10, "tfidf": wt / 10, "rules": (10 - we - wt) / 10}
            scores = [f1_score(gold, weighted(p, weights).argmax(-1), labels=[0, 1, 2], average="macro",
                               zero_division=0) for p, gold in (parts[s] for s in SPLITS)]
            rows.append((weights, scores))
    rows.sort(key=lambda r: -(r[1][0] + r[1][1]))
    print("| encoder | tfidf | rules | " + " | ".join(SPLITS) + " |")
    print("|---:|---:|---:|" + "---:|" * len(SPLITS))
    singles = [r for r in rows if max(r[0].values()) == 1.0]
    for weights, scores in rows[: args.top] + singles:
        print(f"| {weights['encoder']:.1f} | {weights['tfidf']:.1f} | {weights['rules']:.1f} | "
              + " | ".join(f"{s:.3f}" for s in scores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
