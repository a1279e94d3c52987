"""A GGUF file through llama-cpp-python (optional: ``pip install llama-cpp-python``).

llama.cpp decodes 3-5x faster than transformers on CPU with a quarter of the memory,
but prefills 4-5x slower and needs a long compile to install, so it is an extra.
"""

from __future__ import annotations

from pathlib import Path

from stance.llm.base import LLM, LLMError
from stance.llm.cache import ResponseCache
from stance.llm.config import LLMConfig


class LlamaCppModel(LLM):
    def __init__(self, config: LLMConfig, gguf: Path, cache: ResponseCache | None = None, n_ctx: int = 4096):
        super().__init__(config, cache)
        try:
            from llama_cpp import Llama
        except ImportError:
            raise LLMError("the llamacpp backend needs llama-cpp-python: pip install llama-cpp-python") from None
        if not gguf.is_file():
            raise LLMError(f"GGUF file not found: {gguf}")
        self.name = gguf.name
        self.cache_id = str(gguf.resolve())
        self.llm = Llama(model_path=str(gguf), n_ctx=n_ctx, verbose=False)

    def _complete(self, messages: list[dict], params: dict) -> str:
        extra = {}
        if params.get("schema") is not None:
            extra["response_format"] = {"type": "json_object", "schema": params["schema"]}
        out = self.llm.create_chat_completion(messages=messages, max_tokens=params["max_new_tokens"],
                                              temperature=params["temperature"], **extra)
        return out["choices"][0]["message"]["content"] or ""
