"""Where derived results live, and the keys that say when they are stale.

A cached result (parsed training inputs, dev inputs, the default model) is stored
under a key that hashes every file and setting that could change it: the code and
resource files listed here, the spaCy pipeline and its version, the data and the
config. Change any of them and the key changes, so nothing stale is ever reused.
Root: STANCE_CACHE, else XDG_CACHE_HOME/stance, else ~/.cache/stance.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    if os.environ.get("STANCE_CACHE"):
        return Path(os.environ["STANCE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "stance"


def input_files(package: Path = PACKAGE) -> list[Path]:
    """The files that decide what a classifier reads for a party: cleaning, parsing, extraction, features."""
    named = [package / n for n in ("features.py", "names.py", "nlp.py", "types.py", "io/clean.py")]
    resources = [p for p in (package / "resources").glob("*.*") if p.is_file()]  # never a model folder being written
    return sorted([*named, *(package / "extract").glob("*.py"), *resources])


def training_files(package: Path = PACKAGE) -> list[Path]:
    """The files that decide what a trained model learns: its inputs, the recipe, and the classifiers it mixes."""
    classify = [package / "classify" / n for n in ("calibrate.py", "lora.py", "mix.py", "rule3.py", "rules.py",
                                                    "statements.py", "tfidf.py", "transformer.py")]
    return sorted([*input_files(package), *(package / "train").glob("*.py"), *classify, package / "embeddings.py"])


def files_digest(paths: list[Path], root: Path = PACKAGE) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def spacy_model_id() -> str:
    """The spaCy pipeline in use and its version: a new parser changes every parse."""
    from importlib import metadata

    from stance.nlp import spacy_model_name

    name = spacy_model_name()
    try:
        return f"{name}=={metadata.version(name.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return name


def key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def input_key(*parts, package: Path = PACKAGE) -> str:
    """A key for anything derived from parsed articles: the input code, the spaCy model, and ``parts``."""
    return key(files_digest(input_files(package), package), spacy_model_id(), *parts)


def training_key(*parts, package: Path = PACKAGE) -> str:
    """A key for a trained model: the training code, the spaCy model, and ``parts`` (config, data hashes)."""
    return key(files_digest(training_files(package), package), spacy_model_id(), *parts)


def cached_json(path: Path, build: Callable[[], object]):
    """The JSON stored at ``path``, else ``build()`` written there atomically."""
    from stance.io.atomic import write_text

    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    value = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(value))
    return value
