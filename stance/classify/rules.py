"""A transparent cue-based stance classifier: the baseline every model must beat.

The cues are data (resources/stance_rules.yaml): regular expressions with a label and a
weight, rewrites applied before them ("did not rule out" means open), negations that
move a sentence's openness to refusal, and background patterns whose cues count for
little (a position recalled from before is not the party's stance now). A party's
scores add up over its statements, the last counting more, so a final refusal wins
(reference rule 3).

A statement can name the party without being its words (issue 15): the party reads only
the clauses that mention it, not another speaker's clause of the same sentence; a
sentence naming the party only after someone else's act on it ("declared a truce with
the rebels") says nothing of its position, unless the act is a refusal of the party's
own offer, which makes the party open.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

import yaml

from stance.classify.base import normalise
from stance.names import mention_pattern
from stance.types import LABELS, PartyInput

OWN_OFFER_WEIGHT = 2.5
FINAL_WORD_BONUS = 0.5
NARRATED_SUBJECT = 40  # characters: "a step Orrandy's government brushed aside" names its actor first
BOTH_BONUS = 1.0  # openness plus conditions is conditional (reference rule 3) ...
STATED_TERMS = 2.0  # ... and once the terms are explicit, the openness counts for them


def _expand(pattern: str, vocab: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{vocab[m.group(1)]})" if m.group(1) in vocab else m.group(0), pattern)


class Rules:
    """The compiled contents of the rules file."""

    def __init__(self, spec: dict):
        vocab = {k: _expand(v, spec["vocab"]) for k, v in spec["vocab"].items()}
        comp = lambda p: re.compile(_expand(p, vocab), re.IGNORECASE)  # noqa: E731
        self.vocab = vocab
        self.rewrites = [(comp(p), r) for p, r in spec["rewrites"]]
        self.background = [comp(p) for p in spec["background"]["patterns"]]
        self.background_weight = float(spec["background"]["weight"])
        self.cues = [(label, float(w), comp(p)) for label, w, p in spec["cues"]]
        self.negated_open = comp(spec["negated_open"])
        self.denied_rejection = comp(spec["denied_rejection"])
        self.unconditional = comp(spec["unconditional"])
        self.surrender = comp(spec["surrender"])
        self.fight_on = comp(spec["fight_on"])
        party = spec["party"]
        self.offer_of_party = _expand(party["offer_of_party"], vocab)
        self.acted_on = comp(party["acted_on"])
        self.speaks = comp(party["speaks"])
        self.clause_split = re.compile(f"({_expand(party['clause_split'], vocab)})", re.IGNORECASE)
        self.clause_speaker = comp(party["clause_speaker"])
        self.narrated = comp(party["narrated"])

    def is_background(self, text: str) -> bool:
        return any(p.search(text) for p in self.background)

    def rewrite(self, text: str) -> str:
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        return text

    @lru_cache(maxsize=4096)
    def own_offer(self, mention: str) -> re.Pattern:
        return re.compile(self.offer_of_party.replace("{PARTY}", f"(?:{mention})"), re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    text = resources.files("stance.resources").joinpath("stance_rules.yaml").read_text("utf-8")
    return Rules(yaml.safe_load(text))


def recalled(text: str) -> bool:
    """Whether a statement recalls a position from before the article's events ("last year it
    agreed to a pause"): background, whose cues count for little (issue 15 kind 13)."""
    r = rules()
    return r.is_background(r.rewrite(text))


def sentence_scores(text: str) -> dict[str, float]:
    """Cue scores of one statement, read as the speaker's own words."""
    r = rules()
    text = r.rewrite(text)
    scores = {k: 0.0 for k in LABELS}
    for label, weight, pattern in r.cues:
        if pattern.search(text):
            scores[label] += weight
    if r.negated_open.search(text):
        shift = scores["open"]
        scores["open"] = 0.0
        scores["rejecting"] += max(shift, 1.5)
    if r.denied_rejection.search(text):
        scores["open"] += scores["rejecting"]
        scores["rejecting"] = 0.0
    if r.is_background(text):
        scores = {k: v * r.background_weight for k, v in scores.items()}
    return scores


