"""Where trained models and derived data live: STANCE_CACHE, else XDG_CACHE_HOME/stance, else ~/.cache/stance."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    if os.environ.get("STANCE_CACHE"):
        return Path(os.environ["STANCE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "stance"


def _files_hash(paths) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _input_code() -> list[Path]:
    return [PACKAGE / "model" / "inputs.py", *(PACKAGE / "extract").glob("*.py"), PACKAGE / "nlp.py"]


def code_hash() -> str:
    """Hash of the code that decides what the model reads (inputs and extraction)."""
    return _files_hash(_input_code())


def training_code_hash() -> str:
    """Hash of the code that decides what a trained model learns (inputs, extraction, training, augmentation)."""
    return _files_hash([*_input_code(),
                        *(PACKAGE / "model" / name for name in ("train.py", "augment.py", "sampler.py", "mix.py"))])


def key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]
