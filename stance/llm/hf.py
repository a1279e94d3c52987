"""A local causal LM through transformers: a model directory or id, or a GGUF file.

transformers reads GGUF by dequantising every tensor, which takes ~20 s for
SmolLM2-135M on this CPU; the first load therefore saves a plain safetensors copy
under the cache directory (keyed by the file's content hash), and later loads read
that copy in ~2.5 s. Only safetensors and GGUF weights are ever loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from stance.llm.base import LLM, LLMError, choice_schema, json_instruction
from stance.llm.cache import ResponseCache, cache_key, cache_root
from stance.llm.config import LLMConfig


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def _torch_dtype(name: str):
    import torch

    dtypes = {"bfloat16": torch.bfloat16, "float32": torch.float32, "float16": torch.float16}
    if name not in dtypes:
        raise LLMError(f"unknown dtype '{name}' (expected one of: {', '.join(dtypes)})")
    return dtypes[name]


def converted_gguf(gguf: Path, dtype: str = "bfloat16") -> Path:
    """A safetensors copy of ``gguf`` (model and tokenizer), made once and cached."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target = cache_root() / "gguf" / f"{gguf.stem}-{_digest(gguf)}-{dtype}"
    if (target / "config.json").exists():
        return target
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=_torch_dtype(dtype))
    except (OSError, ValueError, RuntimeError) as err:
        raise LLMError(f"cannot read GGUF {gguf}: {str(err).splitlines()[0]}") from None
    if getattr(model, "hf_quantizer", None) is not None:
        model.hf_quantizer.remove_quantization_config(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        os.replace(tmp, target)
    except OSError:
        if not (target / "config.json").exists():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


class HFModel(LLM):
    """Greedy (or sampled, if temperature > 0) generation with the model's chat template."""

    def __init__(self, config: LLMConfig, source: str | Path, name: str | None = None,
                 cache: ResponseCache | None = None):
        super().__init__(config, cache)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.name = name or str(source)
        self.cache_id = str(Path(source).resolve()) if Path(source).exists() else str(source)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(source))
            self.model = AutoModelForCausalLM.from_pretrained(str(source), dtype=_torch_dtype(config.dtype),
                                                              use_safetensors=True)
        except (OSError, ValueError) as err:
            raise LLMError(f"cannot load model '{source}': {str(err).splitlines()[0]}") from None
        self.model.eval()

    def _prompt(self, messages: list[dict]) -> str:
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return "".join(f"{m['role']}: {m['content']}\n" for m in messages) + "assistant:"

    def _complete(self, messages: list[dict], params: dict) -> str:
        """With a schema the reply is started with ``{``: small models then stay in JSON."""
        import torch

        start = "{" if params.get("schema") is not None else ""
        inputs = self.tokenizer(self._prompt(messages) + start, return_tensors="pt", add_special_tokens=False)
        sample = params["temperature"] > 0
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        with torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=params["max_new_tokens"], do_sample=sample,
                                      temperature=params["temperature"] if sample else None, top_p=None, top_k=None,
                                      pad_token_id=pad)
        return start + self.tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True).strip()

    def choose(self, prompt: str, field: str, options: list[str], *, system: str | None = None) -> dict[str, float]:
        """Score each allowed reply ``{"field": "option"}`` by its log-likelihood; softmax over options."""
        messages = ([{"role": "system", "content": system}] if system else [])
        messages.append({"role": "user", "content": f"{prompt}\n\n{json_instruction(choice_schema(field, options))}"})
        key = cache_key(model=self.cache_id, messages=messages, field=field, options=list(options), mode="choose")
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return json.loads(hit)
        probs = self._score(self._prompt(messages), [json.dumps({field: o}) for o in options])
        result = dict(zip(options, probs))
        if self.cache is not None:
            self.cache.put(key, json.dumps(result), {"model": self.name})
        return result

    def _score(self, prompt: str, replies: list[str]) -> list[float]:
        import torch

        head = list(self.tokenizer(prompt, add_special_tokens=False)["input_ids"])
        n_prompt = len(head)
        seqs = [head + list(self.tokenizer(r, add_special_tokens=False)["input_ids"]) for r in replies]
        width = max(len(s) for s in seqs)
        ids = torch.zeros((len(seqs), width), dtype=torch.long)
        mask = torch.zeros_like(ids)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(s)
            mask[i, : len(s)] = 1
        with torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask).logits.float()
        logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:, None])[..., 0]
        totals = torch.stack([logp[i, n_prompt - 1 : len(s) - 1].sum() for i, s in enumerate(seqs)])
        return torch.softmax(totals, dim=0).tolist()


def gguf_model(config: LLMConfig, gguf: Path, name: str | None = None, cache: ResponseCache | None = None) -> HFModel:
    if not gguf.is_file():
        raise LLMError(f"GGUF file not found: {gguf}")
    return HFModel(config, converted_gguf(gguf, config.dtype), name=name or gguf.name, cache=cache)
