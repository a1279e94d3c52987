"""The SetFit recipe (contrastive sentence-transformer tuning, then a logistic-regression head).

Runs through the setfit library. SetFit would pickle its sklearn head; here the body is
saved by sentence-transformers (safetensors) and the head's coefficients as JSON, so
loading never unpickles anything.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

from stance.classify.setfit import HEAD_FILE, as_text
from stance.classify.transformer import META_FILE
from stance.data import DATA_DIR
from stance.embeddings import resolve_base_model
from stance.train.args import TrainConfig
from stance.train.artifact import calibrate_on_dev, meta, model_card
from stance.train.examples import build_examples, label_list

log = logging.getLogger("stance.train")


def train_setfit(cfg: TrainConfig, data_dir: Path = DATA_DIR, examples=None, base_model: str | None = None) -> dict:
    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments
    from transformers import set_seed

    started = time.time()
    set_seed(cfg.seed)
    ex = examples or build_examples(cfg, data_dir)
    labels = label_list(cfg)
    model = SetFitModel.from_pretrained(base_model or resolve_base_model(cfg.base_model), labels=labels)
    train_ds = Dataset.from_dict({"text": [as_text(i, cfg.input) for i in ex.train],
                                  "label": [labels.index(y) for y in ex.train_labels]})
    scratch = tempfile.mkdtemp(prefix="stance-setfit-")
    args = TrainingArguments(output_dir=scratch, save_strategy="no", batch_size=cfg.batch_size, num_epochs=1, num_iterations=cfg.setfit_pairs,
                             body_learning_rate=2e-5, seed=cfg.seed, report_to="none",
                             max_length=cfg.max_length, max_steps=cfg.setfit_max_steps or -1)
    try:
        Trainer(model=model, args=args, train_dataset=train_ds).train()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    head = model.model_head
    temperature, before, after = 1.0, None, None
    if ex.dev:
        emb = model.model_body.encode([as_text(i, cfg.input) for i in ex.dev], batch_size=32)
        logits = head.decision_function(emb)
        temperature, before, after = calibrate_on_dev(logits, labels, ex.dev_labels, cfg.calibrate)
    metrics = {"dev": after, "dev_uncalibrated": before, "temperature": temperature, "epochs": [],
               "train_seconds": round(time.time() - started, 1), "n_train": len(ex.train), "n_dev": len(ex.dev),
               "device": str(model.model_body.device)}
    out = Path(cfg.output_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    model.model_body.save_pretrained(str(tmp))
    classes = [labels[int(c)] if not isinstance(c, str) else c for c in head.classes_]
    (tmp / HEAD_FILE).write_text(json.dumps({"classes": classes, "coef": head.coef_.tolist(),
                                             "intercept": head.intercept_.tolist()}), encoding="utf-8")
    (tmp / META_FILE).write_text(json.dumps(meta(cfg, labels, temperature, "setfit"), indent=2) + "\n",
                                 encoding="utf-8")
    (tmp / "STANCE_MODEL_CARD.md").write_text(model_card(cfg, metrics, data_dir), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.replace(out)
    return metrics
