"""LLM backends behind one interface; ``load_llm`` picks one from a spec or config.

    llm = load_llm("default")                     # or hf:<dir>, gguf:<file>, openai:<url>#<model>
    text = llm.generate("Say hello.")
    data = llm.generate_json("Label ...", {"type": "object", ...})
"""

from __future__ import annotations

from pathlib import Path

from stance.llm.base import LLM, InvalidOutput, LLMError
from stance.llm.cache import ResponseCache
from stance.llm.config import LLMConfig, load_config, parse_spec


def load_llm(spec: str | LLMConfig | None = None, cache: ResponseCache | None = None) -> LLM:
    """An LLM from a backend spec (see stance.llm.config) or a full config."""
    config = spec if isinstance(spec, LLMConfig) else load_config(backend=spec)
    kind, target = parse_spec(config.backend)
    if kind == "openai":
        from stance.llm.openai import OpenAIModel

        return OpenAIModel(config, cache=cache)
    if kind == "llamacpp":
        from stance.llm.llamacpp import LlamaCppModel

        return LlamaCppModel(config, Path(target).expanduser(), cache=cache)
    from stance.llm.hf import HFModel, gguf_model

    if kind == "default":
        from stance.llm.bundled import MODEL_NAME, bundled_gguf

        return gguf_model(config, bundled_gguf(), name=MODEL_NAME, cache=cache)
    if kind == "gguf":
        return gguf_model(config, Path(target).expanduser(), cache=cache)
    return HFModel(config, target, cache=cache)


__all__ = ["LLM", "InvalidOutput", "LLMConfig", "LLMError", "ResponseCache", "load_config", "load_llm", "parse_spec"]
