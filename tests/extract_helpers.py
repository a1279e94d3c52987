"""Run the extractor on a few sentences written for the tests."""

from stance.features import find_parties
from stance.io.clean import clean_article


def parties(text: str) -> dict:
    """Party name -> (Party, relevant statements) for an article made of ``text``."""
    article = clean_article("test", text)
    found = find_parties(article)
    return {p.name: (p, [s for s in sts if s.relevant]) for p, sts in found}


def find(result: dict, fragment: str):
    """The party whose name contains ``fragment`` (None if absent)."""
    hits = [v for k, v in result.items() if fragment in k]
    return hits[0] if hits else None
