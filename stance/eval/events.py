"""Event-level summary checks: is each event one group, and does each summary read cleanly?

Against gold event labels (data/events, plus every dev article as its own event, plus the
two seeds as one event): pairwise grouping precision and recall; and read off each
summary: sentences repeated within an event, quotations not verbatim, page junk used as
a sentence, parties of multi-article events not named with their gold stance, sentences
whose sources or evidence offsets are wrong, and articles whose outlet is not named.
"""

from __future__ import annotations

import re
from itertools import combinations

from stance.eval.summary import party_coverage, quote_verbatim_rate
from stance.summarize.event import STRUCTURAL
from stance.summarize.gate import FRAME_WORDS
from stance.io.clean import JUNK_LINE, PHOTO_CREDIT
from stance.types import Article, EventSummary, SummarySentence
from stance.summarize.text import normalise_quotes, quoted_spans, words

WHOLE_QUOTE = re.compile(r"^\s*[\"“][^\"“”]+[\"”]?\s*$|^[^\"“”]+[\"”]\s*$")  # a quotation, or its first or last sentence
DATELINE_STUB = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(\([^)]*\))?\s*[—–-]{1,2}\s*")
CAPTION = re.compile(r"\b(photo|pictured|file image|getty images|via getty)\b", re.IGNORECASE)
REPEAT_OVERLAP = 0.8


def pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}


def grouping_scores(predicted: list[list[str]], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of predicted groups against gold event labels (source -> event)."""
    truth = pairs([[s for s, e in gold.items() if e == event] for event in set(gold.values())])
    found = pairs([[s for s in g if s in gold] for g in predicted])
    hits = len(truth & found)
    return {"grouping_precision": hits / len(found) if found else 1.0,
            "grouping_recall": hits / len(truth) if truth else 1.0,
            "gold_pairs": float(len(truth)), "predicted_pairs": float(len(found))}


def _content(text: str, outlets: list[str]) -> set[str]:
    """Content words of a sentence's claim: outlet names and the frame's own words left out."""
    for name in outlets:
        text = text.replace(name, " ")
    return {w for w in words(text) if len(w) > 3 and w not in FRAME_WORDS}


def repeated(event: EventSummary) -> list[str]:
    """Sentences that say again what an earlier sentence of the same event said: the same text,
    or a claim resting on a source sentence already used or whose verbatim part is (almost)
    the same words as an earlier one's.
    Sentences about the sources (which outlets agree) are compared by their text only."""
    outlets = [a["outlet"] for a in event.articles]
    out, texts, seen_spans, seen_words = [], set(), set(), []
    for s in event.sentences:
        norm = " ".join(words(s.text))
        claim = s.kind not in STRUCTURAL
        spans = {(e.source, e.start, e.end) for e in s.evidence[:1]} if claim else set()
        mine = _content(s.core or s.text, outlets) if claim else set()
        if norm in texts or spans & seen_spans or any(
                len(mine & w) / max(1, min(len(mine), len(w))) >= REPEAT_OVERLAP for w in seen_words if mine and w):
            out.append(s.text)
        texts.add(norm)
        seen_spans |= spans
        if mine:
            seen_words.append(mine)
    return out


def is_junk(s: SummarySentence, articles: dict[str, Article]) -> bool:
    """Page junk behind a sentence: evidence outside the article body and headline (a party
    quoted only in the headline has that as evidence), or a line that is an appeal, a caption,
    a credit or a bare dateline (a short line is junk unless it is a quotation or a sentence of
    one: "We fight on." and '"Let them halt.' are a party's words)."""
    for e in s.evidence:
        a = articles.get(e.source)
        body = ((a.body or [(0, len(a.text))]) + a.headline_spans()) if a else []
        if a is None or not any(b <= e.start and e.end <= f for b, f in body):
            return True
        if any(p.search(e.text) for p in JUNK_LINE) or PHOTO_CREDIT.search(e.text) or CAPTION.search(e.text):
            return True
        if len(words(DATELINE_STUB.sub("", e.text))) < 5 and not WHOLE_QUOTE.match(e.text):
            return True
    return len(words(s.text)) < 5


def offsets_valid(s: SummarySentence, articles: dict[str, Article]) -> bool:
    """Sources named, evidence present, every span indexing its article's text, every evidence's outlet a source."""
    if not s.sources or not s.evidence:
        return False
    for e in s.evidence:
        a = articles.get(e.source)
        if a is None or not 0 <= e.start < e.end <= len(a.text) or a.text[e.start:e.end] != e.text:
            return False
        if e.outlet not in s.sources:
            return False
    return True


def event_checks(events: list[EventSummary], articles: list[Article], gold_event: dict[str, str],
                 gold_parties: dict[str, list], gold_outlet: dict[str, str]) -> dict[str, float]:
    """All event-level numbers for one labelled collection.

    ``gold_event``: article source -> event id; ``gold_parties``: event id -> gold parties (dicts
    with name, aliases, stance); ``gold_outlet``: article source -> the outlet the summary should name.
    """
    by_source = {a.source: a for a in articles}
    sentences = [s for e in events for s in e.sentences]
    scores = grouping_scores([[a["source"] for a in e.articles] for e in events], gold_event)
    scores["events"] = float(len(events))
    scores["sentences_per_event"] = len(sentences) / len(events) if events else 0.0
    scores["max_sentences"] = float(max((len(e.sentences) for e in events), default=0))
    scores["repeated_sentences"] = float(sum(len(repeated(e)) for e in events))
    texts = [a.text for a in articles]
    spans = [q for s in sentences for q in quoted_spans(s.text)]
    scores["quotes"] = float(len(spans))
    scores["quote_verbatim_rate"] = quote_verbatim_rate(EventSummary("all", "", [], sentences, []), texts)
    scores["junk_sentences"] = float(sum(is_junk(s, by_source) for s in sentences))
    scores["offsets_valid_rate"] = (sum(offsets_valid(s, by_source) for s in sentences) / len(sentences)
                                    if sentences else 1.0)
    named = covered = 0
    for event_id, parties in gold_parties.items():
        members = {s for s, e in gold_event.items() if e == event_id}
        if len(members) < 2 or not parties:
            continue
        best = max(events, key=lambda e: len(members & {a["source"] for a in e.articles}), default=None)
        for party in parties:
            cov = party_coverage(best, [party]) if best else {"party_coverage": 0.0, "stance_coverage": 0.0}
            named += 1
            covered += cov["party_coverage"] == 1.0 and cov["stance_coverage"] == 1.0
    scores["multi_event_parties"] = float(named)
    scores["multi_event_party_coverage"] = covered / named if named else 1.0
    outlets = {a["source"]: a["outlet"] for e in events for a in e.articles}
    known = [s for s in gold_outlet if gold_outlet[s]]
    scores["outlet_accuracy"] = (sum(normalise_quotes(outlets.get(s, "")) == gold_outlet[s] for s in known) / len(known)
                                 if known else 1.0)
    return scores
