"""The records a summary is made of: sentences traced to source text, and what was dropped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceSentence:
    """A sentence of one article's body, with the outlet that published it."""

    source: str
    outlet: str
    text: str
    start: int
    end: int


@dataclass
class SummarySentence:
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
class Dropped:
    text: str
    reasons: list[str]
    support: float = 0.0


@dataclass
class Position:
    """A party's stance in this event, per outlet, and whether the outlets agree."""

    party: str
    role: str
    stance: str
    by_source: dict[str, str]
    agreement: bool


@dataclass
class EventSummary:
    id: str
    title: str
    articles: list[dict]
    sentences: list[SummarySentence]
    positions: list[Position]
    dropped: list[Dropped] = field(default_factory=list)
    mode: str = "extractive"
