"""Stance macro-F1 of the statement-level model's settings, mixed with TF-IDF + rules, on dev, challenge and seed.

The evidence behind the constants of stance.classify.statements (docs/model.md): the cue
rules' share of each statement's probabilities, the rule-3 decision's share of a party's,
and the statement aggregate's weight against the party-level TF-IDF + rules mixture
(weight 0 is that mixture alone, today's default). The statement model is fitted on
data/train; the inputs are the product's own, for the gold parties it finds.
Usage: python scripts/statements_grid.py [--top N]
"""

from __future__ import annotations

import argparse
import itertools
import sys

import numpy as np
from sklearn.metrics import f1_score

from stance.classify.calibrate import as_array
from stance.classify.statements import combined, fit_statement_model, half_half
from stance.data import load_train
from stance.features import split_inputs
from stance.types import LABELS

SPLITS = ("dev", "challenge", "seed")
RULES = (0.0, 0.3, 0.5)
DECIDED = (0.0, 0.25, 0.5)
MIX = (0.0, 0.3, 0.5, 0.7, 1.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    model = fit_statement_model(load_train())
    data = {}
    for split in SPLITS:
        items, labels = split_inputs(split)
        data[split] = (items, as_array(half_half(items)), np.array([LABELS.index(y) for y in labels]))
    rows = []
    for rules, decided, mix in itertools.product(RULES, DECIDED, MIX):
        model.rules_weight, model.decided_share, model.mix_weight = rules, decided, mix
        scores = [f1_score(gold, combined(model, party, items).argmax(-1), labels=[0, 1, 2], average="macro",
                           zero_division=0) for items, party, gold in (data[s] for s in SPLITS)]
        rows.append(((rules, decided, mix), scores))
    rows.sort(key=lambda r: -(r[1][0] + r[1][1]))
    print("| rules share | rule-3 share | statements weight | " + " | ".join(SPLITS) + " |")
    print("|---:|---:|---:|" + "---:|" * len(SPLITS))
    for (rules, decided, mix), scores in rows[: args.top] + [r for r in rows if r[0][2] == 0.0][:1]:
        print(f"| {rules:.1f} | {decided:.2f} | {mix:.1f} | " + " | ".join(f"{s:.3f}" for s in scores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
