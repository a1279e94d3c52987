"""One party's stance from its statements' stances, by rule 3 of ../shared/ANNOTATION.md.

Each statement comes with probabilities over open / conditional / rejecting / none.
Statements read as ``none`` say nothing about the party and are dropped; a past position
recalled as background ("Last year it agreed to a three-day pause") counts for little
beside what the party says now. Then, in this order: a refusal as the party's final
word (last in text order) makes it rejecting; openness mixed with conditions makes it
conditional; otherwise the statements' probabilities, averaged, decide. The decision is
returned as probabilities (a share of the average, the rest the decided label; a
statement's label counts for the rules only when it is confident), so a temperature
fitted on dev can calibrate them.
"""

from __future__ import annotations

import numpy as np

from stance.classify.rules import rules

OPEN, CONDITIONAL, REJECTING, NONE = range(4)
CONFIDENT = 0.5


def is_background(text: str) -> bool:
    """A statement that recalls a past position rather than stating the current one (the cue
    rules' background patterns, resources/stance_rules.yaml)."""
    return any(p.search(text) for p in rules().background)


def aggregate(probs: np.ndarray, background: list[bool], decided_share: float = 0.5) -> np.ndarray | None:
    """Probabilities over the three stances for one party from its statements' ``probs``
    ((n, 4): open, conditional, rejecting, none; in text order); None when every statement is ``none``.
    ``decided_share``: how much of the result is the rule-3 decision, the rest the weighted average."""
    probs = np.asarray(probs, dtype=np.float64).reshape(-1, 4)
    said = probs.argmax(-1) != NONE
    if not said.any():
        return None
    past = np.asarray(background, dtype=bool) & said
    current = said & ~past if (said & ~past).any() else said
    stance = probs[:, :3] / np.clip(probs[:, :3].sum(-1, keepdims=True), 1e-12, None)
    weight = (1.0 - probs[:, NONE]) * np.where(past & ~current, rules().background_weight, 1.0) * said
    mean = (weight[:, None] * stance).sum(0) / max(weight.sum(), 1e-12)
    labels = np.where(probs[:, :3].max(-1) >= CONFIDENT, stance.argmax(-1), NONE)
    final = int(np.flatnonzero(current)[-1])
    now = set(labels[current].tolist())
    if labels[final] == REJECTING:
        decided = REJECTING
    elif {OPEN, CONDITIONAL} <= now:
        decided = CONDITIONAL
    else:
        decided = int(mean.argmax())
    return (1.0 - decided_share) * mean + decided_share * np.eye(3)[decided]
