"""Who said what: parties and their ceasefire-relevant statements in one article.

The stage, in order: register the entities the article names (collect), attribute
each body sentence to the entity whose position it carries (statements, which resolves
speaker phrases with resolve) and a headline quoting a party to that party (headline), drop sources and commentators, let a named spokesperson
represent their body (roles, data/GUIDELINES.md 2.2), and keep the parties with at
least one relevant statement (relevance); an aid agency or monitor is kept only when it
calls for a halt itself (guideline 9).
"""

from __future__ import annotations

from stance.extract.collect import collect_entities
from stance.extract.entities import Entity
from stance.extract.governments import name_governments
from stance.extract.headline import headline_statements
from stance.extract.lexicon import CALL_FOR_HALT
from stance.extract.relevance import context_relevance, learned_relevance, relevant
from stance.extract.roles import fold_into_spokespeople
from stance.extract.statements import extract_statements
from stance.types import Article, Party, Statement


def to_party(ent: Entity) -> Party:
    aliases = sorted(a for a in ent.aliases if a.lower() != ent.name.lower())
    return Party(name=ent.name, role=ent.role, aliases=aliases, kind=ent.kind, speaks_for=ent.speaks_for)


def _by_party(attributed: list[tuple[Entity, Statement]]) -> dict[int, tuple[Entity, list[Statement]]]:
    """Statements grouped by entity, in order of first statement; sources and commentators are never parties."""
    grouped: dict[int, tuple[Entity, list[Statement]]] = {}
    for ent, st in attributed:
        if not (ent.is_source or ent.is_commentator):
            grouped.setdefault(id(ent), (ent, []))[1].append(st)
    return grouped


def _unique(statements: list[Statement]) -> list[Statement]:
    """In text order, each sentence once."""
    seen, out = set(), []
    for st in sorted(statements, key=lambda s: s.start):
        if (st.start, st.end) not in seen:
            seen.add((st.start, st.end))
            out.append(st)
    return out


OWN_WORDS = frozenset({"direct_quote", "indirect_speech", "dash_colon", "reported_position"})  # not what a source says of it


def _is_party(ent: Entity, statements: list[Statement]) -> bool:
    """A relevant statement makes a party; an observer (aid agency, monitor) needs a call for a halt of its own."""
    relevant_texts = [s.text for s in statements if s.relevant]
    if ent.is_observer:
        return any(CALL_FOR_HALT.search(t) for t in relevant_texts)
    return bool(relevant_texts)


def extract(article: Article, parsed: list[tuple[int, object]], learned: bool = True) -> list[tuple[Party, list[Statement]]]:
    """Parties with at least one relevant statement, in order of first statement; ``learned=False``
    leaves relevance to the lexical rule alone (what the learned decision is trained on)."""
    registry = collect_entities(parsed, outlet=article.outlet)
    attributed = extract_statements(parsed, registry)
    grouped = _by_party(attributed + headline_statements(article, registry, [e for e, _ in attributed]))
    fold_into_spokespeople(grouped, registry.organisation)
    name_governments(registry)
    paragraphs = [(offset, offset + len(doc.text)) for offset, doc in parsed]
    out = []
    for ent, statements in grouped.values():
        statements = _unique(statements)
        context_relevance(statements, paragraphs)
        if learned:
            learned_relevance(statements)
        if any(s.relevant and s.form in OWN_WORDS for s in statements):
            statements = [s for s in statements if s.form != "headline"]  # the body says it; the headline only repeats
        if _is_party(ent, statements):
            out.append((to_party(ent), statements))
    return out


__all__ = ["extract", "relevant"]
