"""Zero-shot baseline: cosine similarity of the party's statements to label descriptions.

Uses the bundled all-MiniLM-L6-v2 sentence encoder (mean pooling), no training data.
"""

from __future__ import annotations

from stance.classify.base import PartyInput
from stance.types import LABELS

DESCRIPTIONS = {
    "open": "They support a ceasefire, call for a truce, and are ready for peace talks now.",
    "conditional": "They would accept a ceasefire only if conditions are met first, such as a withdrawal or guarantees.",
    "rejecting": "They reject a ceasefire, refuse talks and vow to keep fighting until victory.",
}


class EmbeddingClassifier:
    name = "embed"

    def __init__(self, model_path: str | None = None, scale: float = 20.0):
        from transformers import AutoModel, AutoTokenizer

        from stance.train.args import BUNDLED_MINILM, resolve_base_model

        path = model_path or resolve_base_model(BUNDLED_MINILM)
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path, use_safetensors=True).eval()
        self.scale = scale
        self.label_vecs = self.embed([DESCRIPTIONS[k] for k in LABELS])

    def embed(self, texts: list[str]):
        import torch

        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        with torch.no_grad():
            hidden = self.model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        vec = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(vec, dim=-1)

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        vecs = self.embed([" ".join(i.statements) or i.party for i in items])
        probs = (self.scale * vecs @ self.label_vecs.T).softmax(-1).tolist()
        return [{k: float(p[j]) for j, k in enumerate(LABELS)} for p in probs]
