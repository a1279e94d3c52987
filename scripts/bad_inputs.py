"""The bad-input catalogue of issue 21, run through the real CLI in subprocesses.

Every case builds its files in a fresh temporary folder, runs `python -m stance ...`
there (with `--model rules`, a 60 s limit that marks a hang) and prints one line:
the case, the exit code, whether a traceback appeared, and the first stderr line.
Exits 1 when any case printed a traceback or hung.

    nice -n 10 python scripts/bad_inputs.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Truce talks\n\nForeign Minister Dana Voss said the government was open to a ceasefire on Tuesday.\n"
FRENCH = "Le ministre a déclaré que le gouvernement était prêt à accepter un cessez-le-feu dès mardi, selon des responsables.\n"
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + "epochs: *i\n"


@dataclass
class Case:
    name: str
    args: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    reader: str | None = None  # a FIFO in the folder to drain while the command runs


def fifo(name: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / name)


def link(name: str, target: str) -> Callable[[Path], None]:
    return lambda d: (d / name).symlink_to(target)


def predict(*args: str) -> list[str]:
    return ["predict", "--model", "rules", *args]


CASES = [
    # outputs
    Case("--out /dev/stdout", predict("-f", "json", "--out", "/dev/stdout", "a.txt"), {"a.txt": ARTICLE}),
    Case("--out - (stdout)", predict("-f", "json", "--out", "-", "a.txt"), {"a.txt": ARTICLE}),
    Case("--out symlink to a file", predict("-f", "json", "--out", "link.json", "a.txt"), {"a.txt": ARTICLE, "real.json": "old"},
         link("link.json", "real.json")),
    Case("--out FIFO", predict("-f", "json", "--out", "pipe", "a.txt"), {"a.txt": ARTICLE}, fifo("pipe"), reader="pipe"),
    Case("--out folder", predict("--out", ".", "a.txt"), {"a.txt": ARTICLE}),
    Case("--html folder", predict("--html", ".", "a.txt"), {"a.txt": ARTICLE}),
    Case("--out under a file", predict("--out", "a.txt/out.json", "a.txt"), {"a.txt": ARTICLE}),
    Case("--out symlink loop", predict("--out", "loop", "a.txt"), {"a.txt": ARTICLE}, link("loop", "loop")),
    Case("--resume --out -", predict("-f", "jsonl", "--resume", "--out", "-", "a.txt"), {"a.txt": ARTICLE}),
    Case("stale temp of a killed run", predict("-f", "json", "--out", "o.json", "a.txt"),
         {"a.txt": ARTICLE, ".o.json.abcd1234.tmp": "partial"}),
    # inputs
    Case("missing file", predict("nope.txt")),
    Case("empty file", predict("e.txt"), {"e.txt": ""}),
    Case("binary file", predict("b.txt"), {"b.txt": b"\x89PNG\r\n\x1a\n\x00\x00binary"}),
    Case("latin-1 file", predict("l.txt"), {"l.txt": "Le café était fermé, a dit le ministre.".encode("latin-1")}),
    Case("UTF-16 file", predict("u.txt"), {"u.txt": ARTICLE.encode("utf-16")}),
    Case("unknown extension", predict("a.pdf"), {"a.pdf": ARTICLE}),
    Case("folder without articles", predict("d"), setup=lambda d: (d / "d").mkdir()),
    Case("FIFO input", predict("f.txt"), setup=fifo("f.txt")),
    Case("device input (/dev/zero via a .txt link)", predict("z.txt"), setup=link("z.txt", "/dev/zero")),
    Case("symlink loop input", predict("loop.txt"), setup=link("loop.txt", "loop.txt")),
    Case("JSONL nested 5,000 deep, then a good line", predict("r.jsonl"),
         {"r.jsonl": '{"text": ' + "[" * 5000 + "]" * 5000 + "}\n" + json.dumps({"text": ARTICLE}) + "\n"}),
    Case("JSONL line not an object", predict("r.jsonl"), {"r.jsonl": "[1, 2]\n"}),
    Case("JSONL malformed line", predict("r.jsonl"), {"r.jsonl": "{not json\n"}),
    Case("not English", predict("fr.txt"), {"fr.txt": FRENCH}),
    Case("URL with credentials", predict("http://bob:hunter2@example.org/a.html")),
    Case("URL to loopback", predict("http://127.0.0.1:9/a.html")),
    Case("URL with another scheme", predict("ftp://example.org/a.txt")),
    Case("summarize: only bad inputs", ["summarize", "--model", "rules", "nope.txt"]),
    Case("merge: not a stance output", ["merge", "a.txt"], {"a.txt": ARTICLE}),
    Case("review: binary file", ["review", "b.jsonl", "--out", "r.jsonl"], {"b.jsonl": b"\x89PNG\r\n\x1a\n\xff\xfe\x00"}),
    # configs
    Case("train config: integer key", ["train", "--config", "t.yaml"], {"t.yaml": "1: 2\n"}),
    Case("train config: latin-1", ["train", "--config", "t.yaml"], {"t.yaml": "output_dir: café\n".encode("latin-1")}),
    Case("train config: YAML alias bomb", ["train", "--config", "t.yaml"], {"t.yaml": BOMB}),
    Case("train config: empty", ["train", "--config", "t.yaml"], {"t.yaml": ""}),
    Case("train config: python tag", ["train", "--config", "t.yaml"], {"t.yaml": "epochs: !!python/object/apply:os.system [id]\n"}),
    Case("evaluate --floors: a list", ["evaluate", "--model", "rules", "--check", "--floors", "f.yaml"], {"f.yaml": "- 0.9\n"}),
    Case("evaluate --floors: a string value", ["evaluate", "--model", "rules", "--check", "--floors", "f.yaml"],
         {"f.yaml": "seed: {party_recall: high}\n"}),
    Case("evaluate --floors: python tag", ["evaluate", "--model", "rules", "--check", "--floors", "f.yaml"],
         {"f.yaml": "seed: !!python/name:os.system {}\n"}),
    Case("evaluate --baselines bogus", ["evaluate", "--model", "rules", "--baselines", "bogus"]),
    # usage
    Case("--threshold out of range", predict("--threshold", "2", "a.txt"), {"a.txt": ARTICLE}),
    Case("--shard malformed", predict("-f", "jsonl", "--shard", "x", "a.txt"), {"a.txt": ARTICLE}),
]


def run(case: Case, env: dict[str, str]) -> tuple[str, bool, str]:
    """(exit code or HANG, traceback seen, first stderr line) of one case in a fresh folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, content in case.files.items():
            (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if case.setup:
            case.setup(folder)
        if case.reader:
            threading.Thread(target=lambda: (folder / case.reader).read_bytes(), daemon=True).start()
        try:
            proc = subprocess.run([sys.executable, "-m", "stance", *case.args], cwd=folder, env=env, capture_output=True,
                                  text=True, timeout=60, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return "HANG", False, ""
        if case.name.startswith("stale temp") and (folder / ".o.json.abcd1234.tmp").exists():
            return str(proc.returncode), False, "stale temp file left behind"
        traceback = "Traceback (most recent call last)" in proc.stderr + proc.stdout
        first = next((line for line in proc.stderr.splitlines() if line.strip()), "")
        return str(proc.returncode), traceback, first


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    bad = 0
    for case in CASES:
        code, traceback, first = run(case, env)
        bad += traceback or code == "HANG"
        print(f"{case.name:44} exit {code:>4}  traceback {'YES' if traceback else 'no '}  {first[:110]}", flush=True)
    print(f"{len(CASES)} cases, {bad} with a traceback or a hang")
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
