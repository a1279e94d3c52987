"""Training arguments: a typed dataclass that holds its own defaults and validation.

Read from YAML with the project's one config loader (stance.config), so an unknown
key or a wrong type is one message naming the key, and a typo never silently falls
back to a default. The defaults are the released default model (configs/default.yaml
repeats them).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from stance.config import ConfigError, from_dict
from stance.config import load_config as load_typed
from stance.embeddings import BUNDLED_MINILM
from stance.features import InputStyle


MIX_WEIGHTS = {"encoder": 0.0, "tfidf": 0.5, "rules": 0.5}  # chosen on dev + challenge (docs/model.md)


@dataclass
class TrainConfig:
    base_model: str = BUNDLED_MINILM
    method: Literal["finetune", "entail", "setfit"] = "finetune"
    output_dir: str = "models/default"
    seed: int = 13
    epochs: int = 2
    batch_size: int = 16
    group_by_length: bool = True
    learning_rate: float = 3e-4
    weight_decay: float = 0.01
    freeze_embeddings: bool = True
    trainable_layers: int = 1
    lora_rank: int = 0
    lora_alpha: float = 16.0
    lora_targets: list[str] = field(default_factory=lambda: ["query", "value"])
    distractor_rate: float = 0.5
    mix_tfidf: bool = True
    mix_weights: dict[str, float] | None = field(default_factory=lambda: dict(MIX_WEIGHTS))
    statements: bool = False
    warmup_ratio: float = 0.1
    max_length: int = 160
    use_none: bool = True
    train_limit: int = 0
    dev_limit: int = 0
    calibrate: bool = True
    threshold: float = 0.5
    bf16: Literal["auto", "yes", "no"] = "auto"
    setfit_pairs: int = 20
    setfit_max_steps: int = 0
    input: InputStyle = field(default_factory=InputStyle)

    def __post_init__(self) -> None:
        if self.setfit_max_steps < 0 or self.setfit_pairs < 1:
            raise ConfigError("setfit_pairs must be at least 1 and setfit_max_steps at least 0")
        for name in ("epochs", "batch_size", "max_length"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}: must be at least 1")
        if self.trainable_layers < 0:
            raise ConfigError("trainable_layers: must be 0 (every layer) or more")
        if self.lora_rank < 0:
            raise ConfigError("lora_rank: must be 0 (no adapters) or more")
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError("threshold: must be between 0 and 1")
        if not 0.0 <= self.distractor_rate <= 1.0:
            raise ConfigError("distractor_rate: must be between 0 and 1")
        if self.learning_rate <= 0:
            raise ConfigError("learning_rate: must be positive")
        if self.mix_weights is not None:
            unknown = sorted(set(self.mix_weights) - {"encoder", "tfidf", "rules"})
            if unknown:
                raise ConfigError(f"mix_weights: unknown component {unknown[0]!r} (encoder, tfidf, rules)")
            if any(w < 0 for w in self.mix_weights.values()) or abs(sum(self.mix_weights.values()) - 1.0) > 1e-6:
                raise ConfigError("mix_weights: weights must be at least 0 and sum to 1")

    @property
    def partial(self) -> bool:
        """Only some tensors train (top layers, adapters) and only those are saved, on top of the base model."""
        return bool(self.trainable_layers or self.lora_rank)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def config_from_dict(data: dict, source: str = "config") -> TrainConfig:
    return from_dict(TrainConfig, data, source)


def load_config(path: str | Path) -> TrainConfig:
    return load_typed(TrainConfig, path)
