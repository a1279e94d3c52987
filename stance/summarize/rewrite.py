"""The LLM mode: a model rewrites the extractive summary, and the gate keeps only what the sources back.

The model sees only attributed source sentences and is asked to add nothing; small
models add things anyway, so every generated sentence goes through the gate. The
extractive sentence of each party stays whatever the model wrote (every party with a
stance appears, with the same space), and so do the report and the hedges unless a
kept sentence rests on the same source sentence (provenance and "could not verify"
must survive).
"""

from __future__ import annotations

import re
from typing import Protocol

from stance.summarize.gate import Embedder, SourcePool, check
from stance.types import Dropped, EventSummary, SummarySentence
from stance.summarize.text import split_sentences

PROMPT = """Rewrite the facts below as a short neutral news summary.
Keep every "According to ..." attribution and every quotation exactly. Add no facts, names, numbers or opinions.

Facts:
{facts}

Summary:"""
GENERATED_KINDS = ("report", "hedge", "position")


class Generator(Protocol):
    """Anything that turns a prompt into text (stance.llm backends satisfy this)."""

    def generate(self, prompt: str) -> str: ...


def build_prompt(event: EventSummary) -> str:
    facts = "\n".join(f"- {s.text}" for s in event.sentences if s.kind in GENERATED_KINDS)
    return PROMPT.format(facts=facts)


def generated_sentences(output: str) -> list[str]:
    """Sentences of a model's answer, without list markers or an echoed prompt."""
    if "Summary:" in output:
        output = output.split("Summary:")[-1]
    out = []
    for line in output.splitlines():
        line = re.sub(r"^\s*([-*•]|\d+[.)])\s+", "", line).strip()
        if line:
            out.extend(t for _, _, t in split_sentences(line))
    return out


def rewrite_event(event: EventSummary, pool: SourcePool, generator: Generator,
                  embedder: Embedder | None = None, stance_of=None) -> EventSummary:
    """The event with its claim sentences replaced by the gated rewrite."""
    kept: list[SummarySentence] = []
    dropped: list[Dropped] = []
    stances = {p.party: p.stance for p in event.positions}
    for text in generated_sentences(generator.generate(build_prompt(event))):
        verdict = check(text, pool, embedder, stances=stances, stance_of=stance_of)
        if not verdict.ok:
            dropped.append(Dropped(text=text, reasons=verdict.reasons, support=verdict.support))
            continue
        named = [o for o in pool.outlets if o in text]
        sources = list(dict.fromkeys([o for o in named if o in {e.outlet for e in pool.sentences}]
                                     + [e.outlet for e in verdict.evidence[:1]]))
        kept.append(SummarySentence(text=text, sources=sources, evidence=verdict.evidence, support=verdict.support,
                                    kind="rewrite"))
    covered = {(e.source, e.start) for k in kept for e in k.evidence[:1]}
    fallback = [s for s in event.sentences
                if s.kind == "position"
                or (s.kind in ("report", "hedge") and not any((e.source, e.start) in covered for e in s.evidence))]
    structural = [s for s in event.sentences if s.kind not in GENERATED_KINDS]
    return EventSummary(id=event.id, title=event.title, articles=event.articles,
                        sentences=kept + fallback + structural, positions=event.positions,
                        dropped=event.dropped + dropped, mode="rewrite")
