"""Summary metrics for the evaluation harness.

ROUGE against a reference through the local `evaluate` module in
stance/eval/modules/rouge; and rates read off the summary itself: party coverage
(gold parties that appear with their gold stance), attribution (sentences that name a
source), unsupported sentences (those the symbolic gate rejects, plus those dropped),
loaded words outside quotation marks, quotations verbatim in a source, and balance
(words per party of the least covered stance side over the most covered one).
"""

from __future__ import annotations


from stance.eval.stance import load_module
from stance.summarize.gate import SourcePool, check
from stance.types import EventSummary
from stance.summarize.text import loaded_words, normalise_quotes, quoted_spans, words

def rouge(predictions: list[str], references: list[str] | list[list[str]]) -> dict[str, float]:
    return load_module("rouge").compute(predictions=predictions, references=references)


def summary_text(event: EventSummary) -> str:
    """The summary as ROUGE reads it: one sentence a line."""
    return "\n".join(s.text for s in event.sentences)


def reference_text(claims: list[dict]) -> str:
    return "\n".join(c["text"] for c in claims)


def _party_names(party) -> list[str]:
    name = party["name"] if isinstance(party, dict) else party.name
    aliases = party.get("aliases", []) if isinstance(party, dict) else party.aliases
    out = [name, name.split()[-1], *aliases]
    return [n.lower() for n in out if len(n) > 3]


def party_coverage(event: EventSummary, gold_parties: list) -> dict[str, float]:
    """Share of gold parties the summary mentions, and of those given their gold stance."""
    if not gold_parties:
        return {"party_coverage": 1.0, "stance_coverage": 1.0}
    text = " ".join(s.text for s in event.sentences).lower()
    mentioned = stanced = 0
    for gp in gold_parties:
        names = _party_names(gp)
        gold_stance = gp["stance"] if isinstance(gp, dict) else gp.stance
        if any(n in text for n in names):
            mentioned += 1
        pos = [p for p in event.positions if p.party.lower() in names or p.party.split()[-1].lower() in names]
        if any(p.stance == gold_stance for p in pos):
            stanced += 1
    return {"party_coverage": mentioned / len(gold_parties), "stance_coverage": stanced / len(gold_parties)}


def attribution_rate(event: EventSummary, pool: SourcePool) -> float:
    if not event.sentences:
        return 0.0
    return sum(pool.names_source(s.text) for s in event.sentences) / len(event.sentences)


def unsupported_rate(event: EventSummary, pool: SourcePool) -> dict[str, float]:
    """Kept sentences the symbolic gate rejects, and the share of all candidates dropped."""
    structural = ("agreement", "disagreement", "coverage")
    bad = sum(not check(s.text, pool, None, core=s.core or None, claim=s.kind not in structural,
                        min_support=0.0 if s.kind == "rewrite" else None).ok for s in event.sentences)
    total = len(event.sentences) + len(event.dropped)
    return {"unsupported_rate": bad / len(event.sentences) if event.sentences else 0.0,
            "dropped_rate": len(event.dropped) / total if total else 0.0}


def loaded_word_rate(event: EventSummary) -> float:
    if not event.sentences:
        return 0.0
    return sum(bool(loaded_words(s.text)) for s in event.sentences) / len(event.sentences)


def quote_verbatim_rate(event: EventSummary, source_texts: list[str]) -> float:
    spans = [q for s in event.sentences for q in quoted_spans(s.text)]
    if not spans:
        return 1.0
    texts = [normalise_quotes(t) for t in source_texts]
    return sum(any(normalise_quotes(q).strip(" ,.;:") in t for t in texts) for q in spans) / len(spans)


def balance(event: EventSummary) -> float:
    """Words per party of the least covered stance over the most covered (1.0 = equal space)."""
    sides: dict[str, list[int]] = {}
    for p in event.positions:
        last = p.party.split()[-1]
        n = sum(len(words(s.text)) for s in event.sentences
                if (s.kind == "position" and s.party == p.party) or (s.kind == "rewrite" and last in s.text))
        sides.setdefault(p.stance, []).append(n)
    per_party = [sum(v) / len(v) for v in sides.values()]
    if len(per_party) < 2:
        return 1.0
    return min(per_party) / max(per_party) if max(per_party) else 0.0


def summary_scores(event: EventSummary, pool: SourcePool, source_texts: list[str],
                   reference: list[dict] | None = None, gold_parties: list | None = None) -> dict[str, float]:
    """All summary metrics for one event."""
    scores: dict[str, float] = {
        "sentences": float(len(event.sentences)),
        "attribution_rate": attribution_rate(event, pool),
        "loaded_word_rate": loaded_word_rate(event),
        "quote_verbatim_rate": quote_verbatim_rate(event, source_texts),
        "balance": balance(event),
        **unsupported_rate(event, pool),
    }
    if gold_parties is not None:
        scores.update(party_coverage(event, gold_parties))
    if reference:
        scores.update(rouge([summary_text(event)], [reference_text(reference)]))
    return scores
