"""Inference for a SetFit-recipe model folder: sentence-transformer body + JSON logistic head.

The head's coefficients are stored as JSON (never a pickle), see stance.train.setfit.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from stance.classify.calibrate import stance_probs
from stance.classify.transformer import META_FILE
from stance.features import InputStyle, encode
from stance.types import PartyInput

HEAD_FILE = "head.json"


def as_text(item: PartyInput, style: InputStyle) -> str:
    head, body = encode(item, style)
    return f"{head}: {body}"


class SetFitClassifier:
    """Inference for a SetFit-recipe folder: sentence-transformer body + JSON logistic head."""

    name = "setfit"

    def __init__(self, path: str | Path):
        from sentence_transformers import SentenceTransformer

        path = Path(path)
        self.meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        head = json.loads((path / HEAD_FILE).read_text(encoding="utf-8"))
        self.classes = head["classes"]
        self.coef = np.array(head["coef"])
        self.intercept = np.array(head["intercept"])
        self.temperature = float(self.meta.get("temperature", 1.0))
        self.style = InputStyle(**self.meta.get("input", {}))
        self.body = SentenceTransformer(str(path), device="cpu", trust_remote_code=False)

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        emb = self.body.encode([as_text(i, self.style) for i in items], batch_size=32)
        logits = emb @ self.coef.T + self.intercept
        return stance_probs(logits, self.classes, self.temperature)
