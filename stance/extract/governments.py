"""A government under every name the article gives it: "Nepal's new government", "the
Ugandan government", "the government in Port Cassel", "the Damascus-based government".

The government keeps its country's name (so it merges across articles); the forms the
article writes become its aliases, so a reader (and the metrics) find it under the name
the article uses (issue 16, "governments by capital or institution").
"""

from __future__ import annotations

import re

from stance.extract.entities import Registry
from stance.extract.lexicon import places

HEADS = r"(?:government|regime|authorities|administration|junta|cabinet)"
ADJ = r"(?:[a-z][a-z-]+\s+){0,2}"


def names_of(reg: Registry, country: str) -> list[str]:
    """Every word the article or the place list uses for a country: its name, capital, demonyms."""
    known = {w for w, c in places().items() if c == country} | {w for w, c in reg.places.local.items() if c == country}
    return sorted(known | {country.lower()}, key=len, reverse=True)


def forms(body: str, names: list[str]) -> set[str]:
    """The government phrases of ``body`` built on one of ``names``."""
    alt = "|".join(re.escape(n) for n in names)
    patterns = (
        rf"\b(?:{alt})(?:'s|’s)\s+{ADJ}{HEADS}\b",
        rf"\b[Tt]he\s+{ADJ}(?:{alt})(?:-based)?\s+{ADJ}{HEADS}\b",
        rf"\b[Tt]he\s+{ADJ}{HEADS}\s+in\s+(?:{alt})\b",
    )
    name = re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)
    found = set()
    for pattern in patterns:
        for m in re.finditer(pattern, body, re.IGNORECASE):
            place = name.search(m.group(0))
            if place is not None and place.group(0)[:1].isupper():
                found.add(m.group(0))
    return found


def name_governments(reg: Registry) -> None:
    """Add each government's forms in the article body to its aliases."""
    for gov in reg.entities:
        if gov.kind == "government" and gov.country:
            for text in forms(reg.body, names_of(reg, gov.country)):
                gov.add_alias(text)
