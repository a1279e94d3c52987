"""Mixing the fine-tuned encoder with TF-IDF + logistic regression: one weight fitted on dev.

The encoder and a bag-of-n-grams model err on different parties: on dev the encoder
reads paraphrase and negation better, TF-IDF keeps its footing on long inputs that mix a
party's statements with other parties' demands about it. The mixture
``w * p_encoder + (1 - w) * p_tfidf`` takes ``w`` from a coarse grid by dev macro-F1
(ties: lower NLL), then one temperature on the mixture's log-probabilities keeps the
confidence calibrated. ``w = 1`` is the encoder alone, so mixing can be measured away.
"""

from __future__ import annotations

import numpy as np

from stance.classify.calibrate import as_array, fit_temperature, softmax
from stance.classify.tfidf import TfidfClassifier
from stance.types import PartyInput

GRID = tuple(i / 10 for i in range(11))


def tfidf_probs(items: list[PartyInput], tfidf: TfidfClassifier) -> np.ndarray:
    """The TF-IDF half's probabilities: a model folder's own fitted arrays, never a refit from data/."""
    return as_array(tfidf.predict(items))


def mixture(p: np.ndarray, q: np.ndarray, weight: float) -> np.ndarray:
    return weight * np.asarray(p) + (1.0 - weight) * np.asarray(q)


def mixed_probs(p: np.ndarray, q: np.ndarray, weight: float, temperature: float) -> np.ndarray:
    return softmax(np.log(np.clip(mixture(p, q, weight), 1e-12, None)), temperature)


def fit_mix(p: np.ndarray, q: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(encoder weight, temperature) fitted on dev probabilities ``p`` (encoder) and ``q`` (TF-IDF)."""
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
    return best, fit_temperature(np.log(np.clip(mixture(p, q, best), 1e-12, None)), gold)
