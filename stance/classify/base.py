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


CLASSIFIERS = ("model", "encoder", "rules", "tfidf", "embed", "llm")


def load_classifier(spec: str = "model") -> StanceClassifier:
    """Choose a classifier by name or model folder.

    ``model``: the fine-tuned default (trained and cached on first use), mixed with
    TF-IDF by its dev-fitted weight; ``encoder``: the same fine-tuned encoder alone; a
    path: a model folder written by `stance train`; ``rules``: the transparent cue baseline;
    ``tfidf``: TF-IDF + logistic regression; ``embed``: similarity to label
    descriptions; ``llm:<backend spec>``: zero-shot LLM (``llm:default``, ``llm:gguf:FILE``,
    ``llm:openai:URL#MODEL``).
    """
    from pathlib import Path

    if spec == "rules":
        from stance.classify.rules import RuleClassifier

        return RuleClassifier()
    if spec in ("model", "encoder"):
        from stance.classify.transformer import TransformerClassifier
        from stance.train.default import ensure_default_model

        return TransformerClassifier(ensure_default_model(), mix=spec == "model")
    if spec == "tfidf":
        from stance.classify.tfidf import TfidfClassifier

        return TfidfClassifier()
    if spec == "embed":
        from stance.classify.embed import EmbeddingClassifier

        return EmbeddingClassifier()
    if spec == "llm" or spec.startswith("llm:"):
        from stance.classify.llm import LLMClassifier
        from stance.llm import LLMError, load_llm

        try:
            return LLMClassifier(load_llm(spec[4:] or "default"))
        except LLMError as err:
            raise ValueError(str(err)) from None
    if Path(spec).is_dir():
        from stance.classify.transformer import load_model

        return load_model(spec)
    raise ValueError(f"unknown classifier '{spec}' (expected: {', '.join(CLASSIFIERS)}, or a model folder)")
