"""Party names: normalising, surnames and the strings that refer to a party, in one place.

Extraction, aggregation across articles, the classifier input, the summary and the
metrics all ask "is this the same party?" and "where is this party named?"; they ask it
here, so a change to the rules (possessives, titles, pronouns) changes them all at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

PRONOUNS = frozenset("i me my he him his she her hers it its they them their we our us".split())
TITLES = frozenset(
    "mr mrs ms dr sir president prime minister general gen marshal colonel lieutenant commander "
    "sheikh bishop father secretary foreign defence defense interior chief".split()
)
POSSESSIVE = re.compile(r"(’s|'s)$")
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
ORG_WORD = re.compile(  # a word that makes a name a body's, not a person's
    r"^(front|army|council|party|alliance|coalition|government|union|movement|forces|ministry|"
    r"community|conference|organi[sz]ation|nations|states|league|command|office|committee|"
    r"agency|institute|university|bank|group|mission|court|assembly|parliament|"
    r"synod|chamber|diocese|association|cooperative|co-operative|federation|commission|forum|guild|bloc|junta|militia|brigades|"
    r"concord|convention|pact|secretariat)$",
    re.IGNORECASE,
)


def strip_possessive(text: str) -> str:
    """"Putin's" -> "Putin" (a trailing possessive only)."""
    return POSSESSIVE.sub("", text)


def bare_name(text: str) -> str:
    """A name as written, without surrounding quotes or punctuation or a possessive:
    "“Putin’s" -> "Putin", "the rebels'" -> "the rebels"."""
    return strip_possessive(text.strip(" ,.;:\"“”‘’'")).strip(" ’'")


@lru_cache(maxsize=1 << 16)  # the same names are compared again and again across a batch
def normalise(text: str) -> str:
    """Case, accents, possessives, parentheses and a leading article folded away, for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(’s|'s)\b", "", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = LEADING_ARTICLE.sub("", text.strip())
    return " ".join(re.findall(r"[a-z0-9-]+", text))


COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())


def is_proper(alias: str) -> bool:
    """An alias that names something (a capitalised word past any article and count: "the five
    Sere Pact states"), not a pronoun or epithet."""
    words = LEADING_ARTICLE.sub("", alias.strip()).split()
    if len(words) > 1 and (words[0].isdigit() or words[0].lower() in COUNT_WORDS):
        words = words[1:]
    return bool(words) and words[0][:1].isupper() and alias.strip().lower() not in PRONOUNS


def name_words(name: str) -> list[str]:
    """A personal name's words, normalised, without titles: "Gen. Anna Korr's" -> ["anna", "korr"]."""
    return [w for w in normalise(bare_name(name)).split() if w not in TITLES and w != "gen"]


@lru_cache(maxsize=1 << 16)
def surname(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in TITLES]
    return words[-1] if words else ""


def first_name(name: str) -> str:
    """A personal name's first word when the name has one besides the surname ("" for "Minister Voss")."""
    words = name_words(name)
    return words[0] if len(words) >= 2 else ""


def same_person(a: str, b: str) -> bool:
    """Two names of one person: the same surname, and no two different first names
    ("Anna Petrenko" and "Ivan Petrenko" are brothers; "Petrenko" may be either)."""
    fa, fb = first_name(a), first_name(b)
    return surname(a) == surname(b) and (not fa or not fb or fa == fb)


def looks_personal(name: str) -> bool:
    """A personal name: 2-5 capitalised words, no 'of', no organisation words."""
    words = re.sub(r"\([^)]*\)", "", name).split()
    if not 2 <= len(words) <= 5 or any(w.lower() in ("of", "for", "and", "the") for w in words):
        return False
    return all(w[:1].isupper() for w in words) and not any(ORG_WORD.match(w) for w in words)


GOVERNMENT_OF = re.compile(r"^(?:[Tt]he\s+)?(?:[a-z]+\s+)?(?:government|authorities|presidency)\s+(?:in|of)\s+([A-Z].*)$"
                           r"|^([A-Z][^']*?)['’]s\s+(?:[a-z]+\s+)?(?:government|presidency)$")


def proper_names(name: str, aliases: list[str]) -> set[str]:
    """Normalised name and proper-name aliases: the strings that identify a party unambiguously.
    A government named by its place ("the government in Djibouti", "Pallune's federal
    government", "Guinea-Bissau's presidency") is also that place's name (data/GUIDELINES.md 2.3: one party)."""
    forms = [name, *(a for a in aliases if is_proper(a))]
    places = [m.group(1) or m.group(2) for f in forms if (m := GOVERNMENT_OF.match(f.strip()))]
    names = {normalise(f) for f in forms + places}
    return {n for n in names if n and n not in PRONOUNS}


