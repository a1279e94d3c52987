"""Temperature scaling: one scalar T fitted on dev so that softmax(logits / T) is calibrated.

A grid search over log-spaced T minimising the negative log-likelihood: robust, no
optimiser to tune, and it never changes which label wins.
"""

from __future__ import annotations

import numpy as np


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
