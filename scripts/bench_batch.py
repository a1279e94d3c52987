"""Batch benchmark: N synthetic articles through `stance predict --format jsonl`, with
the process's resident memory sampled over time to show whether it grows.

The articles are generated here from templates (names, places, numbers and clauses
combined at random with a fixed seed), so every run sees the same open-ended mix of
new words, the way a crawl does. The default model is timed unless ``--model`` says otherwise
(it needs no torch, so the run stays CPU-cheap). Results go
to reports/bench_batch.json and, with --write, to the "Batch memory" section of
BENCHMARKS.md (the numbers are only ever written by this script).

    python scripts/bench_batch.py --n 10000 --write
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Dana", "Ilya", "Omar", "Lena", "Tomas", "Mira", "Karim", "Sofia", "Pavel", "Amira", "Jonas", "Noor", "Viktor", "Hana"]
LAST = ["Voss", "Marsh", "Haddad", "Brandt", "Keller", "Solberg", "Nasser", "Ilic", "Moreau", "Okafor", "Lind", "Varga"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "army spokesperson", "rebel commander",
         "UN envoy", "opposition leader", "Interior Minister", "militia leader"]
GROUPS = ["the Northern Front", "the Coastal Alliance", "the government", "the Free Valley Movement", "the Southern Brigades",
          "the Union of the Hills", "the river militias"]
PLACES = ["Arvel", "Korinth Bay", "the Sarn valley", "Estova", "the capital", "Dunmere", "the border crossing at Halk"]
POSITIONS = [
    "said {group} was ready to accept a ceasefire from {day}",
    "rejected any truce while troops remained in {place}",
    "said a ceasefire was possible only if {n} prisoners were released first",
    "called the truce proposal a trap and vowed to keep fighting",
    "welcomed the ceasefire offer and urged both sides to sign it",
    "said talks on a truce could start once shelling of {place} stopped",
]
FILLER = [
    "Fighting near {place} killed at least {n} people overnight, local officials said.",
    "Aid convoys carrying {n} tonnes of supplies waited at {place} for a second day.",
    "Residents of {place} described queues for water stretching {n} metres.",
    "Satellite images reviewed by analysts showed {n} new craters around {place}.",
    "The talks, mediated by envoy {name}, are due to resume on {day} in {place}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_article(rng: random.Random, i: int) -> dict:
    def fill(t: str) -> str:
        return t.format(group=rng.choice(GROUPS), place=rng.choice(PLACES), day=rng.choice(DAYS),
                        n=rng.randint(2, 9000), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}")

    paras = []
    for _ in range(rng.randint(3, 8)):
        if rng.random() < 0.5:
            who = f"{rng.choice(ROLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"
            paras.append(f"{who} {fill(rng.choice(POSITIONS))} on {rng.choice(DAYS)}, according to report {i}-{rng.randint(1, 99999)}.")
        else:
            paras.append(fill(rng.choice(FILLER)))
    title = f"Ceasefire talks: day {i} in {rng.choice(PLACES)}"
    return {"id": f"synthetic-{i:06d}", "title": title, "outlet": rng.choice(["Test Wire", "Example Post"]),
            "text": title + "\n\n" + "\n\n".join(paras) + "\n"}


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """The process's living descendants (spaCy's parse workers)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *children(kid)]
    return out


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


