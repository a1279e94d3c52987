"""One summary per event: group the results, build the extractive summary, optionally rewrite and gate it.

    results -> group_events -> extractive summary per event -> (optional) LLM rewrite -> gate
"""

from __future__ import annotations

from stance.summarize.extractive import (
    agreement_sentences, carried, fit, hedge_sentences, lead_sentence, party_sentences,
)
from stance.summarize.gate import Embedder, SourcePool, check
from stance.summarize.grouping import group_events
from stance.types import Dropped, EventSummary, SourceSentence, SummarySentence
from stance.summarize.rewrite import Generator, rewrite_event
from stance.summarize.text import body_sentences, outlet_name, printed_date
from stance.types import ArticleResult, PartyInput

STRUCTURAL = ("agreement", "disagreement", "coverage", "stance")
DEFAULT_MAX_SENTENCES = 8


def stance_judge(classifier, min_confidence: float = 0.6):
    """A ``stance_of(party, sentence)`` function from a StanceClassifier (None when unsure),
    for picking evidence and for the gate's stance check. The pipeline passes the classifier
    that labelled the parties, so the summary and the party table never disagree."""
    def stance_of(party: str, text: str) -> str | None:
        probs = classifier.predict([PartyInput(party=party, role="", statements=[text])])[0]
        best = max(probs, key=probs.get) if probs else None
        return best if best and probs[best] >= min_confidence else None

    return stance_of


def source_pool(results: list[ArticleResult]) -> SourcePool:
    sentences = [SourceSentence(r.article.source, outlet_name(r.article), t, s, e)
                 for r in results for s, e, t in body_sentences(r.article)]
    bodies = [" ".join(r.article.text[s:e] for s, e in (r.article.body or [(0, len(r.article.text))]))
              for r in results]
    names = [outlet_name(r.article) for r in results] + [printed_date(r.article) for r in results]
    names += [x for r in results for ps in r.parties for x in (ps.party.name, ps.party.role, *ps.party.aliases)]
    return SourcePool(sentences, bodies, names)


def _gate_extractive(sentences: list[SummarySentence], pool: SourcePool) -> tuple[list, list]:
    kept, dropped = [], []
    for s in sentences:
        verdict = check(s.text, pool, None, core=s.core, claim=s.kind not in STRUCTURAL)
        if verdict.ok:
            s.support = verdict.support
            kept.append(s)
        else:
            dropped.append(Dropped(text=s.text, reasons=verdict.reasons, support=verdict.support))
    return kept, dropped


def summarize_event(results: list[ArticleResult], index: int = 1, stance_of=None,
                    max_sentences: int = DEFAULT_MAX_SENTENCES) -> EventSummary:
    """The extractive summary of one event (deterministic, no model), at most ``max_sentences`` long."""
    lead = lead_sentence(results)
    used = carried(lead) if lead else set()
    positions_s, positions, merged = party_sentences(results, stance_of, used)
    sentences = ([lead] if lead else []) + hedge_sentences(results, used) + positions_s \
        + agreement_sentences(merged, results)
    kept, dropped = _gate_extractive(sentences, source_pool(results))
    kept = fit(kept, max_sentences)
    title = next((r.article.title for r in results if r.article.title), "")
    articles = [{"source": r.article.source, "outlet": outlet_name(r.article), "title": r.article.title,
                 "date": r.article.date} for r in results]
    return EventSummary(id=f"event-{index}", title=title, articles=articles, sentences=kept,
                        positions=positions, dropped=dropped)


def summarize(results: list[ArticleResult], *, generator: Generator | None = None, embedder: Embedder | None = None,
              stance_of=None, threshold: float | None = None, max_days: int | None = None,
              max_sentences: int = DEFAULT_MAX_SENTENCES) -> list[EventSummary]:
    """One summary per event; with a ``generator`` the claims are rewritten and gated."""
    kwargs = {k: v for k, v in (("threshold", threshold), ("max_days", max_days)) if v is not None}
    groups = group_events([r.article for r in results], **kwargs) if results else []
    events = []
    for n, group in enumerate(groups, 1):
        members = [results[i] for i in group]
        event = summarize_event(members, n, stance_of, max_sentences)
        if generator is not None:
            event = rewrite_event(event, source_pool(members), generator, embedder, stance_of)
        events.append(event)
    return events
