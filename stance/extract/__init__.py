"""Who said what: parties and their ceasefire-relevant statements in one article.

A party is kept when at least one of its statements is relevant (about a ceasefire,
truce or talks toward a halt); a statement with no such word of its own is relevant
when the same party's statement in its paragraph is. A body whose named spokesperson
also speaks is represented by them (data/GUIDELINES.md 2.2).
"""

from __future__ import annotations

import re

from stance.extract.entities import Entity, EntityIndex
from stance.extract.lexicon import IRRELEVANT, NON_POSITION
from stance.extract.statements import extract_statements
from stance.types import Article, Party, Statement


def to_party(ent: Entity) -> Party:
    aliases = sorted(a for a in ent.aliases if a.lower() != ent.name.lower())
    return Party(name=ent.name, role=ent.role, aliases=aliases, kind=ent.kind, speaks_for=ent.speaks_for)


SUB_UNIT = re.compile(r"\b(ministry|office|presidency|department|army|military|police)\b", re.I)


def _context_relevance(statements: list[Statement], paragraphs: list[tuple[int, int]]) -> None:
    """A party's statement that carries no ceasefire word of its own ("Until that day, we
    fight.") is relevant when the same party's statement in its paragraph is."""
    def para(st: Statement) -> int:
        return next((i for i, (a, b) in enumerate(paragraphs) if a <= st.start < b), -1)

    hot = {para(s) for s in statements if s.relevant}
    for st in statements:
        if not st.relevant and para(st) in hot and not (NON_POSITION.search(st.text) or IRRELEVANT.search(st.text)):
            st.relevant = True


def _speaks_for_body(person: Entity, body: Entity) -> bool:
    said = (person.speaks_for or "").lower()
    if not said:
        return False
    names = [body.name.lower(), *(a.lower() for a in body.aliases if a[:1].isupper())]
    head = said.split()[-1]
    initials = "".join(w[0] for w in body.name.split() if w.lower() not in ("of", "the", "and", "for")).lower()
    acronym = said.replace("the ", "").strip()
    if len(acronym) >= 3 and " " not in acronym and len(initials) >= 3 and initials.startswith(acronym):
        return True
    said = re.sub(r"^(the|a|an)\s+", "", said)
    return any(re.search(rf"\b{re.escape(n)}\b", said) or re.search(rf"\b{re.escape(said)}\b", n) or head in n.split()
               for n in (re.sub(r"^(the|a|an)\s+", "", x) for x in names) if len(n) > 2)


def _fold_into_spokespeople(grouped: dict) -> None:
    """A body whose named spokesperson also speaks in the article is represented by them
    (guideline 2.2): the body's own statements join the spokesperson's."""
    people = [ent for ent, _ in grouped.values() if ent.kind == "person" and ent.speaks_for]
    for key, (ent, sts) in list(grouped.items()):
        if ent.kind == "person":
            continue
        for person in people:
            if ent.kind == "government" and SUB_UNIT.search(person.speaks_for or ""):
                continue
            if _speaks_for_body(person, ent):
                grouped[id(person)][1].extend(sts)
                del grouped[key]
                break


def extract(article: Article, parsed) -> list[tuple[Party, list[Statement]]]:
    """Parties with at least one relevant statement, in order of first statement."""
    index = EntityIndex(parsed, outlet=article.outlet)
    paragraphs = [(offset, offset + len(doc.text)) for offset, doc in parsed]
    grouped: dict[int, tuple[Entity, list[Statement]]] = {}
    for ent, st in extract_statements(parsed, index):
        if ent.is_source or ent.is_commentator:
            continue
        grouped.setdefault(id(ent), (ent, []))[1].append(st)
    _fold_into_spokespeople(grouped)
    out = []
    for ent, sts in grouped.values():
        seen, unique = set(), []
        for st in sorted(sts, key=lambda s: s.start):
            if (st.start, st.end) not in seen:
                seen.add((st.start, st.end))
                unique.append(st)
        _context_relevance(unique, paragraphs)
        if any(s.relevant for s in unique):
            out.append((to_party(ent), unique))
    return out


__all__ = ["extract"]
