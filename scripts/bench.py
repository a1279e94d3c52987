"""Speed and memory of the pipeline, with the bare encoder as the yardstick.

One command for every number in BENCHMARKS.md:
`python scripts/bench.py --write --train --batch 10000` (about 25 minutes on 2 cores;
drop `--batch` to skip the 10,000-article memory run). Measures the default training
run from a cold cache (``--train``), cold start (`stance predict` on one seed, process
start to exit), predicting the two seeds after load, articles/s and statements/s on a
batch (the dev articles and the seeds), peak memory, and the encoder forward pass alone
on the same party inputs in the same run, so the pipeline's overhead is a ratio; spaCy's
full parse of the same files alone is the yardstick of issue 18 (pipeline throughput over
spaCy-alone throughput), and `python -c "import torch"` the one of cold start. Timings in
the process are the best of ``--repeat`` (the machine is shared). With --write the table
replaces the block in BENCHMARKS.md.
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


def seconds(cmd: list[str]) -> float:
    """Wall time of one child process, process start to exit."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {proc.stderr.strip()[-300:]}")
    return time.perf_counter() - start


def best(repeat: int, run) -> float:
    """The fastest of ``repeat`` timings: the machine is shared, and other work only ever adds time."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    ap.add_argument("--model", default="model", help="the classifier to time (default: the default model; a model "
                    "folder works too, e.g. an already built ~/.cache/stance/models/default-...)")
    ap.add_argument("--repeat", type=int, default=2, help="timings of the batch and of spaCy alone, best kept")
    ap.add_argument("--train", action="store_true", help="also time `stance train` with the default config")
    ap.add_argument("--batch", type=int, default=0, metavar="N",
                    help="also run scripts/bench_batch.py on N synthetic articles (the Batch memory section)")
    args = ap.parse_args()

    from stance.data import load_dev
    from stance.features import find_parties, party_input
    from stance.nlp import get_nlp, parse_processes
    from stance.pipeline import load_classifier, run

    load_before = os.getloadavg()[0]
    seeds = sorted(str(p) for p in (ROOT / "data" / "articles").glob("*.txt"))
    load_classifier(args.model, build=True)  # builds the default model if it is not cached yet; not timed
    cold = seconds([sys.executable, "-m", "stance.cli", "predict", "--format", "jsonl", "--model", args.model, *seeds[:1]])
    torch_s = seconds([sys.executable, "-c", "import torch"])

    t0 = time.perf_counter()
    clf = load_classifier(args.model)
    nlp = get_nlp()
    load_s = time.perf_counter() - t0
    seeds_s = best(1, lambda: list(run(seeds, clf)))
    paths = [str(g.path) for g in load_dev()] + seeds
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    results = list(run(paths, clf))  # warm (first-use caches) and kept for the counts; not timed
    spacy_s = best(args.repeat, lambda: list(nlp.pipe(texts)))
    pipeline_s = best(args.repeat, lambda: list(run(paths, clf)))
    single_s = best(args.repeat, lambda: list(run(paths, clf, jobs=1)))
    workers = parse_processes(None, sum(len(r.article.body) for r in results))
    statements = sum(len(r.statements) for r in results)
    parties = sum(len(r.parties) for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [(f"cold start: `stance predict --model {args.model}` on one seed, process start to exit", f"{cold:.1f} s"),
            ("`python -c \"import torch\"`", f"{torch_s:.1f} s"),
            ("cold start / import torch", f"{cold / torch_s:.1f}x"),
            ("load model + spaCy (in process)", f"{load_s:.1f} s"),
            ("predict the 2 seed articles after load (read, extraction, stance)", f"{seeds_s:.2f} s"),
            (f"batch: {len(paths)} articles ({statements} statements, {parties} parties), best of {args.repeat}",
             f"{pipeline_s:.1f} s"),
            (f"pipeline articles/s (startup excluded; spaCy parsing in {workers} process(es), `stance predict`'s default)",
             f"{len(paths) / pipeline_s:.2f}"),
            ("statements/s", f"{statements / pipeline_s:.1f}"),
            (f"pipeline articles/s in one process (`--jobs 1`), best of {args.repeat}", f"{len(paths) / single_s:.2f}"),
            (f"spaCy `{nlp.meta['lang']}_{nlp.meta['name']}` alone, full parse of the same {len(paths)} files (`nlp.pipe`, every component), "
             f"best of {args.repeat}", f"{spacy_s:.1f} s ({len(paths) / spacy_s:.2f} articles/s)"),
            ("pipeline throughput / spaCy-alone throughput", f"{spacy_s / pipeline_s:.2f}"),
            ("the same, pipeline in one process (`--jobs 1`)", f"{spacy_s / single_s:.2f}")]
    if getattr(clf, "model", None) is not None:  # a classifier that runs the encoder (weight above 0)
        inputs = [party_input(p, sts, r.article.title) for r in results for p, sts in find_parties(r.article)]
        encoder_s = best(1, lambda: clf.logits(inputs))
        rows += [("bare encoder forward (tokenise + forward) on the same party inputs", f"{encoder_s:.2f} s"),
                 ("pipeline / encoder time", f"{pipeline_s / encoder_s:.1f}x")]
    rows.append((f"peak RSS of the benchmark process (the {len(paths)}-article batch)", f"{peak:.0f} MiB"))
    rows.append(("peak RSS of its largest child (a cold-start run or a parse worker; shared pages counted in full)",
                 f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB"))
    if args.train:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "STANCE_CACHE": str(Path(tmp) / "cache")}  # cold: dev articles parsed too
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "stance.cli", "train", "--config", str(ROOT / "configs" / "default.yaml"),
                            "--out", str(Path(tmp) / "model"), "--quiet"], check=True, capture_output=True, env=env)
            rows.append(("training the default model from a cold cache (`stance train --config configs/default.yaml`)",
                         f"{time.perf_counter() - t0:.0f} s"))
    table = "\n".join(["| measure | value |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]])
    block = (f"## Pipeline speed and memory (`scripts/bench.py`)\n\nMachine: {machine()}; 1-minute load average at "
             f"start / end: {load_before:.1f} / {os.getloadavg()[0]:.1f} (a shared machine: other work only adds time).\n\n{table}\n\n"
             f"Regenerate: `python scripts/bench.py --write --train{'' if args.model == 'model' else ' --model ' + args.model}` "
             "(without `--train` the training row is left out).\n")
    print(block)
    if args.write:
        from bench_md import write_block

        write_block("bench", block)
    if args.batch:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_batch.py"), "--n", str(args.batch),
                        *(["--write"] if args.write else [])], check=True)


if __name__ == "__main__":
    main()
