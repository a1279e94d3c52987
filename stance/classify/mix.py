"""Mixing the fine-tuned encoder, TF-IDF + logistic regression and the cue rules.

The three err on different parties: the encoder reads paraphrase and negation better
on authored text, TF-IDF keeps its footing on long inputs that mix a party's statements
with other parties' demands about it, and the cue rules read the explicit wordings of
real reporting ("rejected calls for a truce", "only if") that neither learned model
generalises to from authored training text. The mixture is
``sum_k w_k * p_k`` over the components; the weights are either fixed by the recipe
(``mix_weights``, chosen by measurement on dev and the challenge set: docs/model.md) or,
for a recipe without them, the encoder's weight against TF-IDF is taken from a coarse
grid by dev macro-F1 (ties: lower NLL). One temperature on the mixture's
log-probabilities keeps the confidence calibrated. A component with weight 0 is never
computed, so a mixture without the encoder never loads torch.
"""

from __future__ import annotations

import numpy as np

from stance.classify.calibrate import as_array, softmax
from stance.classify.tfidf import TfidfClassifier
from stance.types import PartyInput

GRID = tuple(i / 10 for i in range(11))
COMPONENTS = ("encoder", "tfidf", "rules")


def tfidf_probs(items: list[PartyInput], tfidf: TfidfClassifier) -> np.ndarray:
    """The TF-IDF half's probabilities: a model folder's own fitted arrays, never a refit from data/."""
    return as_array(tfidf.predict(items))


def mixture(p: np.ndarray, q: np.ndarray, weight: float) -> np.ndarray:
    return weight * np.asarray(p) + (1.0 - weight) * np.asarray(q)


def mean_probs(*predictions: list[dict[str, float]]) -> list[dict[str, float]]:
    """The plain average of several classifiers' per-party probabilities (TF-IDF + rules half and half)."""
    return [{k: sum(p[k] for p in ps) / len(ps) for k in ps[0]} for ps in zip(*predictions)]


def weighted(parts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """``sum_k w_k * p_k`` over the components with a positive weight."""
    return sum(w * np.asarray(parts[k]) for k, w in weights.items() if w > 0)


def log_weighted(parts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    return np.log(np.clip(weighted(parts, weights), 1e-12, None))


def weighted_probs(parts: dict[str, np.ndarray], weights: dict[str, float], temperature: float) -> np.ndarray:
    return softmax(log_weighted(parts, weights), temperature)


def mix_weights(mix: dict) -> dict[str, float]:
    """A saved mixture's weights by component (folders written before the rules joined store
    only the encoder's weight against TF-IDF)."""
    if "weights" in mix:
        return {k: float(mix["weights"].get(k, 0.0)) for k in COMPONENTS}
    w = float(mix["encoder_weight"])
    return {"encoder": w, "tfidf": 1.0 - w, "rules": 0.0}


def fit_encoder_weight(p: np.ndarray, q: np.ndarray, gold: np.ndarray) -> float:
    """The encoder's weight against TF-IDF, fitted on dev probabilities ``p`` (encoder) and ``q``
    (TF-IDF); the mixture's temperature is fitted afterwards, on the whole mixture."""
    from sklearn.metrics import f1_score

    gold = np.asarray(gold)
    best, best_key = 1.0, None
    for w in GRID:
        m = mixture(p, q, w)
        f1 = f1_score(gold, m.argmax(-1), labels=list(range(m.shape[1])), average="macro", zero_division=0)
        nll = float(-np.log(np.clip(m[np.arange(len(gold)), gold], 1e-12, None)).mean())
        key = (round(float(f1), 6), -nll)
        if best_key is None or key > best_key:
            best, best_key = w, key
    return best
