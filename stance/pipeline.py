"""The whole pipeline in one place.

    read & clean  ->  parse body  ->  extract parties + statements  ->  classify  ->  aggregate
    (ingest)          (nlp)           (extract)                         (classify)    (aggregate)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from stance.aggregate import DEFAULT_THRESHOLD, merge_parties, party_stance
from stance.classify import PartyInput, StanceClassifier
from stance.extract import extract
from stance.ingest import InputError, read_articles
from stance.nlp import parse_body
from stance.types import Article, ArticleResult, MergedParty


def analyze(article: Article, classifier: StanceClassifier, threshold: float = DEFAULT_THRESHOLD) -> ArticleResult:
    parsed = parse_body(article)
    found = extract(article, parsed)
    inputs = [
        PartyInput(party=p.name, role=p.role, aliases=p.aliases,
                   statements=[s.text for s in sts], context=article.title)
        for p, sts in found
    ]
    probs = classifier.predict(inputs) if inputs else []
    stances = [party_stance(article, p, sts, pr, threshold) for (p, sts), pr in zip(found, probs)]
    statements = [s for _, sts in found for s in sts]
    return ArticleResult(article=article, parties=stances, statements=statements)


def run(inputs: Iterable[str], classifier: StanceClassifier, threshold: float = DEFAULT_THRESHOLD,
        stdin=None) -> Iterator[ArticleResult | InputError]:
    """Analyze every readable input; unreadable ones come back as InputError, in order."""
    for item in read_articles(inputs, stdin=stdin):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield analyze(item, classifier, threshold)
        except InputError as err:
            yield err


def merge(results: list[ArticleResult], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    return merge_parties([(r.article, r.parties) for r in results], threshold)
