"""Speed and memory of the pipeline, with the bare encoder as the yardstick.

One command for every number in BENCHMARKS.md:
`python scripts/bench.py --write --train --batch 10000` (about 25 minutes on 2 cores;
drop `--batch` to skip the 10,000-article memory run). Measures the default training
run from a cold cache (``--train``), cold start (process start to first printed
prediction), predicting the two seeds after load, articles/s and statements/s on a
batch (the dev articles and the seeds), peak memory, and the encoder forward pass alone
on the same party inputs in the same run, so the pipeline's overhead is a ratio. With --write the table replaces the block in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) / 2**20 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    import torch

    return f"{cpu}, {os.cpu_count()} CPU cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, torch {torch.__version__}, no GPU"


def cold_start(paths: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "stance.cli", "predict", "--format", "jsonl", *paths],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"cold start run failed: {proc.stderr.strip()[-300:]}")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    ap.add_argument("--train", action="store_true", help="also time `stance train` with the default config")
    ap.add_argument("--batch", type=int, default=0, metavar="N",
                    help="also run scripts/bench_batch.py on N synthetic articles (the Batch memory section)")
    args = ap.parse_args()

    from stance.pipeline import load_classifier
    from stance.types import PartyInput
    from stance.io.clean import clean_article
    from stance.data import load_dev
    from stance.extract import extract
    from stance.nlp import get_nlp, parse_body

    seeds = sorted(str(p) for p in (ROOT / "data" / "articles").glob("*.txt"))
    load_classifier("model", build=True)  # builds the default model if it is not cached yet; not timed
    cold = cold_start(seeds)

    t0 = time.perf_counter()
    clf = load_classifier("model")
    get_nlp()
    load_s = time.perf_counter() - t0
    from stance.pipeline import analyze

    seed_articles = [clean_article(p, Path(p).read_text(encoding="utf-8")) for p in seeds]
    t0 = time.perf_counter()
    for a in seed_articles:
        analyze(a, clf)
    seeds_s = time.perf_counter() - t0
    articles = [clean_article(str(g.path), g.text) for g in load_dev()]
    articles += seed_articles

    t0 = time.perf_counter()
    inputs: list[PartyInput] = []
    statements = 0
    for a in articles:
        found = extract(a, parse_body(a))
        statements += sum(len(sts) for _, sts in found)
        batch = [PartyInput(party=p.name, role=p.role, aliases=p.aliases, statements=[s.text for s in sts], context=a.title)
                 for p, sts in found]
        clf.predict(batch)
        inputs += batch
    pipeline_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    clf.logits(inputs)
    encoder_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [("cold start: `stance predict` on the 2 seeds, process start to output", f"{cold:.1f} s"),
            ("load model + spaCy (in process)", f"{load_s:.1f} s"),
            ("predict the 2 seed articles after load (extraction + stance)", f"{seeds_s:.2f} s"),
            (f"batch: {len(articles)} articles ({statements} statements, {len(inputs)} parties)", f"{pipeline_s:.1f} s"),
            ("articles/s", f"{len(articles) / pipeline_s:.2f}"),
            ("statements/s", f"{statements / pipeline_s:.1f}"),
            ("bare encoder forward (tokenise + forward) on the same party inputs", f"{encoder_s:.2f} s"),
            ("pipeline / encoder time", f"{pipeline_s / encoder_s:.1f}x"),
            ("peak RSS of the benchmark process", f"{peak:.0f} MiB")]
    if args.train:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "STANCE_CACHE": str(Path(tmp) / "cache")}  # cold: dev articles parsed too
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "stance.cli", "train", "--config", str(ROOT / "configs" / "default.yaml"),
                            "--out", str(Path(tmp) / "model"), "--quiet"], check=True, capture_output=True, env=env)
            rows.append(("training the default model from a cold cache (`stance train --config configs/default.yaml`)",
                         f"{time.perf_counter() - t0:.0f} s"))
    table = "\n".join(["| measure | value |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]])
    block = (f"## Pipeline speed and memory (`scripts/bench.py`)\n\nMachine: {machine()}.\n\n{table}\n\n"
             "Regenerate: `python scripts/bench.py --write --train` (without `--train` the training row is left out).\n")
    print(block)
    if args.write:
        from bench_md import write_block

        write_block("bench", block)
    if args.batch:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_batch.py"), "--n", str(args.batch),
                        *(["--write"] if args.write else [])], check=True)


if __name__ == "__main__":
    main()
