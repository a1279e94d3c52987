"""Typed configs from YAML or dicts, with one clear message for any mistake.

``load_config(TrainConfig, "train.yaml")`` (or ``from_dict(TrainConfig, data)``) builds
the dataclass, recursing into nested dataclasses, and raises ``ConfigError`` naming the
file and the dotted key for an unknown key, a missing required key or a wrong type,
so a typo never silently falls back to a default.

Supported field types: str, int, float (an int is accepted), bool, pathlib.Path,
``X | None``, ``Literal[...]``, ``list[X]``, ``tuple[X, ...]``, ``dict[str, X]`` and
nested dataclasses.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class ConfigError(ValueError):
    """A config that does not match its dataclass; ``str()`` is the one-line reason."""


def _name(tp: Any) -> str:
    if tp is type(None):
        return "null"
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _fail(where: str, expected: str, value: Any) -> typing.NoReturn:
    raise ConfigError(f"{where}: expected {expected}, got {type(value).__name__} {value!r}"[:300])


def _convert(tp: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, where)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _convert(arg, value, where)
            except ConfigError:
                continue
        _fail(where, " or ".join(_name(a) for a in args), value)
    if origin is typing.Literal:
        if any(value == a and type(value) is type(a) for a in args):
            return value
        _fail(where, "one of " + ", ".join(repr(a) for a in args), value)
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            _fail(where, "a list", value)
        item = args[0] if args else Any
        converted = [_convert(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return converted if origin is list else tuple(converted)
    if origin is dict:
        if not isinstance(value, dict):
            _fail(where, "a mapping", value)
        key_tp, val_tp = args or (Any, Any)
        return {_convert(key_tp, k, f"{where} key"): _convert(val_tp, v, f"{where}.{k}") for k, v in value.items()}
    if tp is bool:
        if not isinstance(value, bool):
            _fail(where, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            _fail(where, "an integer", value)
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            _fail(where, "a number", value)
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            _fail(where, "a string", value)
        return value
    if tp is Path:
        if not isinstance(value, str | Path):
            _fail(where, "a path string", value)
        return Path(value)
    raise TypeError(f"{where}: field type {tp!r} is not supported by stance.config")


def _build(cls: type[T], data: Any, where: str) -> T:
    if not isinstance(data, dict):
        _fail(where, f"a mapping for {cls.__name__}", data)
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(str(k) for k in data if k not in fields)
    if unknown:
        raise ConfigError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                          f"(allowed: {', '.join(fields)})")
    kwargs = {}
    for name, f in fields.items():
        key = f"{where}.{name}" if where else name
        if name in data:
            kwargs[name] = _convert(hints[name], data[name], key)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{key}: required key is missing")
    return cls(**kwargs)


def from_dict(cls: type[T], data: Any, source: str = "config") -> T:
    """Build dataclass ``cls`` from ``data``; ``source`` prefixes every error (a file name)."""
    try:
        return _build(cls, data, "")
    except ConfigError as err:
        raise ConfigError(f"{source}: {str(err).lstrip(': ')}") from None


def load_config(cls: type[T], path: str | Path) -> T:
    """Read a YAML file (safe_load: no Python objects) into dataclass ``cls``."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read ({getattr(err, 'strerror', None) or err})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{at}") from None
    return from_dict(cls, {} if data is None else data, str(path))
