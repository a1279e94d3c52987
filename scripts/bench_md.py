"""Write one benchmark's block into BENCHMARKS.md between its markers (the numbers are only ever written by scripts)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_block(name: str, block: str) -> None:
    """Replace the ``<!-- name:start -->`` ... ``<!-- name:end -->`` block (append it when absent), atomically."""
    sys.path.insert(0, str(ROOT))
    from stance.io.atomic import write_text

    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if start in text:
        head, rest = text.split(start, 1)
        text = head + start + "\n" + block + end + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{start}\n{block}{end}\n"
    write_text(path, text)