def _acted_on_only(text: str, mention: re.Pattern) -> bool:
    """Whether every mention of the party follows another actor's act on it and none speaks."""
    r = rules()
    for m in mention.finditer(text):
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 60]
        if r.speaks.search(after) or not r.acted_on.search(before):
            return False
    return True


def party_view(text: str, mention: re.Pattern | None) -> tuple[str | None, bool]:
    """(the part of a statement that is the party's, whether it reports the party's own offer
    being refused); None when the statement only names the party as another's object."""
    r = rules()
    if mention is None:
        return text, False
    own_offer = bool(r.own_offer(mention.pattern).search(text))
    pieces = r.clause_split.split(text)
    if len(pieces) > 1:
        # [clause, separator, clause, ...]: each clause keeps the separator before it
        clauses = [pieces[0]] + [pieces[i] + pieces[i + 1] for i in range(1, len(pieces), 2)]
        def others(c: str) -> bool:  # another speaker's clause, or the narration of another event
            return bool(r.clause_speaker.search(r.clause_split.sub("", c, 1)) or r.narrated.match(c))

        def own(c: str) -> bool:  # the party's clause; a narrated one only when the party acts in it, not its object
            head = c[:NARRATED_SUBJECT] if c.startswith(",") and r.narrated.match(c) else c
            return bool(mention.search(head)) and not _acted_on_only(head, mention)

        if any(own(c) for c in clauses):
            keep = [c for c in clauses if own(c) or not others(c)]
        else:
            keep = clauses[:1] + [c for c in clauses[1:] if not others(c)]
        text = "".join(keep)
    if mention.search(text) and _acted_on_only(text, mention) and not own_offer:
        return None, False
    return text, own_offer


def party_sentence_scores(text: str, mention: re.Pattern | None) -> dict[str, float]:
    view, own_offer = party_view(text, mention)
    if view is None:
        return {k: 0.0 for k in LABELS}
    scores = sentence_scores(view)
    if own_offer:
        scores["rejecting"] = 0.0
        scores["open"] += OWN_OFFER_WEIGHT
    return scores


class RuleClassifier:
    name = "rules"

    def __init__(self, temperature: float = 1.5):
        self.temperature = temperature

    def party_scores(self, statements: list[str], party: str = "", aliases: list[str] | None = None) -> dict[str, float]:
        mention = mention_pattern(party, list(aliases or [])) if party else None
        total = {k: 0.0 for k in LABELS}
        r = rules()
        texts = [r.rewrite(t) for t in statements]
        # the final word is the last statement that is not background recalled from before
        current = [i for i, t in enumerate(texts) if not r.is_background(t)]
        final = current[-1] if len(statements) > 1 and current else None
        for i, text in enumerate(statements):
            if current and i not in current:
                continue  # a position recalled from before counts only when nothing current is said
            weight = 1.0 + (FINAL_WORD_BONUS if i == final else 0.0)
            for k, v in party_sentence_scores(text, mention).items():
                total[k] += weight * v
        if any(r.surrender.search(t) for t in texts) and any(r.fight_on.search(t) for t in texts):
            total["rejecting"] += total["conditional"]
            total["conditional"] = 0.0
        if any(r.unconditional.search(t) for t in texts):
            total["conditional"] /= 2
        elif total["open"] > 0 and total["conditional"] >= STATED_TERMS:
            total["conditional"] += total["open"]
        elif total["open"] > 0 and total["conditional"] > 0:
            total["conditional"] += BOTH_BONUS
        return total

    def predict(self, items: list[PartyInput]) -> list[dict[str, float]]:
        out = []
        for item in items:
            scores = self.party_scores(item.statements, item.party, item.aliases)
            if not any(scores.values()):
                scores = {"open": 0.5, "conditional": 0.3, "rejecting": 0.2}
            exp = {k: math.exp(v / self.temperature) for k, v in scores.items()}
            out.append(normalise(exp))
        return out
