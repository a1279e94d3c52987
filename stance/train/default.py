"""Where the default model lives: a cache folder whose name is the key of everything it is built from.

The key covers the default config, the training and dev data and the training code
(stance.cache.training_key), so a change in any of them points to a fresh folder;
the same inputs always give the same folder (training is seeded). Building it is an
explicit step (stance.train.run.build_default), never a side effect of loading.
"""

from __future__ import annotations

from pathlib import Path

from stance.cache import cache_dir, training_key
from stance.data import data_hashes
from stance.train.args import TrainConfig


def default_config() -> TrainConfig:
    """The defaults of :class:`TrainConfig` are the chosen default model (configs/default.yaml repeats them)."""
    return TrainConfig()


def default_model_dir(cfg: TrainConfig | None = None) -> Path:
    cfg = cfg or default_config()
    settings = {k: v for k, v in cfg.to_dict().items() if k != "output_dir"}
    return cache_dir() / "models" / f"default-{training_key(settings, data_hashes())}"
