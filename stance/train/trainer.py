"""`stance train`: fine-tune an encoder on the training rows, select on dev, calibrate, save.

Dev examples are gold parties of the dev articles presented exactly as the pipeline
presents extracted parties (see :func:`stance.features.gold_party_inputs`). The
best epoch by dev macro-F1 is kept; a temperature fitted on dev makes confidences
honest. The output folder holds safetensors weights, the tokenizer, ``stance_model.json``
(labels, temperature, input style) and a model card with data hashes and metrics.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from stance.classify.base import PartyInput
from stance.data import DATA_DIR, load_dev, load_train
from stance.train.args import TrainConfig, resolve_base_model
from stance.features import encode, gold_party_inputs, train_input
from stance.types import LABELS

log = logging.getLogger("stance.train")
META_FILE = "stance_model.json"


@dataclass
class Examples:
    train: list[PartyInput]
    train_labels: list[str]
    dev: list[PartyInput]
    dev_labels: list[str]


def data_files(data_dir: Path = DATA_DIR) -> list[Path]:
    files = sorted((data_dir / "train" / "parts").glob("*.jsonl")) + sorted((data_dir / "dev" / "parts").glob("*.jsonl"))
    return files + sorted((data_dir / "dev" / "articles").glob("*.txt"))


def data_hashes(data_dir: Path = DATA_DIR) -> dict[str, str]:
    return {str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest() for p in data_files(data_dir)}


def dev_examples(data_dir: Path = DATA_DIR, limit: int = 0) -> tuple[list[PartyInput], list[str]]:
    return gold_examples("dev", data_dir, limit)


def gold_examples(split: str = "dev", data_dir: Path = DATA_DIR, limit: int = 0) -> tuple[list[PartyInput], list[str]]:
    """Gold parties of a split's articles as pipeline inputs, with their labels.

    Cached on disk (keyed by the data, the input/extraction code and the split) because
    parsing the articles is the slow part.
    """
    from dataclasses import asdict

    from stance.io.atomic import write_text
    from stance.data import load_split
    from stance.cache import cache_dir, code_hash, key

    files = data_hashes(data_dir) if split == "dev" else {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((data_dir / "articles").glob("*.txt"))
        + [data_dir / "seed" / "labels.jsonl"]}
    path = cache_dir() / "gold-inputs" / f"{split}-{key(files, code_hash(), limit)}.json"
    if path.exists():
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [PartyInput(**r["input"]) for r in rows], [r["label"] for r in rows]
    articles = load_split(split, data_dir)
    if limit:
        articles = articles[:limit]
    items, labels = [], []
    for art in articles:
        items.extend(gold_party_inputs(art))
        labels.extend(p.stance for p in art.parties)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps([{"input": asdict(i), "label": y} for i, y in zip(items, labels)]))
    return items, labels


def build_examples(cfg: TrainConfig, data_dir: Path = DATA_DIR) -> Examples:
    rows = [r for r in load_train(data_dir) if cfg.use_none or r.label in LABELS]
    if cfg.train_limit:
        rows = rows[: cfg.train_limit]
    dev, dev_labels = dev_examples(data_dir, cfg.dev_limit) if cfg.dev_limit >= 0 else ([], [])
    labels = [r.label for r in rows]
    items = [train_input(r) for r in rows]
    if cfg.distractor_rate:
        from stance.train.augment import add_distractors

        items = add_distractors(items, rows, cfg.distractor_rate, cfg.seed)
    return Examples(items, labels, dev, dev_labels)


def label_list(cfg: TrainConfig) -> list[str]:
    return [*LABELS, "none"] if cfg.use_none else list(LABELS)


def stance_logits(logits: np.ndarray, labels: list[str]) -> np.ndarray:
    """The columns of the three stance labels, in LABELS order (a trained 'none' column is dropped)."""
    return np.asarray(logits)[:, [labels.index(k) for k in LABELS]]


def stance_probs(logits: np.ndarray, labels: list[str], temperature: float = 1.0) -> list[dict[str, float]]:
    """Probabilities over the three stance labels (a 'none' class, if trained, is dropped and the rest renormalised)."""
    from stance.classify.calibrate import softmax
    from stance.classify.mix import as_dicts

    return as_dicts(softmax(stance_logits(logits, labels), temperature))


def use_bf16(cfg: TrainConfig) -> bool:
    import torch

    if cfg.bf16 == "no":
        return False
    ok = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if cfg.bf16 == "yes" and not ok:
        log.warning("bf16 requested but no CUDA device with bf16 support; training in fp32")
    return ok


def tokenize(tokenizer, items: list[PartyInput], cfg: TrainConfig) -> dict:
    pairs = [encode(it, cfg.input) for it in items]
    return tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="only_second", max_length=cfg.max_length)


def train(cfg: TrainConfig, data_dir: Path = DATA_DIR, examples: Examples | None = None,
          base_model: str | None = None) -> dict:
    """Train, select, calibrate and save to ``cfg.output_dir``; returns the metrics written to the card."""
    if cfg.method == "setfit":
        from stance.train.setfit import train_setfit

        return train_setfit(cfg, data_dir, examples)
    import tempfile

    import torch
    from datasets import Dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                              TrainingArguments, set_seed)

    from stance.eval.stance import stance_scores
    from stance.classify.calibrate import fit_temperature

    started = time.time()
    set_seed(cfg.seed)
    labels = label_list(cfg)
    label2id = {k: i for i, k in enumerate(labels)}
    base = base_model or resolve_base_model(cfg.base_model)
    log.info("building examples (dev parties parsed with spaCy)")
    ex = examples or build_examples(cfg, data_dir)
    log.info("train %d examples, dev %d parties, base model %s", len(ex.train), len(ex.dev), cfg.base_model)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id, use_safetensors=True)
    if cfg.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    train_ds = Dataset.from_dict({**tokenize(tokenizer, ex.train, cfg), "labels": [label2id[y] for y in ex.train_labels]})
    dev_ds = (Dataset.from_dict({**tokenize(tokenizer, ex.dev, cfg), "labels": [label2id[y] for y in ex.dev_labels]})
              if ex.dev else None)

    def compute_metrics(pred):
        probs = stance_probs(pred.predictions, labels)
        y_pred = [max(p, key=p.get) for p in probs]
        s = stance_scores(ex.dev_labels, y_pred, probs)
        return {"macro_f1": s["macro_f1"], "accuracy": s["accuracy"], "ece": s["ece"]}

    with tempfile.TemporaryDirectory(prefix="stance-train-") as tmp:
        args = TrainingArguments(
            output_dir=tmp, num_train_epochs=cfg.epochs, per_device_train_batch_size=cfg.batch_size,
            per_device_eval_batch_size=max(cfg.batch_size, 32), learning_rate=cfg.learning_rate,
            weight_decay=cfg.weight_decay, warmup_steps=cfg.warmup_ratio, seed=cfg.seed, data_seed=cfg.seed,
            eval_strategy="epoch" if dev_ds is not None else "no", save_strategy="epoch" if dev_ds is not None else "no",
            load_best_model_at_end=dev_ds is not None, metric_for_best_model="macro_f1", greater_is_better=True,
            save_total_limit=1, save_only_model=True, logging_strategy="epoch", report_to="none",
            bf16=use_bf16(cfg), use_cpu=not torch.cuda.is_available(), disable_tqdm=False,
            dataloader_num_workers=0,
        )
        trainer_class = _trainer_class([len(ids) for ids in train_ds["input_ids"]], cfg)
        trainer = trainer_class(model=model, args=args, train_dataset=train_ds, eval_dataset=dev_ds,
                          data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=compute_metrics if dev_ds else None)
        trainer.train()
        history = [h for h in trainer.state.log_history if "eval_macro_f1" in h]
        model = trainer.model
        temperature, before, after, mix = 1.0, None, None, None
        if dev_ds is not None:
            logits = trainer.predict(dev_ds).predictions
            gold = np.array([LABELS.index(y) for y in ex.dev_labels])
            if cfg.calibrate:
                temperature = fit_temperature(stance_logits(logits, labels), gold)
            before = _scores(ex.dev_labels, stance_probs(logits, labels, 1.0))
            after = _scores(ex.dev_labels, stance_probs(logits, labels, temperature))
            if cfg.mix_tfidf:
                mix = fit_tfidf_mix(stance_probs(logits, labels, temperature), ex.dev, gold)
    is_main = int(os.environ.get("RANK", "0")) == 0
    metrics = {"dev": after, "dev_uncalibrated": before, "temperature": temperature, "mix": mix,
               "epochs": [{"epoch": h.get("epoch"), "macro_f1": h.get("eval_macro_f1"), "accuracy": h.get("eval_accuracy"),
                           "ece": h.get("eval_ece")} for h in history],
               "train_seconds": round(time.time() - started, 1), "n_train": len(ex.train), "n_dev": len(ex.dev),
               "device": "cuda" if torch.cuda.is_available() else "cpu"}
    if is_main:
        save(model.to("cpu"), tokenizer, cfg, labels, temperature, metrics, data_dir)
    return metrics


def _trainer_class(lengths: list[int], cfg: TrainConfig):
    """The Trainer, with length-bucketed training batches when ``cfg.group_by_length`` (stance.train.sampler)."""
    from transformers import Trainer

    from stance.train.sampler import LengthBucketSampler

    class StanceTrainer(Trainer):
        def _get_train_sampler(self, train_dataset=None):
            if not cfg.group_by_length:
                return super()._get_train_sampler(train_dataset)
            return LengthBucketSampler(lengths, self._train_batch_size, cfg.seed)

    return StanceTrainer


def fit_tfidf_mix(encoder_probs: list[dict[str, float]], dev: list[PartyInput], gold: np.ndarray) -> dict:
    """The dev-fitted mixture with the TF-IDF model (see stance.classify.mix) and its dev scores."""
    from stance.classify.mix import as_array, as_dicts, fit_mix, mixed_probs, tfidf_probs

    p, q = as_array(encoder_probs), tfidf_probs(dev)
    weight, temperature = fit_mix(p, q, gold)
    scores = _scores([LABELS[i] for i in gold], as_dicts(mixed_probs(p, q, weight, temperature)))
    log.info("TF-IDF mixture: encoder weight %.1f, dev macro-F1 %.4f", weight, scores["macro_f1"])
    return {"encoder_weight": weight, "temperature": temperature, "dev": scores}


def _scores(y_true: list[str], probs: list[dict[str, float]]) -> dict:
    from stance.eval.stance import stance_scores

    y_pred = [max(p, key=p.get) for p in probs]
    s = stance_scores(y_true, y_pred, probs)
    return {"macro_f1": round(s["macro_f1"], 4), "accuracy": round(s["accuracy"], 4), "ece": round(s["ece"], 4)}


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
    meta = {"labels": labels, "stance_labels": list(LABELS), "temperature": temperature, "threshold": cfg.threshold,
            "max_length": cfg.max_length, "input": cfg.to_dict()["input"], "method": cfg.method}
    if metrics.get("mix"):
        meta["mix"] = {k: metrics["mix"][k] for k in ("encoder_weight", "temperature")}
    (tmp / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
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
    lines += [f"- `{name}` {digest}" for name, digest in data_hashes(data_dir).items()]
    return "\n".join(lines) + "\n"
