"""The one interface every stance classifier implements, and how one is chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stance.types import LABELS


@dataclass
class PartyInput:
    """What a classifier sees for one (article, party) pair."""

    party: str
    role: str
    statements: list[str]
    aliases: list[str] = field(default_factory=list)
    context: str = ""


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


def load_classifier(spec: str = "rules") -> StanceClassifier:
    """``rules`` for the transparent cue baseline; ``llm:<backend spec>`` for zero-shot LLM
    (e.g. ``llm:default``, ``llm:gguf:model.gguf``, ``llm:openai:http://127.0.0.1:8000/v1#qwen``)."""
    if spec == "rules":
        from stance.classify.rules import RuleClassifier

        return RuleClassifier()
    if spec.startswith("llm:"):
        from stance.classify.llm import LLMClassifier
        from stance.llm import LLMError, load_llm

        try:
            return LLMClassifier(load_llm(spec[4:]))
        except LLMError as err:
            raise ValueError(str(err)) from None
    raise ValueError(f"unknown classifier '{spec}' (expected: rules, llm:<backend>)")
