"""The whole pipeline in one place.

    read & clean  ->  parse body  ->  extract parties + statements  ->  classify  ->  aggregate
    (ingest)          (nlp)           (extract)                         (classify)    (aggregate)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from stance.aggregate import DEFAULT_THRESHOLD, merge_parties, party_stance
from stance.classify import PartyInput, StanceClassifier
from stance.extract import extract
from stance.io.fetch import FetchPolicy
from stance.io.ingest import InputError, read_articles
from stance.nlp import get_nlp, parse_body
from stance.types import Article, ArticleResult, MergedParty


def analyze(article: Article, classifier: StanceClassifier, threshold: float = DEFAULT_THRESHOLD) -> ArticleResult:
    """One article's result; holds plain Python values only, no spaCy objects.

    Parsing and extraction run inside a spaCy memory zone: the strings an article adds
    to the vocabulary (names, numbers) are freed afterwards, so a batch of any length
    runs in flat memory. Anything cached across articles must not be built in here.
    """
    nlp = get_nlp()
    with nlp.memory_zone():
        found = extract(article, parse_body(article, nlp))
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
        stdin=None, keep: Callable[[str], bool] | None = None,
        policy: FetchPolicy | None = None) -> Iterator[ArticleResult | InputError]:
    """Analyze every readable input; unreadable ones come back as InputError, in order.

    An unexpected exception while analysing one article becomes that article's
    InputError too: one bad article never stops a batch of thousands.
    ``keep(source)`` false skips an input before it is analysed (resume, shards).
    """
    for item in read_articles(inputs, stdin=stdin, keep=keep, policy=policy):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield analyze(item, classifier, threshold)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - isolate the failure to this article
            yield InputError(item.source, f"analysis failed ({type(err).__name__}: {err}); skipped")


def merge(results: list[ArticleResult], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    return merge_parties([(r.article, r.parties) for r in results], threshold)