def run_batch(n: int, interval: float, model: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "batch.jsonl", Path(tmp) / "out.jsonl"
        rng = random.Random(13)
        with src.open("w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps(synthetic_article(rng, i)) + "\n")
        cmd = [sys.executable, "-m", "stance.cli", "predict", "--model", model, "--format", "jsonl",
               "--resume", "--out", str(out), str(src)]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples = []
        while proc.poll() is None:
            kib = rss_kib(proc.pid)
            if kib:
                workers = sum(rss_kib(k) or 0 for k in children(proc.pid))
                samples.append({"t": round(time.monotonic() - start, 2), "done": count_lines(out), "rss_mib": round(kib / 1024, 1),
                                "workers_rss_mib": round(workers / 1024, 1)})
            time.sleep(interval)
        stderr = proc.stderr.read()
        elapsed = time.monotonic() - start
        done = count_lines(out)
    if proc.returncode not in (0, 1) or done == 0:
        raise SystemExit(f"benchmark run failed (exit {proc.returncode}): {stderr.strip()[-500:]}")
    return {"model": model, "articles": n, "written": done, "errors": len([ln for ln in stderr.splitlines() if ln.startswith("error:")]),
            "seconds": round(elapsed, 1), "samples": samples}


def rss_at(samples: list[dict], fraction: float, n: int) -> float:
    """Resident memory at the first sample with at least ``fraction`` of the batch written."""
    target = fraction * n
    return next((s["rss_mib"] for s in samples if s["done"] >= target), samples[-1]["rss_mib"])


def summary(result: dict) -> dict:
    samples, n = result["samples"], result["articles"]
    return {
        "model": result["model"], "articles": n, "written": result["written"], "errors": result["errors"], "seconds": result["seconds"],
        "articles_per_s": round(result["written"] / result["seconds"], 1),
        "peak_rss_mib": max(s["rss_mib"] for s in samples),
        "peak_workers_rss_mib": max(s["workers_rss_mib"] for s in samples),
        "rss_mib_at": {f"{int(f * 100)}%": rss_at(samples, f, n) for f in (0.1, 0.25, 0.5, 0.75, 1.0)},
    }


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} CPU cores (shared), {mem} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def write_benchmarks(s: dict, where: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    at = " · ".join(f"{k}: {v} MiB" for k, v in s["rss_mib_at"].items())
    section = (
        "<!-- bench_batch:start -->\n"
        "## Batch memory (`scripts/bench_batch.py`)\n\n"
        f"{s['articles']:,} synthetic articles (generated from templates) through "
        f"`stance predict --model {s['model']} --format jsonl --resume --out ...`, one `stance predict` process and its parse workers, resident memory "
        "sampled from /proc every half second.\n\n"
        f"- Machine: {where}\n"
        f"- Written: {s['written']:,} articles, {s['errors']} errors, {s['seconds']} s ({s['articles_per_s']} articles/s)\n"
        f"- Peak RSS: **{s['peak_rss_mib']} MiB** (the main process); its parse workers together at most "
        f"{s['peak_workers_rss_mib']} MiB (each started per chunk of articles, their pages shared with it counted again)\n"
        f"- RSS by progress: {at}\n\n"
        "Flat RSS from 10% to 100% of the batch means nothing accumulates per article.\n"
        f"Regenerate: `python scripts/bench_batch.py --n 10000 --write{'' if s['model'] == 'model' else ' --model ' + s['model']}`.\n"
        "<!-- bench_batch:end -->\n"
    )
    if "<!-- bench_batch:start -->" in text:
        head, rest = text.split("<!-- bench_batch:start -->", 1)
        text = head + section + rest.split("<!-- bench_batch:end -->\n", 1)[-1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    sys.path.insert(0, str(ROOT))
    from stance.io.atomic import write_text

    write_text(path, text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of synthetic articles")
    ap.add_argument("--interval", type=float, default=0.5, help="seconds between memory samples")
    ap.add_argument("--model", default="model", help="the classifier to run (default: the default model)")
    ap.add_argument("--write", action="store_true", help="update the Batch memory section of BENCHMARKS.md")
    args = ap.parse_args()
    result = run_batch(args.n, args.interval, args.model)
    s = summary(result)
    reports = ROOT / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "bench_batch.json").write_text(json.dumps({**s, "machine": machine(), "samples": result["samples"]}, indent=1))
    print(json.dumps(s, indent=1))
    if args.write:
        write_benchmarks(s, machine())


if __name__ == "__main__":
    main()
