"""Benchmarks for the stance model: default training time, and predicting the seed articles after load.

    python scripts/bench_train.py            # both (training writes to a temporary folder)
    python scripts/bench_train.py --skip-train --model PATH

Acceptance targets: training at most 10 minutes on the project's CPU; predicting the
two seed articles at most 5 s after the model is loaded. The CPU is shared, so the
script prints the load average beside each figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED_ARTICLES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_train() -> Path:
    from stance.train.default import default_config
    from stance.train.run import train

    out = Path(tempfile.mkdtemp(prefix="stance-bench-")) / "model"
    cfg = default_config()
    cfg.output_dir = str(out)
    t = time.perf_counter()
    metrics = train(cfg)
    took = time.perf_counter() - t
    print(f"train: {took:.1f} s for {metrics['n_train']} examples x {cfg.epochs} epochs "
          f"({metrics['n_train'] * cfg.epochs / took:.1f} examples/s incl. dev eval) on {metrics['device']}; "
          f"dev macro-F1 {metrics['dev']['macro_f1']}; load avg {load()}")
    return out


def bench_predict(path: str) -> None:
    from stance.classify.registry import load_model
    from stance.nlp import get_nlp
    from stance.pipeline import run

    from stance.classify.transformer import TransformerClassifier

    for quantize in (False, True):
        t = time.perf_counter()
        clf = TransformerClassifier(path, quantize=True) if quantize else load_model(path)
        get_nlp()
        loaded = time.perf_counter() - t
        t = time.perf_counter()
        results = list(run(SEED_ARTICLES, clf))
        took = time.perf_counter() - t
        labels = [(p.party.name, p.stance) for r in results for p in r.parties]
        print(f"predict ({'int8' if quantize else 'fp32'}): {took:.2f} s for {len(SEED_ARTICLES)} seed articles "
              f"after {loaded:.1f} s load; {len(labels)} parties; load avg {load()}")
        print("  " + "; ".join(f"{n}: {s}" for n, s in labels))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--model", help="model folder for the predict benchmark (default: the one just trained, "
                                    "or the packaged default model with --skip-train)")
    args = ap.parse_args()
    path = args.model
    if not args.skip_train:
        trained = bench_train()
        path = path or str(trained)
    if not path:
        from stance.classify.registry import RELEASE_DIR

        path = str(RELEASE_DIR)
    bench_predict(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
