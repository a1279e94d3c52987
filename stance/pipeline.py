"""The whole pipeline in one place.

    read & clean  ->  find parties + statements  ->  party inputs  ->  classify  ->  aggregate  ->  summarize
    (io)              (features: nlp + extract)     (features)        (classify)    (aggregate)   (summarize)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from stance.aggregate import DEFAULT_THRESHOLD, merge_parties, party_stance
from stance.classify import StanceClassifier
from stance.classify import load_classifier as load_registered
from stance.features import find_parties, party_input
from stance.io.clean import clean_article
from stance.io.fetch import FetchPolicy
from stance.io.ingest import InputError, Raw, read_articles, sniff_suffix, to_article
from stance.summarize import stance_judge
from stance.summarize import summarize as summarize_results
from stance.types import Article, ArticleResult, EventSummary, MergedParty, PartyInput

Classifier = StanceClassifier | str


def load_classifier(spec: str = "model", build: bool = False, llm_config=None) -> StanceClassifier:
    """A classifier by name, model folder or Hub id (see stance.classify.registry).

    Loading never trains: the default model ships in the package. ``build`` is ignored
    (kept so that older callers still run); ``llm_config``: settings of an ``llm:``
    classifier (YAML path or LLMConfig).
    """
    return load_registered(spec, None, llm_config)


def read(text_or_path: str | Article) -> Article:
    """An Article from a file path, an URL or raw text; a bare Article gets its body found."""
    if isinstance(text_or_path, Article):
        if text_or_path.body:
            return text_or_path
        found = clean_article(text_or_path.source, text_or_path.text)
        return Article(**{**text_or_path.__dict__, "body": found.body, "title": text_or_path.title or found.title})
    if "\n" not in text_or_path and (Path(text_or_path).is_file() or text_or_path.startswith(("http://", "https://"))):
        item = next(iter(read_articles([text_or_path])))
        if isinstance(item, InputError):
            raise item
        return item
    return to_article(Raw(source="<text>", content=text_or_path, is_html=sniff_suffix(text_or_path) == ".html"))


def analyze_with_inputs(article: Article, classifier: StanceClassifier,
                        threshold: float = DEFAULT_THRESHOLD) -> tuple[ArticleResult, list[PartyInput]]:
    """:func:`analyze`, plus the input the classifier read for each party (in ``parties`` order);
    the evaluation scores exactly these."""
    found = find_parties(article)
    inputs = [party_input(p, sts, article.title) for p, sts in found]
    probs = classifier.predict(inputs) if inputs else []
    stances = [party_stance(article, p, sts, pr, threshold) for (p, sts), pr in zip(found, probs)]
    return ArticleResult(article=article, parties=stances, statements=[s for _, sts in found for s in sts]), inputs


def analyze(article: Article | str, classifier: Classifier = "model",
            threshold: float = DEFAULT_THRESHOLD) -> ArticleResult:
    """One article's parties with their stance and evidence; holds plain Python values only."""
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    return analyze_with_inputs(read(article), clf, threshold)[0]


def run(inputs: Iterable[str], classifier: Classifier = "model", threshold: float = DEFAULT_THRESHOLD,
        stdin=None, keep: Callable[[str], bool] | None = None,
        policy: FetchPolicy | None = None) -> Iterator[ArticleResult | InputError]:
    """Analyze every readable input; unreadable ones come back as InputError, in order.

    An unexpected exception while analysing one article becomes that article's
    InputError too: one bad article never stops a batch of thousands.
    ``keep(source)`` false skips an input before it is analysed (resume, shards).
    """
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    for item in read_articles(inputs, stdin=stdin, keep=keep, policy=policy):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield analyze(item, clf, threshold)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - isolate the failure to this article
            yield InputError(item.source, f"analysis failed ({type(err).__name__}: {err}); skipped")


def merge(results: list[ArticleResult], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    """The same party across articles, each source's stance kept (see stance.aggregate)."""
    return merge_parties([(r.article, r.parties) for r in results], threshold)


def summarize(results: list[ArticleResult], classifier: Classifier = "model", **options) -> list[EventSummary]:
    """Neutral event summaries; the classifier that labelled ``results`` also judges their evidence."""
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    return summarize_results(results, stance_of=stance_judge(clf), **options)
