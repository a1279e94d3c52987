"""Scale benchmark: do the formats that see the whole batch stay near-linear?

Generates N tiny articles (authored here from templates: events in different places
and weeks, each reported by a few outlets quoting a few of its parties, so event
grouping has real work), then runs each command with `--model rules` in a child
process and measures its wall time and peak RSS (``os.wait4``'s rusage of that child):

    predict --format json --out FILE
    predict --format jsonl --out FILE --html FILE
    summarize --out FILE

    nice -n 10 python scripts/bench_scale.py --sizes 500 5000 --write

Prints a Markdown table (and the growth ratio of time from the smallest to the largest
size next to the size ratio); ``--write`` puts it into BENCHMARKS.md with the machine
and its load average at the start and end (the machine is shared: wall time depends on it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Dana", "Ilya", "Omar", "Lena", "Tomas", "Mira", "Karim", "Sofia", "Pavel", "Amira", "Jonas", "Noor"]
LAST = ["Voss", "Marsh", "Haddad", "Brandt", "Keller", "Solberg", "Nasser", "Ilic", "Moreau", "Okafor", "Lind", "Varga",
        "Quint", "Ferro", "Aslan", "Duarte"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "rebel commander", "UN envoy", "militia leader"]
PLACES = ["Arvel", "Brisk", "Calder", "Dunmore", "Eskar", "Fenwick", "Galt", "Harrow", "Isel", "Jarrow", "Kestrel",
          "Lorn", "Marrow", "Norvik", "Oster", "Pellam", "Quarry", "Rusk", "Selwyn", "Tarn", "Umber", "Varna", "Wrexley",
          "Yarrow", "Zell"]
OUTLETS = ["Northern Ledger", "Coastal Wire", "Daily Meridian", "Frontier Post", "Evening Signal", "Valley Herald"]
SAYS = {
    "open": ["said the government was ready to accept a ceasefire in {place} at once",
             "said they welcomed the truce proposal for {place} and would sign it"],
    "conditional": ["said a ceasefire around {place} was possible only if the shelling stopped first",
                    "said they would agree to a truce in {place} on condition that prisoners were released"],
    "rejecting": ["said there would be no ceasefire in {place} while troops remained",
                  "rejected the truce offer for {place}, calling it a trap"],
}


def party(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)


def articles(n: int, seed: int = 21) -> list[dict]:
    """``n`` tiny articles: events of 1-6 reports each (same place, parties and week)."""
    rng, out, event = random.Random(seed), [], 0
    while len(out) < n:
        event += 1
        place, day = rng.choice(PLACES), 1 + (event * 3) % 360
        cast = [party(rng) for _ in range(rng.randint(1, 3))]
        for k in range(min(rng.randint(1, 6), n - len(out))):
            outlet = OUTLETS[(event + k) % len(OUTLETS)]
            lines = [f"Fighting near {place} went on during day {event % 28 + 1} of the talks, residents said."]
            for name, role in rng.sample(cast, rng.randint(1, len(cast))):
                stance = rng.choice(list(SAYS))
                lines.append(f"{role[0].upper() + role[1:]} {name} {rng.choice(SAYS[stance]).format(place=place)}.")
            lines.append(f"The {outlet} could not verify the casualty figures from {place}.")
            date = f"2025-{1 + (day - 1) // 30 % 12:02d}-{1 + (day - 1) % 28:02d}"
            out.append({"id": f"e{event}-{k}", "title": f"Ceasefire talks over {place}", "outlet": outlet,
                        "date": date, "text": " ".join(lines)})
    return out


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def commands(batch: Path, tmp: Path) -> dict[str, list[str]]:
    stance = [sys.executable, "-m", "stance"]
    return {
        "predict --format json": stance + ["predict", "--model", "rules", "-f", "json", "--out", str(tmp / "o.json"), str(batch)],
        "predict --html": stance + ["predict", "--model", "rules", "-f", "jsonl", "--out", str(tmp / "o.jsonl"),
                                    "--html", str(tmp / "o.html"), str(batch)],
        "summarize": stance + ["summarize", "--model", "rules", "--out", str(tmp / "o.md"), str(batch)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--only", help="run only the command whose name contains this")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    args = parser.parse_args()
    load_before = os.getloadavg()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    rows: dict[str, dict[int, tuple[float, float, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for n in args.sizes:
            batch = tmp / f"batch{n}.jsonl"
            batch.write_text("".join(json.dumps(a) + "\n" for a in articles(n)), encoding="utf-8")
            for name, cmd in commands(batch, tmp).items():
                if args.only and args.only not in name:
                    continue
                rows.setdefault(name, {})[n] = result = measure(cmd, env)
                print(f"# {name} n={n}: {result[0]:.1f} s, {result[1]:.0f} MB, exit {result[2]}", file=sys.stderr, flush=True)
    lo, hi = min(args.sizes), max(args.sizes)
    lines = ["| command | " + " | ".join(f"n={n}: time, peak RSS" for n in args.sizes) + f" | time x{hi // lo} size |",
             "|---" * (len(args.sizes) + 2) + "|"]
    for name, by_n in rows.items():
        cells = [f"{by_n[n][0]:.1f} s, {by_n[n][1]:.0f} MB" + (f" (exit {by_n[n][2]})" if by_n[n][2] else "")
                 for n in args.sizes]
        growth = by_n[hi][0] / by_n[lo][0] if lo in by_n and hi in by_n else float("nan")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | x{growth:.1f} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        from bench import machine
        from bench_md import write_block

        load = " / ".join(f"{x:.1f}" for x in (*load_before, *os.getloadavg())[::3])
        write_block("bench_scale", "## Scale: whole-batch formats on N tiny articles (`scripts/bench_scale.py`)\n\n"
                    f"Machine: {machine()}; 1-minute load average at start / end: {load} (shared machine).\n"
                    "Synthetic tiny articles (templates in the script), `--model rules`, wall time and peak RSS "
                    f"of each command's process.\n\n{table}\n\n"
                    f"Regenerate: `nice -n 10 python scripts/bench_scale.py --sizes {' '.join(map(str, args.sizes))} --write`.\n")


if __name__ == "__main__":
    main()
