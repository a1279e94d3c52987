"""Statement-level stance: each (statement, party) pair classified alone, then aggregated by rule 3.

A party's input mixes its own words with sentences in which it is only named (as object,
addressee, or in someone else's demand) and with past positions recalled as background.
Here every statement is read alone, the party's mentions replaced by one marker token so
that "X rejected Y's offer" reads differently for X and for Y, by TF-IDF + logistic
regression over four classes (open, conditional, rejecting, ``none``: says nothing about
this party's position; trained on stance.train.pairs) mixed with the cue rules read on
that statement alone. stance.classify.rule3 turns the statements' probabilities into the
party's; a party whose every statement reads ``none`` gets the party-level fallback's
probabilities (TF-IDF + rules on the whole input), and the aggregate is mixed with that
fallback (``mix_weight``). One temperature fitted on dev
calibrates the result. The fitted arrays are saved as JSON + safetensors (``statements.*``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from stance.classify.calibrate import as_array, as_dicts, fit_temperature, softmax
from stance.classify.mix import mean_probs
from stance.classify.rule3 import aggregate, is_background
from stance.classify.rules import sentence_scores
from stance.classify.tfidf import TfidfModel
from stance.names import mention_pattern
from stance.types import LABELS, PartyInput

MARKER = "zzparty"
STEM = "statements"
CLASSES = (*LABELS, "none")
RULES_WEIGHT = 0.3   # the cue rules' share of each statement's probabilities
DECIDED_SHARE = 0.0  # the rule-3 decision's share of a party's (stance.classify.rule3; 0: the weighted average alone)
MIX_WEIGHT = 0.7     # the aggregate's share against the party-level fallback (chosen on dev + challenge: docs/model.md)
NO_CUE = np.array([0.1, 0.1, 0.1, 0.7])
Predictor = Callable[[list[PartyInput]], list[dict[str, float]]]


def pair_text(party: str, aliases: list[str], statement: str) -> str:
    """A statement as the statement model reads it for one party: that party's mentions made one marker token."""
    pattern = mention_pattern(party, aliases)
    return pattern.sub(f" {MARKER} ", statement) if pattern is not None else statement


def rule_probs(statement: str, temperature: float = 1.5) -> np.ndarray:
    """The cue rules on one statement, over the four classes: no cue reads mostly as ``none``."""
    scores = sentence_scores(statement)
    if not any(scores.values()):
        return NO_CUE
    return np.append(0.9 * softmax(np.array([scores[k] for k in LABELS]), temperature), 0.1)


@dataclass
class StatementModel:
    """The fitted statement classifier (TF-IDF + LR over CLASSES) and how it is mixed and calibrated."""

    tfidf: TfidfModel
    rules_weight: float = RULES_WEIGHT
    decided_share: float = DECIDED_SHARE
    mix_weight: float = MIX_WEIGHT
    temperature: float = 1.0

    def statement_probs(self, item: PartyInput) -> np.ndarray:
        """(n, 4) probabilities of the item's statements, in CLASSES order."""
        return self.statement_probs_many([item])[0]

    def statement_probs_many(self, items: list[PartyInput]) -> list[np.ndarray]:
        """:meth:`statement_probs` for every item, the TF-IDF model run once over all their statements."""
        texts = [pair_text(i.party, i.aliases, s) for i in items for s in i.statements]
        if not texts:
            return [np.zeros((0, 4)) for _ in items]
        learned = self.tfidf.predict_proba(texts)[:, [self.tfidf.classes.index(k) for k in CLASSES]]
        rules = np.stack([rule_probs(s) for i in items for s in i.statements])
        mixed = (1.0 - self.rules_weight) * learned + self.rules_weight * rules
        return np.split(mixed, np.cumsum([len(i.statements) for i in items])[:-1])

    def party_probs(self, item: PartyInput) -> np.ndarray | None:
        """The rule-3 aggregate over the three stances (uncalibrated); None when every statement reads ``none``."""
        return self.party_probs_many([item])[0]

    def party_probs_many(self, items: list[PartyInput]) -> list[np.ndarray | None]:
        return [aggregate(p, [is_background(s) for s in i.statements], self.decided_share)
                for i, p in zip(items, self.statement_probs_many(items))]

    def save(self, folder: Path) -> dict:
        """Write the arrays; returns what the meta must record to read them back."""
        self.tfidf.save(folder, STEM)
        return {"rules_weight": self.rules_weight, "decided_share": self.decided_share,
                "mix_weight": self.mix_weight, "temperature": self.temperature}

    @classmethod
    def load(cls, folder: Path, info: dict) -> StatementModel:
        return cls(TfidfModel.load(folder, STEM), **{k: float(info[k]) for k in
                                                     ("rules_weight", "decided_share", "mix_weight", "temperature")})


def fit_statement_model(rows, seed: int = 13) -> StatementModel:
    """Fit on the (statement, party) pairs of the training rows (stance.train.pairs)."""
    from stance.classify.tfidf import fit_texts
    from stance.train.pairs import train_pairs

    pairs = [p for row in train_pairs(rows) for p in row]
    return StatementModel(fit_texts([pair_text(p.party, p.aliases, p.text) for p in pairs],
                                    [p.label for p in pairs], seed))


def combined(model: StatementModel, party: np.ndarray, items: list[PartyInput]) -> np.ndarray:
    """(n, 3) uncalibrated probabilities: the rule-3 aggregate (the party-level ``party`` probabilities
    where every statement reads ``none``) mixed with ``party`` by ``model.mix_weight``."""
    party = np.asarray(party, dtype=np.float64).reshape(len(items), 3)
    agg = np.array([p if p is not None else q for p, q in zip(model.party_probs_many(items), party)])
    return model.mix_weight * agg.reshape(len(items), 3) + (1.0 - model.mix_weight) * party


def calibrated(model: StatementModel, party: np.ndarray, items: list[PartyInput]) -> np.ndarray:
    return softmax(np.log(np.clip(combined(model, party, items), 1e-12, None)), model.temperature)


def calibrate(model: StatementModel, party: np.ndarray, dev: list[PartyInput], labels: list[str]) -> StatementModel:
    """The model with its temperature fitted on dev (the log of :func:`combined`); ``party``: the
    party-level model's uncalibrated probabilities on ``dev``."""
    gold = np.array([LABELS.index(y) for y in labels])
    model.temperature = fit_temperature(np.log(np.clip(combined(model, party, dev), 1e-12, None)), gold)
    return model


class StatementClassifier:
    name = "statements"

    def __init__(self, model: StatementModel | None = None, fallback: Predictor | None = None):
        """``model`` and ``fallback``: a model folder's; None: the baseline, fitted from data/train (and
        calibrated on dev) on first use, with TF-IDF + rules half and half as its fallback."""
        self.model = model
        self.fallback = fallback

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        if not items:
            return []
        model, fallback = (self.model, self.fallback) if self.model else _baseline()
        return as_dicts(calibrated(model, as_array(fallback(items)), items))


def half_half(items: list[PartyInput]) -> list[dict[str, float]]:
    """The party-level fallback of the baseline: TF-IDF + rules, averaged."""
    from stance.classify.rules import RuleClassifier
    from stance.classify.tfidf import TfidfClassifier

    return mean_probs(TfidfClassifier().predict(items), RuleClassifier().predict(items))


@lru_cache(maxsize=1)
def _baseline() -> tuple[StatementModel, Predictor]:
    from stance.data import load_train
    from stance.features import split_inputs

    dev, labels = split_inputs("dev")
    return calibrate(fit_statement_model(load_train()), as_array(half_half(dev)), dev, labels), half_half
