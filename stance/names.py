"""Party names: normalising, surnames and the strings that refer to a party, in one place.

Extraction, aggregation across articles, the classifier input, the summary and the
metrics all ask "is this the same party?" and "where is this party named?"; they ask it
here, so a change to the rules (possessives, titles, pronouns) changes them all at once.
"""

from __future__ import annotations

import re
import unicodedata

PRONOUNS = frozenset("i me my he him his she her hers it its they them their we our us".split())
TITLES = frozenset(
    "mr mrs ms dr sir president prime minister general gen marshal colonel lieutenant commander "
    "sheikh bishop father secretary foreign defence defense interior chief".split()
)
POSSESSIVE = re.compile(r"(’s|'s)$")
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
ORG_WORD = re.compile(r"^(front|army|council|party|alliance|coalition|government|union|movement|forces|ministry|"
                      r"community|conference|organization|organisation|nations|states|league|command|office)$", re.I)


def strip_possessive(text: str) -> str:
    """"Putin's" -> "Putin" (a trailing possessive only)."""
    return POSSESSIVE.sub("", text)


def bare_name(text: str) -> str:
    """A name as written, without surrounding quotes or punctuation or a possessive:
    "“Putin’s" -> "Putin", "the rebels'" -> "the rebels"."""
    return strip_possessive(text.strip(" ,.;:\"“”‘’'")).strip(" ’'")


def normalise(text: str) -> str:
    """Case, accents, possessives, parentheses and a leading article folded away, for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(’s|'s)\b", "", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = LEADING_ARTICLE.sub("", text.strip())
    return " ".join(re.findall(r"[a-z0-9-]+", text))


def is_proper(alias: str) -> bool:
    """An alias that names something (a capitalised word past any article), not a pronoun or epithet."""
    words = LEADING_ARTICLE.sub("", alias.strip()).split()
    return bool(words) and words[0][:1].isupper() and alias.strip().lower() not in PRONOUNS


def surname(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in TITLES]
    return words[-1] if words else ""


def looks_personal(name: str) -> bool:
    """A personal name: 2-5 capitalised words, no 'of', no organisation words."""
    words = re.sub(r"\([^)]*\)", "", name).split()
    if not 2 <= len(words) <= 5 or any(w.lower() in ("of", "for", "and", "the") for w in words):
        return False
    return all(w[:1].isupper() for w in words) and not any(ORG_WORD.match(w) for w in words)


def proper_names(name: str, aliases: list[str]) -> set[str]:
    """Normalised name and proper-name aliases: the strings that identify a party unambiguously."""
    names = {normalise(name)} | {normalise(a) for a in aliases if is_proper(a)}
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
    names = mention_names(party, aliases)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
