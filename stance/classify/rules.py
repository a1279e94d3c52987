"""A transparent cue-based stance classifier: the baseline every model must beat.

Each cue is a regular expression with a label and a weight; negated openness and
"not ... until" patterns are listed before the plain cues they would otherwise
trigger. A party's scores add up over its statements, the last statement counting
more, so a final refusal wins (reference rule 3).
"""

from __future__ import annotations

import math
import re

from stance.classify.base import normalise
from stance.types import LABELS, PartyInput

_I = re.IGNORECASE
CUES: list[tuple[str, float, re.Pattern]] = [(label, w, re.compile(p, _I)) for label, w, p in [
    ("rejecting", 3.0, r"\b(no|never|won[’']?t|will not|would not|refuse[sd]? to|reject(s|ed|ing)?|rul(e|es|ed) out|dismiss(es|ed)?)\b[^.;]{0,40}\b(cease-?\s?fire|truce|halt|armistice|pause|freeze|talks|negotiat\w*|deal)"),
    ("rejecting", 3.0, r"\b(do|does|did) not need (a|any)\b[^.;]{0,30}\b(cease-?\s?fire|truce|pause)"),
    ("rejecting", 2.5, r"\buntil (total |complete |final |full )?(victory|the (last|end)|every|all)\b"),
    ("rejecting", 2.5, r"\b(vow(s|ed)?|pledg(e|es|ed)|determined|continue[sd]?) to (fight|reclaim|retake|liberate|defeat|crush|keep fighting)"),
    ("rejecting", 2.0, r"\b(fight on|keep fighting|fight to the end|no room for (talks|compromise)|not interested in (serious )?(talks|negotiations|a truce|a ceasefire))\b"),
    ("rejecting", 2.0, r"\bunlikely to be (agreed|accepted)"),
    ("rejecting", 1.5, r"\b(rejected|rejects|refused|dismissed|spurned|turned down)\b"),
    ("rejecting", 1.5, r"\b(did not|does not|do not) believe [^.]{0,40} (interested|serious|ready)"),
    ("conditional", 3.0, r"\b(only if|only after|only once|provided (that)?|on condition|in exchange for|as long as|unless|precondition|must first|on (its|their|our) terms)\b"),
    ("conditional", 2.5, r"\b(recogni[sz](es|ing|e)|on|along) (the )?current (battlefield |front ?)?lines?\b|\bfreeze the (war|conflict|front)"),
    ("conditional", 2.0, r"\b(necessary|required|prerequisite|condition) for (any )?(talks|negotiations|a (cease-?fire|truce))"),
    ("conditional", 2.0, r"\bif\b[^.;]{0,60}\b(withdraw|release|stop|agree|guarantee|changes?|recogni[sz]e|accept)"),
    ("conditional", 1.5, r"\b(in principle|but only|demand(s|ed)?|insist(s|ed)? that|withdrawal|guarantees?)\b"),
    ("open", 3.0, r"\b(open to|ready (for|to)|willing to|keen to|prepared to|eager to|interested in)\b[^.;]{0,40}\b(cease-?\s?fire|truce|talks|dialogue|negotiat\w*|peace|halt|deal)"),
    ("open", 2.5, r"\b(does|did|do) not want (an? )?[“\"]?(eternal|endless|forever|long) war"),
    ("open", 2.0, r"\b(welcome[sd]?|support(s|ed)?|back(s|ed)?|endorse[sd]?|call(s|ed)? for|urge[sd]?)\b[^.;]{0,30}\b(cease-?\s?fire|truce|talks|dialogue|halt)"),
    ("open", 1.5, r"\b(seek(s|ing)?|pursu(e|es|ing)|push(es|ing)? for)\b[^.;]{0,30}\b(cease-?\s?fire|truce|talks|negotiat\w*|peace)"),
    ("open", 1.5, r"\b(did not|does not|do not|not) rule out\b"),
    ("open", 1.0, r"\b(dialogue|diplomatic track|just peace|peace plan)\b"),
]]
NEGATED_OPEN = re.compile(r"\b(not|never|no longer|isn[’']t|aren[’']t|wasn[’']t)\b[^.;]{0,12}\b(open|ready|willing|prepared|interested)\b", _I)
DENIED_REJECTION = re.compile(r"\bden(y|ies|ied)\b[^.;]{0,40}\breject", _I)


def sentence_scores(text: str) -> dict[str, float]:
    scores = {k: 0.0 for k in LABELS}
    for label, weight, pattern in CUES:
        if pattern.search(text):
            scores[label] += weight
    if NEGATED_OPEN.search(text):
        shift = scores["open"]
        scores["open"] = 0.0
        scores["rejecting"] += max(shift, 1.5)
    if DENIED_REJECTION.search(text):
        scores["open"] += scores["rejecting"]
        scores["rejecting"] = 0.0
    return scores


class RuleClassifier:
    name = "rules"

    def __init__(self, temperature: float = 1.5):
        self.temperature = temperature

    def party_scores(self, statements: list[str]) -> dict[str, float]:
        total = {k: 0.0 for k in LABELS}
        n = len(statements)
        for i, text in enumerate(statements):
            weight = 1.0 + (0.5 if i == n - 1 and n > 1 else 0.0)
            for k, v in sentence_scores(text).items():
                total[k] += weight * v
        if total["open"] > 0 and total["conditional"] > 0:
            total["conditional"] += 1.0
        return total

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        out = []
        for item in items:
            scores = self.party_scores(item.statements)
            if not any(scores.values()):
                scores = {"open": 0.5, "conditional": 0.3, "rejecting": 0.2}
            exp = {k: math.exp(v / self.temperature) for k, v in scores.items()}
            out.append(normalise(exp))
        return out
