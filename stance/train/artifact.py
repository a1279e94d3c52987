"""A trained model folder: weights (safetensors), tokenizer, ``stance_model.json`` and a model card.

The card records the config, the dev metrics and the sha256 of every data file the
model was built from, so a model can always be traced to its inputs.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from stance.classify.transformer import META_FILE
from stance.data import DATA_DIR, data_hashes
from stance.train.args import TrainConfig

log = logging.getLogger("stance.train")


def dev_scores(y_true: list[str], probs: list[dict[str, float]]) -> dict:
    """Rounded macro-F1, accuracy and ECE: the numbers a model card shows."""
    from stance.eval.stance import stance_scores

    y_pred = [max(p, key=p.get) for p in probs]
    s = stance_scores(y_true, y_pred, probs)
    return {"macro_f1": round(s["macro_f1"], 4), "accuracy": round(s["accuracy"], 4), "ece": round(s["ece"], 4)}


def calibrate_on_dev(logits, labels: list[str], dev_labels: list[str], calibrate: bool) -> tuple[float, dict, dict]:
    """(temperature fitted on dev, dev scores before, dev scores after) for a model's dev logits."""
    import numpy as np

    from stance.classify.calibrate import fit_temperature, stance_logits, stance_probs
    from stance.types import LABELS

    gold = np.array([LABELS.index(y) for y in dev_labels])
    temperature = fit_temperature(stance_logits(logits, labels), gold) if calibrate else 1.0
    return (temperature, dev_scores(dev_labels, stance_probs(logits, labels, 1.0)),
            dev_scores(dev_labels, stance_probs(logits, labels, temperature)))


def meta(cfg: TrainConfig, labels: list[str], temperature: float, method: str) -> dict:
    """What inference needs besides the weights: labels, temperature, input style, length."""
    from stance.types import LABELS

    return {"labels": labels, "stance_labels": list(LABELS), "temperature": temperature,
            "max_length": cfg.max_length, "input": cfg.to_dict()["input"], "method": method}


def save(model, tokenizer, cfg: TrainConfig, labels: list[str], temperature: float, metrics: dict,
         data_dir: Path = DATA_DIR) -> Path:
    """Write weights (safetensors), tokenizer, stance_model.json and README.md into a fresh folder, atomically swapped in."""
    import shutil
    import tempfile

    out = Path(cfg.output_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    info = meta(cfg, labels, temperature, cfg.method)
    if metrics.get("mix"):
        info["mix"] = {k: metrics["mix"][k] for k in ("encoder_weight", "temperature")}
    (tmp / META_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (tmp / "README.md").write_text(model_card(cfg, metrics, data_dir), encoding="utf-8")
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    if out.exists():
        out.replace(old / out.name)
    tmp.replace(out)
    shutil.rmtree(old, ignore_errors=True)
    log.info("saved model to %s", out)
    return out


def model_card(cfg: TrainConfig, metrics: dict, data_dir: Path = DATA_DIR) -> str:
    import yaml

    lines = ["# Stance model", "",
             "Labels each party's ceasefire stance (open / conditional / rejecting) from its statements.", "",
             f"- Method: {cfg.method}; base model: {cfg.base_model}",
             f"- Temperature (fitted on dev): {metrics.get('temperature')}",
             f"- Training time: {metrics.get('train_seconds')} s on {metrics.get('device')}", "",
             "## Dev metrics (gold parties)", "", "```json", json.dumps({k: metrics.get(k) for k in
                                                                         ("dev", "dev_uncalibrated", "mix", "epochs")},
                                                                        indent=2),
             "```", "", "## Config", "", "```yaml", yaml.safe_dump(cfg.to_dict(), sort_keys=True).rstrip(), "```", "",
             "## Data (sha256)", ""]
    lines += [f"- `{name}` {digest}" for name, digest in data_hashes(data_dir=data_dir).items()]
    return "\n".join(lines) + "\n"
