"""Stance scores for the project: one call, computed through the local `evaluate` modules."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from stance.types import LABELS

MODULES = Path(__file__).resolve().parent / "modules"


@lru_cache(maxsize=None)
def load_module(name: str):
    """One of the project's `evaluate` metric modules (stance/eval/modules), loaded once."""
    import evaluate

    return evaluate.load(str(MODULES / name))


def stance_scores(y_true: list[str], y_pred: list[str], probs: list[dict[str, float]] | None = None,
                  labels: tuple[str, ...] = LABELS, n_bins: int = 10) -> dict:
    """Accuracy, macro-F1, per-class P/R/F1, confusion matrix and, given probabilities, ECE.

    ``probs[i]`` is the distribution the prediction ``y_pred[i]`` came from; the
    confidence used for ECE is the probability of the predicted label.
    """
    if len(y_true) != len(y_pred) or (probs is not None and len(probs) != len(y_true)):
        raise ValueError("y_true, y_pred and probs must have the same length")
    scores = load_module("stance_classification").compute(predictions=list(y_pred), references=list(y_true),
                                                      labels=list(labels))
    if probs is not None:
        conf = [float(p[y]) for p, y in zip(probs, y_pred)]
        hits = [int(t == y) for t, y in zip(y_true, y_pred)]
        cal = load_module("expected_calibration_error").compute(predictions=conf, references=hits, n_bins=n_bins)
        scores["ece"] = cal["ece"]
        scores["calibration_bins"] = cal["bins"]
    return scores
