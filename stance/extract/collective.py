"""Collective parties: several bodies that speak together are one party, named as the article names it.

"The African Union, the EU and neighbouring states urged a halt", "European leaders
said", "the troika of Norway, Britain and the US" (issue 16). The words that make a
collective speaker are data (resources/collectives.yaml); the rule reads the parse:
a coordinated subject of bodies or places, or a plural head such as "leaders" or
"bishops" that a name, a place or a regional word qualifies. People named together
("Putin and Zelensky") stay separate parties, and so does one country's leadership
("Israeli leaders" is Israel's government).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from stance.extract.entities import Entity, Registry
from stance.extract.lexicon import country_of
from stance.names import ORG_WORD, normalise

BODY_LABELS = ("GPE", "ORG", "NORP", "LOC")
GOVERNMENT_HEADS = frozenset("leader minister government official".split())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(resources.files("stance.resources").joinpath("collectives.yaml").read_text("utf-8"))
    return {k: frozenset(w.lower() for w in v) for k, v in data.items()}


def listed(tok) -> bool:
    """A coordinated list the parser took for an apposition: "A, B and C" with B as appos of A."""
    return tok.dep_ == "appos" and any(c.dep_ == "conj" for c in tok.children) and any(c.dep_ == "cc" for c in tok.children)


def _name_end(head):
    """The last token of the organisation name a head begins ("Unity" in "Organisation of African
    Unity"), where the parser hangs the bodies listed after the name."""
    span = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ == "ORG"), None)
    return head.doc[span.end - 1] if span is not None and span.end - 1 > head.i else None


def conjuncts(head) -> list:
    """The head and every token coordinated with it ("A, B and C"), also when the parser
    coordinated B with the end of A's name ("The Organisation of African Unity, Mali and ...")."""
    out, todo = [], [head]
    end = _name_end(head)
    limit = head.head.i if head.head.i > head.i else len(head.doc)  # a subject's list ends at its verb
    if end is not None:
        todo.extend(c for c in end.children if c.i > end.i and (c.dep_ == "conj" or listed(c)))
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo.extend(c for c in tok.children if (c.dep_ == "conj" or listed(c)) and c.i < limit)
    return sorted(out, key=lambda t: t.i)


def _label(tok) -> str:
    return tok.ent_type_ if tok.ent_type_ else ""


def _is_body(tok) -> bool:
    """A conjunct that names a body or a place, or a common noun for bodies ("neighbouring states")."""
    if tok.pos_ == "PRON":
        return False
    if country_of(tok.text):
        return True  # 'Mali', though the tagger took it for a person
    if _label(tok) == "PERSON":  # 'the Kachin Baptist Convention', 'The Pellucid Compact', tagged a person
        return bool(ORG_WORD.match(tok.text)) or any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    return _label(tok) in BODY_LABELS or (tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS")) or (
        tok.pos_ == "PROPN" and _label(tok) != "PERSON") or (
        tok.pos_ == "NOUN" and any(c.dep_ == "compound" and _label(c) == "ORG" for c in tok.children))  # 'the UN mission'


def _body_noun(tok) -> bool:
    """A common noun for one body ("the Catholic diocese of Myitkyina", "a group of elders") or
    some of a plural, a member of a list only beside a named body: "the army and the government"
    stay apart."""
    return tok.pos_ == "NOUN" and bool(ORG_WORD.match(tok.text)) or _counted(tok)


def _counted(tok) -> bool:
    """Some of a plural ("three of the two countries' neighbours"): bodies beside a named one,
    never on their own ("villagers and two of her own officers" are people)."""
    return tok.pos_ == "NUM" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
        p.dep_ == "pobj" and p.tag_ in ("NNS", "NNPS") for p in c.children) for c in tok.children)


def _qualified(head, reg: Registry) -> bool:
    """A plural head qualified by a name, a place or a regional word, and not one country's leadership."""
    words = lexicon()
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    named = [m for m in mods if m.text[:1].isupper() or m.lower_ in words["qualifiers"]
             or (m.dep_ == "poss" and m.tag_ == "NNS")]  # "the fishermen's unions"
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):  # 'of the three coastal provinces'
        named += [p for p in prep.children if p.dep_ == "pobj" and (p.tag_ in ("NNS", "NNPS", "NNP") and (
            p.text[:1].isupper() or any(m.dep_ in ("compound", "amod", "nummod") for m in p.children))
            or any(m.dep_ in ("compound", "amod") and m.text[:1].isupper() for m in p.children))]  # 'of the Hollinmoor opposition bloc'
    if not named:
        return False
    countries = {reg.country_of(m.text) for m in named if m.text[:1].isupper()}
    one_country = len(countries) == 1 and None not in countries and len(named) == 1
    return not (one_country and head.lemma_.lower() in GOVERNMENT_HEADS)


