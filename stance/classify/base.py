"""The one interface every stance classifier implements."""

from __future__ import annotations

from typing import Protocol

from stance.types import LABELS, PartyInput


class StanceClassifier(Protocol):
    name: str

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        """Probabilities over ``LABELS`` for each item, summing to 1."""
        ...


def normalise(scores: dict[str, float]) -> dict[str, float]:
    total = sum(max(0.0, scores.get(k, 0.0)) for k in LABELS)
    if total <= 0:
        return {k: 1.0 / len(LABELS) for k in LABELS}
    return {k: max(0.0, scores.get(k, 0.0)) / total for k in LABELS}
