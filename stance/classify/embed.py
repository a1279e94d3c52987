"""Zero-shot baseline: cosine similarity of the party's statements to label descriptions.

Uses the bundled all-MiniLM-L6-v2 sentence encoder (stance.embeddings), no training data.
"""

from __future__ import annotations

from stance.classify.calibrate import as_dicts, softmax
from stance.embeddings import MiniLM, default_embedder
from stance.types import LABELS, PartyInput

DESCRIPTIONS = {
    "open": "They support a ceasefire, call for a truce, and are ready for peace talks now.",
    "conditional": "They would accept a ceasefire only if conditions are met first, such as a withdrawal or guarantees.",
    "rejecting": "They reject a ceasefire, refuse talks and vow to keep fighting until victory.",
}


class EmbeddingClassifier:
    name = "embed"

    def __init__(self, encoder: MiniLM | None = None, scale: float = 20.0):
        self.encoder = encoder or default_embedder()
        self.scale = scale
        self.label_vecs = self.encoder.encode([DESCRIPTIONS[k] for k in LABELS])

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        vecs = self.encoder.encode([" ".join(i.statements) or i.party for i in items])
        return as_dicts(softmax(self.scale * vecs @ self.label_vecs.T))
