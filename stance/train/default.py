"""The default recipe: the defaults of :class:`TrainConfig` (configs/default.yaml repeats them).

`stance train --release` (stance.train.run.release) trains exactly this into the package
(stance/resources/model); the model card records this config's hash, so a changed recipe
shows up as a stale packaged model (tests/test_release.py).
"""

from __future__ import annotations

from stance.train.args import TrainConfig


def default_config() -> TrainConfig:
    """The chosen default model's config."""
    return TrainConfig()
