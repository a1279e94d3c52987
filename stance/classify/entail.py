"""The entailment formulation (``method: entail``): one (hypothesis, evidence) pair per stance.

Issue 15 asked whether asking the encoder "is <party> open to a ceasefire?" of the
party's evidence generalises better from authored to real-style text than a four-way
head. Each party becomes three pairs, one hypothesis per stance against the same
evidence the default reads (stance.features.encode); a two-way head says whether the
evidence entails it. The party's stance logits are the three entailment margins, so the
stance is the most entailed hypothesis and one temperature calibrates them as for the
four-way head. Training rows labelled ``none`` entail no hypothesis. No NLI-trained
weights are available offline, so the pair head starts from the same MiniLM.
"""

from __future__ import annotations

import numpy as np

from stance.features import InputStyle, encode
from stance.types import LABELS, PartyInput

ENTAIL_LABELS = ["not_entailed", "entailed"]
HYPOTHESES = {
    "open": "{party} is open to a ceasefire.",
    "conditional": "{party} accepts a ceasefire only on conditions.",
    "rejecting": "{party} rejects a ceasefire.",
}


def entail_pairs(items: list[PartyInput], style: InputStyle) -> list[tuple[str, str]]:
    """(hypothesis, evidence) for every item and stance, the stances of one item together in LABELS order."""
    pairs = []
    for item in items:
        _, evidence = encode(item, style)
        pairs += [(HYPOTHESES[label].format(party=item.party), evidence) for label in LABELS]
    return pairs


def entail_targets(labels: list[str]) -> list[int]:
    """The pair labels (1: entailed) matching :func:`entail_pairs`: only the item's own stance is entailed."""
    return [int(label == stance) for label in labels for stance in LABELS]


def stance_logits(pair_logits) -> np.ndarray:
    """Per-item stance logits (LABELS order): each hypothesis' entailed-minus-not margin."""
    pair_logits = np.asarray(pair_logits, dtype=float).reshape(-1, len(LABELS), len(ENTAIL_LABELS))
    return pair_logits[..., 1] - pair_logits[..., 0]
