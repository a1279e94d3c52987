"""stance: the ceasefire stance of every party quoted in war news, with the sentences that prove it.

    >>> import stance
    >>> result = stance.analyze("article.txt")            # a path, an URL, raw text or an Article
    >>> [(p.party.name, p.stance, p.confidence) for p in result.parties]
    >>> results = [r for r in stance.run(["news/"], classifier="tfidf") if isinstance(r, stance.ArticleResult)]
    >>> stance.merge(results), stance.summarize(results, classifier="tfidf")

Every record is a typed dataclass with ``to_dict()``.
"""

from importlib.metadata import version

from stance.classify import StanceClassifier
from stance.io.ingest import InputError
from stance.pipeline import analyze, load_classifier, merge, read, run, summarize
from stance.types import (
    LABELS,
    Article,
    ArticleResult,
    EventSummary,
    Evidence,
    MergedParty,
    Party,
    PartyInput,
    PartyStance,
    SourceStance,
    Statement,
    SummarySentence,
)

__version__ = version("stance")

__all__ = [
    "LABELS", "Article", "ArticleResult", "EventSummary", "Evidence", "InputError", "MergedParty", "Party",
    "PartyInput", "PartyStance", "SourceStance", "StanceClassifier", "Statement", "SummarySentence", "analyze",
    "load_classifier", "merge", "read", "run", "summarize", "__version__",
]
