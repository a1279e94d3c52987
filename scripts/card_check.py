"""CI: the packaged default model scores exactly what its model card says, by `stance evaluate`.

The card's scores (stance/resources/model/stance_model.json and README.md) are written by
`stance train --release` from its own evaluation of the saved folder; this runs the
public command on dev, challenge and seed and compares every headline metric (and the
stance ECE) with them. A difference means the model, the data or the product's
extraction changed since the release: release again.

Usage: python scripts/card_check.py [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SPLITS = ("dev", "challenge", "seed")


def measured(split: str, model: Path, out: Path) -> dict:
    cmd = [sys.executable, "-m", "stance", "evaluate", "--split", split, "--model", str(model), "--baselines", "",
           "--out", str(out)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    report = json.loads((out / "eval.json").read_text(encoding="utf-8"))
    ece = report["stance"][str(model)].get("ece")
    return {**report["headline"], **({"stance_ece": round(ece, 4)} if ece is not None else {})}


def main() -> int:
    from stance.classify.registry import RELEASE_DIR
    from stance.classify.transformer import META_FILE

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=RELEASE_DIR)
    args = ap.parse_args()
    card = json.loads((args.model / META_FILE).read_text(encoding="utf-8"))["scores"]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="stance-card-") as tmp:
        for split in SPLITS:
            got = measured(split, args.model, Path(tmp) / split)
            diff = {k: (card[split].get(k), got.get(k)) for k in card[split].keys() | got.keys()
                    if card[split].get(k) != got.get(k)}
            failed += bool(diff)
            print(f"{split}: stance macro-F1 {got['stance_macro_f1']:.4f}, "
                  + ("as on the card" if not diff else f"differs from the card (card, measured): {diff}"))
    if failed:
        print("FAIL: release the default model again: stance train --release", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
