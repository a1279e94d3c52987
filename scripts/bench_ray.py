"""Throughput of `stance.distributed.predict_dataset` on a local Ray instance against the plain run.

Both run in this process over the same articles (the 60 dev articles and the two seeds,
``--repeat`` times), so the ratio is fair on one machine. The plain run's classifier is
loaded before timing; each Ray run includes starting its actors and loading the model
in each, as every Ray job pays that: on 62 articles that start-up weighs heavily, so
``--repeat`` shows the rate as the batch grows. Needs the ray extra.

    python scripts/bench_ray.py --model tfidf --actors 1,2 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="model", help="classifier spec, as in `stance predict --model`")
    ap.add_argument("--actors", default="1,2", help="comma-separated actor pool sizes to time")
    ap.add_argument("--repeat", type=int, default=1, help="copies of the 62 articles in the batch")
    ap.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    args = ap.parse_args()

    import ray

    from stance.pipeline import load_classifier
    from stance.distributed import predict_dataset
    from stance.nlp import get_nlp
    from stance.pipeline import run

    data = ROOT / "data"
    paths = sorted((data / "dev" / "articles").glob("*.txt")) + sorted((data / "articles").glob("*.txt"))
    n = len(paths) * args.repeat
    rows = [{"id": f"{p}#{k}", "text": p.read_text(encoding="utf-8")} for k in range(args.repeat) for p in paths]

    clf = load_classifier(args.model, build=True)  # not timed
    get_nlp()
    t0 = time.perf_counter()
    local = [r for _ in range(args.repeat) for r in run([str(p) for p in paths], clf)]
    table = [("local", "-", time.perf_counter() - t0)]
    assert len(local) == n

    ray.init(num_cpus=os.cpu_count(), log_to_driver=False, include_dashboard=False)
    try:
        for actors in (int(a) for a in args.actors.split(",")):
            t0 = time.perf_counter()
            out = predict_dataset(ray.data.from_items(rows), model=args.model, concurrency=actors).take_all()
            table.append(("ray", str(actors), time.perf_counter() - t0))
            assert len(out) == n and not any(r["error"] for r in out), "Ray run lost or failed rows"
    finally:
        ray.shutdown()

    lines = [f"| {'engine':<6} | {'actors':>6} | {'seconds':>8} | {'articles/s':>10} |",
             f"|{'-' * 8}|{'-' * 7}:|{'-' * 9}:|{'-' * 11}:|"]
    lines += [f"| {engine:<6} | {actors:>6} | {seconds:>8.1f} | {n / seconds:>10.2f} |" for engine, actors, seconds in table]
    block = (f"## Ray Data against the plain run (`scripts/bench_ray.py`)\n\nModel `{args.model}`, {n} articles "
             f"(the 60 dev articles and the 2 seeds x {args.repeat}), a local Ray instance, {os.cpu_count()} CPU cores; "
             "each Ray run includes starting its actors and loading the model in each.\n\n" + "\n".join(lines)
             + f"\n\nRegenerate: `python scripts/bench_ray.py --model {args.model} --actors {args.actors} "
             f"--repeat {args.repeat} --write`.\n")
    print(block)
    if args.write:
        from bench_md import write_block

        write_block("bench_ray", block)

if __name__ == "__main__":
    main()
