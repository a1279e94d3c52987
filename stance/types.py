"""The typed records that flow between pipeline stages.

article -> sentences -> statements -> party inputs -> party stances (per article)
-> merged parties -> event summaries. Offsets are always character offsets into
``Article.text``. Every record has ``to_dict()`` for JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Label = Literal["open", "conditional", "rejecting"]
LABELS: tuple[Label, ...] = ("open", "conditional", "rejecting")


class Record:
    """Mixin: ``to_dict()`` gives plain JSON-ready values (nested records included)."""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Article(Record):
    """One input article; ``text`` is what every offset indexes.

    ``body`` lists the spans of ``text`` that are the article itself (junk such as
    donation appeals, newsletter forms and news-feed sidebars lies outside them);
    ``subheads`` the headlines between the title and the body (a page's own headline, a
    standfirst).
    """

    source: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    body: list[tuple[int, int]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    subheads: list[tuple[int, int]] = field(default_factory=list)
    language: str = "en"

    def headline_spans(self) -> list[tuple[int, int]]:
        """The title and the headlines under it, which hold positions as the title does."""
        return ([self.title_span] if self.title_span else []) + self.subheads


@dataclass(frozen=True)
class Sentence(Record):
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Party(Record):
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
class Statement(Record):
    """A sentence (or quote) that carries a party's position, with who reported it."""

    party: str
    text: str
    start: int
    end: int
    form: str
    attribution: str
    relevant: bool = True


@dataclass
class PartyInput(Record):
    """What a classifier sees for one (article, party) pair (built by stance.features.party_input)."""

    party: str
    role: str
    statements: list[str]
    aliases: list[str] = field(default_factory=list)
    context: str = ""


@dataclass
class Evidence(Record):
    text: str
    start: int
    end: int
    attribution: str = ""


@dataclass
class PartyStance(Record):
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
class SourceStance(Record):
    source: str
    outlet: str
    stance: Label
    confidence: float
    attribution: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class MergedParty(Record):
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
class ArticleResult(Record):
    article: Article
    parties: list[PartyStance]
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class SourceSentence(Record):
    """A sentence of one article's body, with the outlet that published it."""

    source: str
    outlet: str
    text: str
    start: int
    end: int


@dataclass
class SummarySentence(Record):
    """One summary sentence; ``sources`` are the outlets that carry it, ``evidence`` the text behind it."""

    text: str
    sources: list[str]
    evidence: list[SourceSentence]
    support: float
    kind: str = "claim"
    party: str | None = None
    stance: str | None = None
    origin: str = ""
    core: str = ""


@dataclass
class Dropped(Record):
    text: str
    reasons: list[str]
    support: float = 0.0


@dataclass
class Position(Record):
    """A party's stance in this event, per outlet, and whether the outlets agree."""

    party: str
    role: str
    stance: str
    by_source: dict[str, str]
    agreement: bool


@dataclass
class EventSummary(Record):
    id: str
    title: str
    articles: list[dict]
    sentences: list[SummarySentence]
    positions: list[Position]
    dropped: list[Dropped] = field(default_factory=list)
    mode: str = "extractive"
