"""Averaging classifiers' probabilities: a weighted mean of calibrated distributions."""

from __future__ import annotations

from stance.classify.base import PartyInput, normalise
from stance.types import LABELS


class EnsembleClassifier:
    def __init__(self, members: list, weights: list[float] | None = None):
        self.members = members
        self.weights = weights or [1.0] * len(members)
        self.name = "+".join(getattr(m, "name", "?") for m in members)

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        outs = [m.predict(items) for m in self.members]
        total = sum(self.weights)
        return [normalise({k: sum(w * o[i][k] for w, o in zip(self.weights, outs)) / total for k in LABELS})
                for i in range(len(items))]
