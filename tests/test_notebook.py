"""docs/notebook.md runs: its python blocks are executed in order, in one namespace, like notebook cells."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELL = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_notebook_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    cells = CELL.findall((ROOT / "docs" / "notebook.md").read_text(encoding="utf-8"))
    assert len(cells) >= 4
    namespace: dict = {}
    for n, cell in enumerate(cells, 1):
        exec(compile(cell, f"docs/notebook.md, cell {n}", "exec"), namespace)  # noqa: S102 - our own docs
    parties = namespace["parties"]
    assert {"Vladimir Putin", "Dmitry Peskov"} <= set(parties["party"])
    assert set(parties["stance"]) <= {"open", "conditional", "rejecting"}
    assert namespace["chart"].stat().st_size > 1000
