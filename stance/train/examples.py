"""Training and dev examples, every one built by the product's own input builder (stance.features).

Training rows become the input the product would build for the row's party
(:func:`stance.features.row_inputs`), optionally with a planted distractor sentence
(stance.train.augment); dev examples are the product's inputs for the gold parties it
finds in the dev articles (:func:`stance.features.split_inputs`), used for epoch
selection, calibration and the TF-IDF mixing weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stance.data import DATA_DIR, load_train
from stance.features import row_inputs, split_inputs
from stance.train.args import TrainConfig
from stance.types import LABELS, PartyInput


@dataclass
class Examples:
    train: list[PartyInput]
    train_labels: list[str]
    dev: list[PartyInput]
    dev_labels: list[str]


def label_list(cfg: TrainConfig) -> list[str]:
    return [*LABELS, "none"] if cfg.use_none else list(LABELS)


def build_examples(cfg: TrainConfig, data_dir: Path = DATA_DIR) -> Examples:
    rows = [r for r in load_train(data_dir) if cfg.use_none or r.label in LABELS]
    if cfg.train_limit:
        rows = rows[: cfg.train_limit]
    dev, dev_labels = split_inputs("dev", data_dir) if cfg.dev_limit >= 0 else ([], [])
    if cfg.dev_limit > 0:
        dev, dev_labels = dev[: cfg.dev_limit], dev_labels[: cfg.dev_limit]
    items = row_inputs(rows)
    if cfg.distractor_rate:
        from stance.train.augment import add_distractors

        items = add_distractors(items, rows, cfg.distractor_rate, cfg.seed)
    return Examples(items, [r.label for r in rows], dev, dev_labels)
