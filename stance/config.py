"""Typed configs from YAML or dicts, with one clear message for any mistake.

``load_config(TrainConfig, "train.yaml")`` (or ``from_dict(TrainConfig, data)``) builds
the dataclass, recursing into nested dataclasses, and raises ``ConfigError`` naming the
file and the dotted key for an unknown key, a missing required key or a wrong type,
so a typo never silently falls back to a default.

Supported field types: str, int, float (an int is accepted), bool, pathlib.Path,
``X | None``, ``Literal[...]``, ``list[X]``, ``tuple[X, ...]``, ``dict[str, X]`` and
nested dataclasses; ``cls`` itself may be any of these (``dict[str, dict[str, float]]``).

A config file is untrusted input: it must be UTF-8, at most ``MAX_BYTES``, every
mapping key a string, and YAML aliases are counted while composing and the expanded
document is bounded (a few hundred bytes of nested aliases can otherwise expand to
gigabytes). An empty file is an error, never a silent "all defaults".
"""

from __future__ import annotations

import dataclasses
import reprlib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MAX_BYTES = 1_000_000
MAX_ALIASES = 50
MAX_NODES = 100_000
_REPR = reprlib.Repr()  # error messages show a bounded preview of a value, never the whole expansion
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 4, 4, 60, 60


class ConfigError(ValueError):
    """A config that does not match its dataclass; ``str()`` is the one-line reason."""


def _name(tp: Any) -> str:
    if tp is type(None):
        return "null"
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _fail(where: str, expected: str, value: Any) -> typing.NoReturn:
    raise ConfigError(f"{where}: expected {expected}, got {type(value).__name__} {_REPR.repr(value)}"[:300])


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
        return {_convert(key_tp, k, f"{where or 'top-level'} key"): _convert(val_tp, v, f"{where}.{k}") for k, v in value.items()}
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


def _check_keys(data: Any, where: str = "") -> None:
    """Every mapping key a string, walking at most MAX_NODES nodes (aliases expanded)."""
    seen, stack = 0, [(data, where)]
    while stack:
        node, at = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise ConfigError(f"document too large once aliases are expanded (over {MAX_NODES:,} values)")
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise ConfigError(f"{at or 'top level'}: key {_REPR.repr(key)} ({type(key).__name__}) "
                                      "is not a string; quote it")
                stack.append((value, f"{at}.{key}" if at else key))
        elif isinstance(node, list | tuple):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(node))


def from_dict(cls: type[T], data: Any, source: str = "config") -> T:
    """Build ``cls`` (a dataclass or a supported type) from ``data``; ``source`` prefixes every error."""
    try:
        _check_keys(data)
        return _convert(cls, data, "")
    except ConfigError as err:
        raise ConfigError(f"{source}: {str(err).lstrip(':. ') or 'invalid'}") from None


def _parse_yaml(text: str) -> Any:
    """yaml.SafeLoader (no Python objects) that refuses more than MAX_ALIASES aliases."""
    import yaml

    class CountingSafeLoader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise ConfigError(f"more than {MAX_ALIASES} YAML aliases; refused")
            return super().compose_node(parent, index)

    loader = CountingSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_yaml(path: str | Path) -> Any:
    """The parsed YAML document at ``path`` under the limits above; ConfigError otherwise."""
    import yaml

    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{path}: config file too large (over {MAX_BYTES:,} bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not UTF-8 (byte {err.start}); save the file as UTF-8") from None
    try:
        return _parse_yaml(text)
    except ConfigError as err:
        raise ConfigError(f"{path}: {err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{at}") from None


def load_config(cls: type[T], path: str | Path) -> T:
    """Read a YAML file into ``cls``; an empty file is an error, not all defaults."""
    data = read_yaml(path)
    if data is None or data == {}:
        raise ConfigError(f"{path}: config file is empty")
    return from_dict(cls, data, str(path))
