"""`stance train`: one entry point for every recipe, and the explicit build of the default model."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from stance.classify.transformer import META_FILE
from stance.data import DATA_DIR
from stance.train.args import TrainConfig
from stance.train.default import default_config, default_model_dir
from stance.train.examples import Examples


def train(cfg: TrainConfig, data_dir: Path = DATA_DIR, examples: Examples | None = None,
          base_model: str | None = None) -> dict:
    """Train with ``cfg.method`` and save to ``cfg.output_dir``; returns the metrics written to the model card."""
    if cfg.method == "setfit":
        from stance.train.setfit import train_setfit

        return train_setfit(cfg, data_dir, examples, base_model)
    from stance.train.trainer import train_finetune

    return train_finetune(cfg, data_dir, examples, base_model)


def build_default(announce=print) -> Path:
    """The default model's folder, trained first (announced on stderr) if this cache lacks it."""
    cfg = default_config()
    path = default_model_dir(cfg)
    if (path / META_FILE).is_file():
        return path
    announce(f"stance: building the default stance model once (a few minutes on CPU); cached in {path}")
    cfg.output_dir = str(path)
    with contextlib.redirect_stdout(sys.stderr):
        train(cfg)
    return path
