"""The default model: trained automatically on first use and cached, so `stance predict` needs no manual step.

The cache key covers the default config, the data files and the input, extraction and
training code, so a change in any of them trains a fresh model; the same inputs always
give the same folder (training is seeded). Nothing binary is committed to the repository.
"""

from __future__ import annotations

import logging
import contextlib
import sys
from pathlib import Path

from stance.cache import cache_dir, key, training_code_hash
from stance.train.args import TrainConfig

log = logging.getLogger("stance.model")


def default_config() -> TrainConfig:
    """The defaults of :class:`TrainConfig` are the chosen default model (configs/default.yaml repeats them)."""
    return TrainConfig()


def default_model_dir(cfg: TrainConfig | None = None) -> Path:
    from stance.train.trainer import data_hashes

    cfg = cfg or default_config()
    settings = {k: v for k, v in cfg.to_dict().items() if k != "output_dir"}
    return cache_dir() / "models" / f"default-{key(settings, data_hashes(), training_code_hash())}"


def ensure_default_model(cfg: TrainConfig | None = None) -> Path:
    """The cached default model folder, training it first (with a progress bar) if it is missing."""
    from stance.train.trainer import META_FILE, train

    cfg = cfg or default_config()
    path = default_model_dir(cfg)
    if (path / META_FILE).is_file():
        return path
    print(f"stance: training the default stance model once (a few minutes on CPU); cached in {path}", file=sys.stderr)
    cfg.output_dir = str(path)
    with contextlib.redirect_stdout(sys.stderr):
        train(cfg)
    return path