def mention_names(party: str, aliases: list[str]) -> list[str]:
    """Strings that refer to the party in text: name, aliases and surname; never bare pronouns.

    Longest first so that a regex alternation prefers "Vladimir Putin" to "Putin"; ties
    by name, never by set order, so the result does not depend on string hashing.
    """
    names = {party.strip(), *(a.strip() for a in aliases)}
    words = party.split()
    if len(words) > 1 and words[-1][:1].isupper():
        names.add(strip_possessive(words[-1]))
    names = {n for n in names if n and n.lower() not in PRONOUNS}
    return sorted(names, key=lambda n: (-len(n), n))


def mention_pattern(party: str, aliases: list[str]) -> re.Pattern | None:
    """A case-insensitive pattern for any of :func:`mention_names`, on word boundaries."""
    return _mention_pattern(party, tuple(aliases))


@lru_cache(maxsize=4096)  # more parties than re's own cache holds: a batch recompiled them per statement
def _mention_pattern(party: str, aliases: tuple[str, ...]) -> re.Pattern | None:
    names = mention_names(party, list(aliases))
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


@dataclass
class NamedParty:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    speaks_for: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    obj: object = None


def coerce_party(item) -> NamedParty:
    """Accept a Party, a PartyStance, a (Party, statements) pair, a GoldParty or a JSON party dict."""
    evidence: list[tuple[int, int]] = []
    obj = item
    if isinstance(item, tuple):
        party, statements = item
        evidence = [(s.start, s.end) for s in statements if getattr(s, "relevant", True)]
        item = party
    elif hasattr(item, "party") and hasattr(item, "evidence"):
        evidence = [(e.start, e.end) for e in item.evidence]
        item = item.party
    if isinstance(item, dict):
        ev = [(e["start"], e["end"]) for e in item.get("evidence", []) if isinstance(e, dict)]
        return NamedParty(item["name"], list(item.get("aliases", [])), item.get("kind", ""), item.get("speaks_for"), ev or evidence, obj)
    ev = getattr(item, "evidence", None)
    if ev and not evidence and not isinstance(ev[0], str):
        evidence = [(e.start, e.end) for e in ev if e.start >= 0]
    return NamedParty(item.name, list(getattr(item, "aliases", []) or []), getattr(item, "kind", "") or "",
                      getattr(item, "speaks_for", None), evidence, obj)


def _proper(p: NamedParty) -> set[str]:
    return proper_names(p.name, p.aliases)


def _members(name: str) -> frozenset[str]:
    """The named members of a joint party ("The Council of Northern States, the Arctic Rim Forum and
    the three neighbouring governments" -> council of northern states, arctic rim forum)."""
    parts = [x for x in re.split(r",\s*(?:and\s+)?|\s+and\s+", re.sub(r"\([^)]*\)", " ", name)) if x.strip()]
    return frozenset(normalise(x) for x in parts if is_proper(x)) if len(parts) > 1 else frozenset()


RELATIVE = re.compile(r"\s+(that|which|who|whose)\s.*$")  # "... the four other states that border the Gap"


def _same_members(pred: NamedParty, gold: NamedParty) -> bool:
    """Two names of one joint party: the same two or more named members, however the rest is worded."""
    members = _members(pred.name)
    return len(members) >= 2 and members == _members(gold.name)


def _is_person(p: NamedParty) -> bool:
    return p.kind == "person" if p.kind else looks_personal(p.name)


def _surname_match(pred: NamedParty, gold: NamedParty) -> bool:
    if not (_is_person(pred) and looks_personal(gold.name)):
        return False
    return surname(pred.name) == surname(gold.name) or surname(pred.name) in _proper(gold)


def _body_match(pred: NamedParty, gold: NamedParty) -> bool:
    """A named spokesperson's predicted party against a gold party that is their body."""
    if not pred.speaks_for or looks_personal(gold.name):
        return False
    body = normalise(pred.speaks_for)
    return bool(body) and (body in _proper(gold) or any(body == n or body in n.split(" ") for n in _proper(gold)))


def match_parties(pred: list, gold: list) -> list[tuple[object, object]]:
    """One-to-one (predicted, gold) pairs for one article, strongest evidence of identity first.

    A predicted party matches a gold party on the full name (a gold name's relative clause
    optional: the extractor names a phrase up to it), then a shared proper-name
    alias, then the named members of a joint party, then the surname (people), then a named
    spokesperson against their body.
    """
    preds = [coerce_party(p) for p in pred]
    golds = list(gold)
    gps = [coerce_party(g) for g in golds]
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    rules = (
        lambda p, g: normalise(p.name) in (normalise(g.name), normalise(RELATIVE.sub("", g.name))),
        lambda p, g: bool(_proper(p) & _proper(g)),
        _same_members,
        _surname_match,
        _body_match,
    )
    for rule in rules:
        for i, p in enumerate(preds):
            if i in used_p:
                continue
            for j, g in enumerate(gps):
                if j not in used_g and rule(p, g):
                    pairs.append((i, j))
                    used_p.add(i)
                    used_g.add(j)
                    break
    return [(pred[i], golds[j]) for i, j in sorted(pairs)]
