"""Who said what: parties and their ceasefire-relevant statements in one article."""

from __future__ import annotations

from stance.extract.entities import Entity, EntityIndex
from stance.extract.statements import extract_statements
from stance.types import Article, Party, Statement


def to_party(ent: Entity) -> Party:
    aliases = sorted(a for a in ent.aliases if a.lower() != ent.name.lower())
    return Party(name=ent.name, role=ent.role, aliases=aliases, kind=ent.kind, speaks_for=ent.speaks_for)


def extract(article: Article, parsed) -> list[tuple[Party, list[Statement]]]:
    """Parties with at least one relevant statement, in order of first statement."""
    index = EntityIndex(parsed, outlet=article.outlet)
    grouped: dict[int, tuple[Entity, list[Statement]]] = {}
    for ent, st in extract_statements(parsed, index):
        if ent.is_source:
            continue
        grouped.setdefault(id(ent), (ent, []))[1].append(st)
    out = []
    for ent, sts in grouped.values():
        seen, unique = set(), []
        for st in sorted(sts, key=lambda s: s.start):
            if (st.start, st.end) not in seen:
                seen.add((st.start, st.end))
                unique.append(st)
        if any(s.relevant for s in unique):
            out.append((to_party(ent), unique))
    return out


__all__ = ["extract"]
