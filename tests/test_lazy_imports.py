"""`stance --help`, the models that need no network and the default model (whose mixture gives the
encoder weight 0) never import torch (it costs seconds of start-up)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = str(sorted((ROOT / "data" / "articles").glob("*.txt"))[0])
PROBE = """
import sys
from stance.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("HEAVY:" + ",".join(m for m in ("torch", "transformers") if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["predict", "--model", "rules", "-f", "jsonl", SEED],
                                  ["predict", "--model", "tfidf", "-f", "json", SEED],
                                  ["summarize", "--model", "rules", SEED],
                                  ["predict", "-f", "json", SEED]])  # the default mixes no encoder in (configs/default.yaml)
def test_no_torch_without_a_neural_model(args):
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    heavy = [ln for ln in proc.stderr.splitlines() if ln.startswith("HEAVY:")]
    assert heavy == ["HEAVY:"], proc.stderr[-2000:]
