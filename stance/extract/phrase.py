"""The noun phrase a resolution rule looks at, and the answer that a phrase is nobody."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stance.extract.entities import Entity, Registry

NOBODY = Entity(name="", kind="nobody")
SUBJECT_OR_ROOT = ("nsubj", "nsubjpass", "ROOT")
POSSESSED_ROLE = re.compile(r"^[^,]*?['’]s?\s+(?:[\w-]+\s+){0,2}[\w-]+\s*,\s+(?:(?:Dr|Mr|Mrs|Ms|Gen|Col)\.?\s+)?[A-Z]")


@dataclass
class NounPhrase:
    """A noun phrase without its relative clauses and appositions, and the entities inside it."""

    head: object
    offset: int
    toks: list
    start: int
    end: int
    ents: list

    @classmethod
    def at(cls, head, offset: int) -> "NounPhrase":
        clauses = {x.i for c in head.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        dropped = clauses | {x.i for c in head.children if c.dep_ == "appos" for x in c.subtree}
        toks = [t for t in head.subtree if t.i not in dropped
                and not (t.dep_ == "punct" and t.head.i == head.i and t.i - 1 in clauses)]  # the comma closing a clause
        start, end = min(t.i for t in toks), max(t.i for t in toks) + 1
        return cls(head, offset, toks, start, end, [e for e in head.doc.ents if e.start >= start and e.end <= end])

    @property
    def text(self) -> str:
        return self.head.doc[self.start : self.end].text

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    @property
    def pos(self) -> int:
        return self.offset + self.head.idx

    @property
    def definite(self) -> bool:
        return any(t.lower_ == "the" and t.dep_ == "det" and t.head.i == self.head.i for t in self.toks)

    @property
    def owns_named_role(self) -> bool:
        """'The Council of Ocean States' secretary-general, Losana Vaitupu, told ...': the body the head
        names (the parser's subject) only owns the role of the person named after it."""
        return bool(POSSESSED_ROLE.match(self.head.doc[self.head.i : self.head.i + 14].text))

    def ents_over_head(self, *labels: str) -> list:
        return [e for e in self.ents if e.label_ in labels and e.start <= self.head.i < e.end]


Rule = Callable[[NounPhrase, Registry], "Entity | None"]
