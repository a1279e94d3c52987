"""The typed records that flow between pipeline stages.

article -> sentences -> statements -> party stances (per article) -> merged parties.
Offsets are always character offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Label = Literal["open", "conditional", "rejecting"]
LABELS: tuple[Label, ...] = ("open", "conditional", "rejecting")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Article:
    """One input article; ``text`` is what every offset indexes.

    ``body`` lists the spans of ``text`` that are the article itself (junk such as
    donation appeals, newsletter forms and news-feed sidebars lies outside them).
    """

    source: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    body: list[tuple[int, int]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    language: str = "en"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Party:
    """A canonical entity: all its mentions in an article under its fullest name."""

    name: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: Literal["person", "organisation", "government"] = "person"
    speaks_for: str | None = None

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class Statement:
    """A sentence (or quote) that carries a party's position, with who reported it."""

    party: str
    speaker: str
    text: str
    start: int
    end: int
    form: str
    attribution: str
    relevant: bool = True


@dataclass
class Evidence:
    text: str
    start: int
    end: int
    attribution: str = ""


@dataclass
class PartyStance:
    """A party's overall ceasefire stance in one article."""

    party: Party
    stance: Label
    confidence: float
    evidence: list[Evidence]
    attribution: str
    source: str
    probabilities: dict[str, float] = field(default_factory=dict)
    low_confidence: bool = False


@dataclass
class SourceStance:
    source: str
    outlet: str
    stance: Label
    confidence: float
    attribution: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class MergedParty:
    """The same party across articles; each source's stance kept, disagreement shown."""

    name: str
    role: str
    aliases: list[str]
    stance: Label
    confidence: float
    by_source: list[SourceStance]
    agreement: bool
    low_confidence: bool = False


@dataclass
class ArticleResult:
    article: Article
    parties: list[PartyStance]
    statements: list[Statement] = field(default_factory=list)


def to_dict(obj) -> dict:
    return asdict(obj)
