"""Temperature scaling: one scalar T fitted on dev so that softmax(logits / T) is calibrated.

A grid search over log-spaced T minimising the negative log-likelihood: robust, no
optimiser to tune, and it never changes which label wins.
"""

from __future__ import annotations

import numpy as np

from stance.types import LABELS


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.log(np.clip(p[np.arange(len(labels)), labels], 1e-12, None)).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray, lo: float = 0.05, hi: float = 20.0, steps: int = 400) -> float:
    """The T in [lo, hi] with the lowest NLL on (logits, labels); 1.0 when there is nothing to fit."""
    if len(labels) == 0:
        return 1.0
    grid = np.exp(np.linspace(np.log(lo), np.log(hi), steps))
    losses = [nll(logits, labels, t) for t in grid]
    return float(grid[int(np.argmin(losses))])


def as_array(probs: list[dict[str, float]]) -> np.ndarray:
    """Probability dicts as an (n, 3) array in LABELS order."""
    return np.array([[row[k] for k in LABELS] for row in probs]).reshape(len(probs), len(LABELS))


def as_dicts(probs: np.ndarray) -> list[dict[str, float]]:
    return [dict(zip(LABELS, map(float, row))) for row in probs]


def stance_logits(logits: np.ndarray, labels: list[str]) -> np.ndarray:
    """The columns of the three stance labels, in LABELS order (a trained 'none' column is dropped)."""
    return np.asarray(logits)[:, [labels.index(k) for k in LABELS]]


def stance_probs(logits: np.ndarray, labels: list[str], temperature: float = 1.0) -> list[dict[str, float]]:
    """Probabilities over the three stance labels (a 'none' class, if trained, is dropped and the rest renormalised)."""
    return as_dicts(softmax(stance_logits(logits, labels), temperature))
