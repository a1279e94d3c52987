"""Where derived files live, and the on-disk cache of LLM responses.

Responses are keyed by model, prompt and generation parameters, so a rerun gives the
same answers without calling the model again. Each entry is one small JSON file
written atomically: an interrupted run never leaves a half-written answer behind.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from stance.io.atomic import write_text


def cache_root() -> Path:
    """``$STANCE_CACHE``, else ``$XDG_CACHE_HOME/stance``, else ``~/.cache/stance``."""
    if os.environ.get("STANCE_CACHE"):
        return Path(os.environ["STANCE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "stance"


def cache_key(**parts) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, directory: Path | None = None):
        self.directory = directory or cache_root() / "llm-responses"

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))["response"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, response: str, meta: dict | None = None) -> None:
        write_text(self._path(key), json.dumps({"response": response, **(meta or {})}, ensure_ascii=False))