def _gathering(head) -> bool:
    """'a coalition of 14 opposition parties', 'a committee of camp elders': a common noun that
    gathers a plural (never part of a name: 'the Council of Elders' is an organisation)."""
    return (head.lemma_.lower() in lexicon()["gathering_nouns"] and head.pos_ == "NOUN" and not head.ent_type_
            and any(p.dep_ == "pobj" and p.tag_ == "NNS" for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children))


def bracketed(tok) -> bool:
    """An acronym in brackets after a name: 'the Coastal Union (CU)'."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == "(" and tok.text.isupper()


def phrase(head) -> str:
    """The noun phrase as written, up to its first relative clause or apposition (a bracketed
    acronym is kept: "The Coastal Union (CU), the Northern League (NL) and ...", and so is a
    listed apposition), and before a range of members (", from the X on the right to ...")."""
    dropped = {x.i for t in head.subtree for c in t.children
               if c.dep_ in ("relcl", "acl", "appos") and not listed(c) and not bracketed(c)
               or c.dep_ == "prep" and c.lower_ == "from" and c.doc[c.i - 1].text == ","  # ', from the X on the right to ...'
               for x in c.subtree}
    toks = list(head.subtree)
    end = next((t.i for t in toks if t.i in dropped), toks[-1].i + 1)
    return head.doc[toks[0].i : end].text.strip(" ,.;:—–-")


def leading_items(head) -> str:
    """List items the parser cut off before a coordinated subject: in "ECOWAS, the United
    Nations and the United States urged ...", "ECOWAS" hangs from the verb."""
    doc, start, items = head.doc, head.left_edge.i, []
    while start >= 2 and doc[start - 1].text == "," and _is_body(doc[start - 2]) and doc[start - 2].dep_ != "conj":
        first = start - 2
        while first > doc[start - 2].sent.start and doc[first - 1].pos_ == "PROPN" and _label(doc[first - 1]) != "PERSON":
            first -= 1
        items.insert(0, doc[first : start].text)
        start = first
    return " ".join(items)


def collective_speaker(head, reg: Registry) -> Entity | None:
    """The collective party a noun phrase (given by its head) names, or None."""
    words = lexicon()
    if any(c.dep_ == "det" and c.lower_ in words["excluded_determiners"] or c.dep_ == "poss" and c.lower_ in ("its", "their")
           for c in head.children):
        return None  # 'both leaders', 'their foreign ministers': people of the body named before, not a new collective
    if head.lemma_.lower() in words["handful_heads"] and any(
            " ".join(t.lower_ for t in c.subtree) in words["handful"] for c in head.children if c.i < head.i):
        return None  # 'two opposition lawmakers said the general had told them': a source
    parts = conjuncts(head)
    lemma = head.lemma_.lower()
    if any(t.lower_ in ("both", "each") and t.head.i in (head.i, head.head.i) for t in head.doc[head.i : head.head.i + 2]):
        return None  # 'the presidents of Georgia and Russia both said': each speaks for himself
    if len(parts) >= 2:
        named = any(_label(t) in BODY_LABELS for t in parts)
        if not all(_is_body(t) or (named and _body_noun(t)) for t in parts):
            return None
        if any(c.dep_ == "cc" and c.lower_ == "or" for t in parts for c in t.children):
            return None  # "the New Forces, or FN": one body and its acronym
    elif lemma in words["group_nouns"]:
        if not _qualified(head, reg):
            return _the_group(head, reg)
    elif not (lemma in words["heads"] and head.tag_ in ("NNS", "NNPS") and _qualified(head, reg) or _gathering(head)):
        return None
    name = (leading_items(head) + " " if len(parts) >= 2 else "") + phrase(head)
    name = name.strip()
    return named_before(reg, name) or reg.get("c:" + normalise(name), name, "organisation")


def _the_group(head, reg: Registry) -> Entity | None:
    """'The troika proposed ...': the one troika of the article, named by its fullest mention
    ("the European Community's troika"), else as written."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    owner = re.search(rf"((?:[A-Z][\w-]+ )*[A-Z][\w-]+['’]s) {head.lower_}\b", reg.body)
    name = f"{owner.group(1)} {head.lower_}" if owner else f"the {head.lower_}"
    return named_before(reg, name) or reg.get("c:" + normalise(name), name, "organisation")


def named_before(reg: Registry, name: str) -> Entity | None:
    """The one collective already named whose full name ends with this shorter mention
    ("the guarantor states", "the Contact Group" after "A, B and the other guarantor states
    of the accord", "... the other members of the Contact Group")."""
    short = normalise(name)
    if len(parts := short.split()) < 2:
        return None
    found = [e for key, e in reg.by_key.items() if key.startswith("c:") and key != "c:" + short
             and (f" {short} " in f" {key[2:]} " and len(key[2:].split()) > len(parts) + 2)]
    if len(found) == 1:
        found[0].add_alias(name)
        return found[0]
    return None
