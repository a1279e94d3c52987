"""The fine-tuning recipe: the transformers Trainer on the training rows, best epoch on dev, calibrated, saved.

Examples come from stance.train.examples (the product's own inputs). The best epoch
by dev macro-F1 is kept; a temperature fitted on dev makes confidences honest; the
encoder is mixed with TF-IDF and the cue rules by the recipe's weights, or with TF-IDF by a
dev-fitted weight (stance.classify.mix), the TF-IDF model fitted here on data/train and
saved with the encoder. With ``trainable_layers`` only
the top layers, pooler and head train, with ``lora_rank`` also adapters below (stance.train.partial).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import numpy as np

from stance.classify.calibrate import as_array, as_dicts, fit_temperature, stance_probs
from stance.classify.entail import ENTAIL_LABELS, entail_pairs, entail_targets, stance_logits
from stance.classify.mix import COMPONENTS, fit_encoder_weight, log_weighted, tfidf_probs, weighted, weighted_probs
from stance.classify.rules import RuleClassifier
from stance.classify.tfidf import TfidfClassifier, fit_on_train
from stance.classify.transformer import base_reference, quiet_libraries
from stance.data import DATA_DIR
from stance.embeddings import resolve_base_model
from stance.features import encode
from stance.train.args import TrainConfig
from stance.train.artifact import calibrate_on_dev, dev_scores, save
from stance.train.examples import Examples, build_examples, label_list
from stance.train.partial import add_adapters, freeze_below, round_to_fp16
from stance.types import LABELS, PartyInput

log = logging.getLogger("stance.train")


def use_bf16(cfg: TrainConfig) -> bool:
    import torch

    if cfg.bf16 == "no":
        return False
    ok = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if cfg.bf16 == "yes" and not ok:
        log.warning("bf16 requested but no CUDA device with bf16 support; training in fp32")
    return ok


def tokenize(tokenizer, items: list[PartyInput], cfg: TrainConfig) -> dict:
    pairs = entail_pairs(items, cfg.input) if cfg.method == "entail" else [encode(it, cfg.input) for it in items]
    return tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="only_second", max_length=cfg.max_length)


def train_finetune(cfg: TrainConfig, data_dir: Path = DATA_DIR, examples: Examples | None = None,
                   base_model: str | None = None) -> dict:
    """Train, select, calibrate and save to ``cfg.output_dir``; returns the metrics written to the card."""
    import tempfile

    import torch
    from datasets import Dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                              TrainingArguments, set_seed)

    started = time.time()
    quiet_libraries()
    set_seed(cfg.seed)
    entail = cfg.method == "entail"
    labels = list(LABELS) if entail else label_list(cfg)  # the labels of the logits the meta describes
    head = ENTAIL_LABELS if entail else labels
    label2id = {k: i for i, k in enumerate(head)}
    base = base_model or resolve_base_model(cfg.base_model)
    log.info("building examples (dev parties parsed with spaCy)")
    ex = examples or build_examples(cfg, data_dir)
    log.info("train %d examples, dev %d parties, base model %s", len(ex.train), len(ex.dev), cfg.base_model)
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(head), id2label=dict(enumerate(head)), label2id=label2id, use_safetensors=True)
    if cfg.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    adapters = add_adapters(model, cfg) if cfg.lora_rank else None
    if cfg.partial:
        freeze_below(model, cfg.trainable_layers)
    def targets(ys: list[str]) -> list[int]:
        return entail_targets(ys) if entail else [label2id[y] for y in ys]

    def item_logits(predictions):
        return stance_logits(predictions) if entail else predictions

    train_ds = Dataset.from_dict({**tokenize(tokenizer, ex.train, cfg), "labels": targets(ex.train_labels)})
    dev_ds = (Dataset.from_dict({**tokenize(tokenizer, ex.dev, cfg), "labels": targets(ex.dev_labels)})
              if ex.dev else None)

    def compute_metrics(pred):
        return dev_scores(ex.dev_labels, stance_probs(item_logits(pred.predictions), labels))

    with tempfile.TemporaryDirectory(prefix="stance-train-") as tmp:
        args = TrainingArguments(
            output_dir=tmp, num_train_epochs=cfg.epochs, per_device_train_batch_size=cfg.batch_size,
            per_device_eval_batch_size=max(cfg.batch_size, 32), learning_rate=cfg.learning_rate,
            weight_decay=cfg.weight_decay, warmup_steps=cfg.warmup_ratio, seed=cfg.seed, data_seed=cfg.seed,
            eval_strategy="epoch" if dev_ds is not None else "no", save_strategy="epoch" if dev_ds is not None else "no",
            load_best_model_at_end=dev_ds is not None, metric_for_best_model="macro_f1", greater_is_better=True,
            save_total_limit=1, save_only_model=True, logging_strategy="epoch", report_to="none",
            bf16=use_bf16(cfg), use_cpu=not torch.cuda.is_available(),
            disable_tqdm=not sys.stderr.isatty(),  # progress bars for a person watching, not in logs
            dataloader_num_workers=0,
        )
        trainer_class = _trainer_class([len(ids) for ids in train_ds["input_ids"]], cfg)
        trainer = trainer_class(model=model, args=args, train_dataset=train_ds, eval_dataset=dev_ds,
                          data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=compute_metrics if dev_ds else None)
        trainer.train()
        history = [h for h in trainer.state.log_history if "eval_macro_f1" in h]
        model = trainer.model
        if cfg.partial:
            round_to_fp16(model, cfg.trainable_layers)
        temperature, before, after, mix, tfidf = 1.0, None, None, None, None
        if dev_ds is not None:
            logits = item_logits(trainer.predict(dev_ds).predictions)
            temperature, before, after = calibrate_on_dev(logits, labels, ex.dev_labels, cfg.calibrate)
            if cfg.mix_tfidf:
                gold = np.array([LABELS.index(y) for y in ex.dev_labels])
                tfidf = TfidfClassifier(fit_on_train(data_dir, cfg.seed))
                mix = fit_mixture(stance_probs(logits, labels, temperature), ex.dev, gold, tfidf, cfg.mix_weights,
                                  data_dir if cfg.statements else None, cfg.seed)
    statements = mix.pop("statements", None) if mix else None
    is_main = int(os.environ.get("RANK", "0")) == 0
    metrics = {"dev": after, "dev_uncalibrated": before, "temperature": temperature, "mix": mix,
               "epochs": [{"epoch": h.get("epoch"), "macro_f1": h.get("eval_macro_f1"), "accuracy": h.get("eval_accuracy"),
                           "ece": h.get("eval_ece")} for h in history],
               "train_seconds": round(time.time() - started, 1), "n_train": len(ex.train), "n_dev": len(ex.dev),
               "device": "cuda" if torch.cuda.is_available() else "cpu"}
    if is_main:
        save(model.to("cpu"), tokenizer, cfg, labels, temperature, metrics, data_dir, tfidf=tfidf and tfidf.model,
             base=base_reference(base_model or cfg.base_model, base) if cfg.partial else None, adapters=adapters,
             statements=statements)
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


def fit_mixture(encoder_probs: list[dict[str, float]], dev: list[PartyInput], gold: np.ndarray,
                tfidf: TfidfClassifier, weights: dict[str, float] | None, statements_data: Path | None = None,
                seed: int = 13) -> dict:
    """The mixture (stance.classify.mix): the recipe's weights, or the encoder's weight against
    TF-IDF fitted on dev; its temperature fitted on dev; its dev scores. With ``statements_data``
    the statement-level model (stance.classify.statements) is fitted on that data folder's rows and
    mixed over the party-level mixture, calibrated on dev (its fitted model under "statements")."""
    parts = {"encoder": as_array(encoder_probs), "tfidf": tfidf_probs(dev, tfidf),
             "rules": as_array(RuleClassifier().predict(dev))}
    if weights is None:
        w = fit_encoder_weight(parts["encoder"], parts["tfidf"], gold)
        weights = {"encoder": w, "tfidf": 1.0 - w}
    weights = {k: float(weights.get(k, 0.0)) for k in COMPONENTS}
    temperature = fit_temperature(log_weighted(parts, weights), gold)
    probs = weighted_probs(parts, weights, temperature)
    out = {"weights": weights, "temperature": temperature}
    if statements_data is not None:
        from stance.classify.statements import calibrate, calibrated, fit_statement_model
        from stance.data import load_train

        party = weighted(parts, weights)
        out["statements"] = calibrate(fit_statement_model(load_train(statements_data), seed), party, dev,
                                      [LABELS[i] for i in gold])
        probs = calibrated(out["statements"], party, dev)
    out["dev"] = dev_scores([LABELS[i] for i in gold], as_dicts(probs))
    log.info("mixture %s%s, dev macro-F1 %.4f", weights, " + statements" if statements_data else "",
             out["dev"]["macro_f1"])
    return out
