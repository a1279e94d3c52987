"""A person's role as the article writes it, and the body a spokesperson speaks for.

Roles come from title words before a name ("Kremlin spokesman Dmitry Peskov") or an
apposition ("Arben Hoti, the front's spokesman"); a spokesperson's role names the body
("spokesman for the front"), which they then represent (data/GUIDELINES.md 2.2).
"""

from __future__ import annotations

import re

from stance.extract.entities import Entity
from stance.extract.lexicon import SPOKES, SUB_UNIT, WEEKDAYS
from stance.names import LEADING_ARTICLE, strip_possessive

CONNECTORS = ("of", "and", "for", "-")


def left_title(doc, ent) -> str:
    """Title words written before a name: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov'."""
    i = ent.start - 1
    sent_start = ent.sent.start
    while i >= sent_start:
        tok = doc[i]
        if tok.ent_type_ in ("PERSON", "DATE", "TIME") or tok.lower_ in WEEKDAYS or tok.pos_ in ("DET", "VERB", "AUX", "PRON", "NUM", "SCONJ"):
            break
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") or (tok.lower_ in ("of", "and", "&", "-", "for") and i > sent_start):
            i -= 1
            continue
        if tok.text == "." and i > sent_start and len(doc[i - 1].text) <= 2:
            i -= 1
            continue
        break
    text = doc[i + 1 : ent.start].text.strip()
    while text.split() and text.split()[0].lower() in CONNECTORS:
        text = text.split(" ", 1)[1] if " " in text else ""
    return text


def appositive(ent) -> str:
    """The role in apposition after a name: 'the front's spokesman' in 'Arben Hoti, the front's spokesman'
    (a relative clause after it, ', who is known as ...', is no part of the role)."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i > ent.end - 1:
            clause = {x.i for c in child.children if c.dep_ in ("relcl", "acl") and c.i > child.i for x in c.subtree}
            toks = [t for t in child.subtree if t.i not in clause
                    and (t.dep_ != "punct" or t.i not in (child.left_edge.i, child.right_edge.i))]
            text = " ".join(t.text for t in toks)
            return LEADING_ARTICLE.sub("", text).replace(" ,", ",").strip(" ,")
    return ""


def head_role(ent) -> str:
    """The role a name stands in apposition to: 'the front's spokesman' in 'the front's spokesman, Arben Hoti'."""
    if ent.root.dep_ != "appos" or ent.root.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return ""
    head = ent.root.head
    return LEADING_ARTICLE.sub("", head.doc[head.left_edge.i : head.i + 1].text).replace(" 's", "'s")


def speaks_for(role: str) -> str | None:
    """The body in "spokesman for the front", "the front's spokeswoman", "Kremlin spokesman"."""
    m = SPOKES.search(role)
    if not m:
        return None
    after = re.match(r"\s*(?:for|of|at)\s+(.+)", role[m.end():])
    if after:
        body = after.group(1)
    else:
        body = strip_possessive(role[: m.start()].rstrip()).strip()
        body = re.sub(r"^(a|an|the|its|his|her|their)\s+", "", body, flags=re.I)
        body = re.sub(r"\s*\b(chief|senior|deputy|official|main|top|press|political)\b", "", body, flags=re.I).strip()
    body = body.split(",")[0].strip(" ,")  # "for the Alliance, the coalition that ...": the name only
    return body if body and body.lower() not in ("its", "his", "her", "their") else None


def speaks_for_body(person: Entity, body: Entity) -> bool:
    """Whether the body a person speaks for is this entity: by name, alias, head word or acronym."""
    said = (person.speaks_for or "").lower()
    if not said:
        return False
    names = [body.name.lower(), *(a.lower() for a in body.aliases if a[:1].isupper())]
    head = said.split()[-1]
    initials = "".join(w[0] for w in body.name.split() if w.lower() not in ("of", "the", "and", "for")).lower()
    acronym = said.replace("the ", "").strip()
    if len(acronym) >= 3 and " " not in acronym and len(initials) >= 3 and initials.startswith(acronym):
        return True
    said = LEADING_ARTICLE.sub("", said)
    # "the federal government" names the government; "the Alliance Fleuve Congo" does not name Congo's
    by_head = body.kind != "government" or not re.search(r"\b[A-Z]", LEADING_ARTICLE.sub("", person.speaks_for or ""))
    return any(re.search(rf"\b{re.escape(n)}\b", said) or re.search(rf"\b{re.escape(said)}\b", n) or (by_head and head in n.split())
               for n in (LEADING_ARTICLE.sub("", x) for x in names) if len(n) > 2)


def acronym_of(short: str, name: str) -> bool:
    """'NDF' for 'National Democratic Front of the Philippines'."""
    initials = "".join(w[0] for w in name.split() if w.lower() not in ("of", "the", "and", "for")).lower()
    return len(short) >= 2 and short.isupper() and initials.startswith(short.lower())


def fold_into_spokespeople(grouped: dict[int, tuple[Entity, list]], named=lambda name: None) -> None:
    """A body whose named spokesperson also speaks in the article is represented by them
    (guideline 2.2): the body's own statements join the spokesperson's. ``named`` finds
    the organisation a spokesperson's body names exactly; they speak for no other body."""
    people = [ent for ent, _ in grouped.values() if ent.kind == "person" and ent.speaks_for]
    for key, (ent, sts) in list(grouped.items()):
        if ent.kind == "person":
            continue
        for person in people:
            if ent.kind == "government" and SUB_UNIT.search(person.speaks_for or ""):
                continue
            other = named(person.speaks_for)
            if other is not None and other is not ent and not acronym_of(other.name, ent.name):
                continue
            if speaks_for_body(person, ent):
                grouped[id(person)][1].extend(sts)
                del grouped[key]
                break
