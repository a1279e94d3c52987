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
from stance.features import Found, current_statements, find_parties, find_parties_many, party_input
from stance.io.clean import clean_article
from stance.io.fetch import FetchPolicy
from stance.io.ingest import InputError, Raw, read_articles, sniff_suffix, to_article
from stance.summarize import stance_judge
from stance.summarize import summarize as summarize_results
from stance.types import Article, ArticleResult, EventSummary, MergedParty, PartyInput

Classifier = StanceClassifier | str
CHUNK_ARTICLES, CHUNK_CHARS = 64, 200_000  # parsed together (stance.features.find_parties_many)


def load_classifier(spec: str = "model", build: bool = False, llm_config=None) -> StanceClassifier:
    """A classifier by name, model folder or Hub id (see stance.classify.registry).

    Loading never trains: the default model ships in the package. ``build`` is ignored
    (kept so that older callers still run); ``llm_config``: settings of an ``llm:``
    classifier (YAML path or LLMConfig).
    """
    return load_registered(spec, None, llm_config)


def _is_file(text: str) -> bool:
    """Whether a one-line string names a file; a sentence too long for a path is text, not an error."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def read(text_or_path: str | Article) -> Article:
    """An Article from a file path, an URL or raw text; a bare Article gets its body found."""
    if isinstance(text_or_path, Article):
        if text_or_path.body:
            return text_or_path
        found = clean_article(text_or_path.source, text_or_path.text)
        return Article(**{**text_or_path.__dict__, "body": found.body, "title": text_or_path.title or found.title})
    if "\n" not in text_or_path and (_is_file(text_or_path) or text_or_path.startswith(("http://", "https://"))):
        item = next(iter(read_articles([text_or_path])))
        if isinstance(item, InputError):
            raise item
        return item
    return to_article(Raw(source="<text>", content=text_or_path, is_html=sniff_suffix(text_or_path) == ".html"))


def analyze_with_inputs(article: Article, classifier: StanceClassifier,
                        threshold: float = DEFAULT_THRESHOLD) -> tuple[ArticleResult, list[PartyInput]]:
    """:func:`analyze`, plus the input the classifier read for each party (in ``parties`` order);
    the evaluation scores exactly these."""
    return _score(article, find_parties(article), classifier, threshold)


def _score(article: Article, found: Found, classifier: StanceClassifier, threshold: float,
           probs: list[dict[str, float]] | None = None) -> tuple[ArticleResult, list[PartyInput]]:
    """The article's result from its parties; ``probs``: their classifier output when already known."""
    inputs = [party_input(p, sts, article.title) for p, sts in found]
    if probs is None:
        probs = classifier.predict(inputs) if inputs else []
    stances = [party_stance(article, p, current_statements(sts), pr, threshold) for (p, sts), pr in zip(found, probs)]
    return ArticleResult(article=article, parties=stances, statements=[s for _, sts in found for s in sts]), inputs


def analyze(article: Article | str, classifier: Classifier = "model",
            threshold: float = DEFAULT_THRESHOLD) -> ArticleResult:
    """One article's parties with their stance and evidence; holds plain Python values only."""
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    return analyze_with_inputs(read(article), clf, threshold)[0]


def run(inputs: Iterable[str], classifier: Classifier = "model", threshold: float = DEFAULT_THRESHOLD,
        stdin=None, keep: Callable[[str], bool] | None = None,
        policy: FetchPolicy | None = None, jobs: int | None = None) -> Iterator[ArticleResult | InputError]:
    """Analyze every readable input; unreadable ones come back as InputError, in order.

    An unexpected exception while analysing one article becomes that article's
    InputError too: one bad article never stops a batch of thousands.
    ``keep(source)`` false skips an input before it is analysed (resume, shards).
    ``jobs``: processes that parse a chunk (None: one per core; see stance.nlp.parse_processes).
    """
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    for chunk in _chunks(read_articles(inputs, stdin=stdin, keep=keep, policy=policy)):
        articles = [item for item in chunk if isinstance(item, Article)]
        found = _find_each(articles, jobs)
        probs = iter(_chunk_probs(articles, found, clf))
        found = iter(found)
        for item in chunk:
            if isinstance(item, InputError):
                yield item
                continue
            try:
                parties, known = next(found), next(probs)
                if isinstance(parties, Exception):
                    raise parties
                yield _score(item, parties, clf, threshold, known)[0]
            except InputError as err:
                yield err
            except Exception as err:  # noqa: BLE001 - isolate the failure to this article
                yield InputError(item.source, f"analysis failed ({type(err).__name__}: {err}); skipped")


def _chunk_probs(articles: list[Article], found: list[Found | Exception],
                 classifier: StanceClassifier) -> list[list[dict[str, float]] | None]:
    """The parties of a whole chunk classified in one call, shortest input first, so that an
    encoder fills its batches with inputs of like length (little padding); per article, its
    parties' probabilities, or None for all when that call fails (each article is then
    classified alone, and only the one that fails is lost)."""
    groups = [[] if isinstance(f, Exception) else [party_input(p, sts, a.title) for p, sts in f]
              for a, f in zip(articles, found)]
    flat = [item for group in groups for item in group]
    order = sorted(range(len(flat)), key=lambda i: sum(map(len, flat[i].statements)))
    try:
        ranked = classifier.predict([flat[i] for i in order]) if flat else []
    except Exception:  # noqa: BLE001 - retried article by article in _score
        return [None] * len(groups)
    probs: list[dict[str, float]] = [{}] * len(flat)
    for i, p in zip(order, ranked):
        probs[i] = p
    out, k = [], 0
    for group in groups:
        out.append(probs[k : k + len(group)])
        k += len(group)
    return out


def _find_each(articles: list[Article], jobs: int | None = 1) -> list[Found | Exception]:
    """find_parties_many, and when the chunk's parse itself fails, one article at a time so that
    only the article spaCy cannot parse is lost."""
    try:
        return find_parties_many(articles, jobs)
    except Exception as err:  # noqa: BLE001 - isolate the failure to this article
        if len(articles) == 1:
            return [err]
        return [found for article in articles for found in _find_each([article])]


def _chunks(items: Iterable[Article | InputError]) -> Iterator[list[Article | InputError]]:
    """Input order kept, cut after CHUNK_ARTICLES articles or CHUNK_CHARS characters of text, whichever first."""
    chunk, chars = [], 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Article):
            chars += len(item.text)
            if len(chunk) >= CHUNK_ARTICLES or chars >= CHUNK_CHARS:
                yield chunk
                chunk, chars = [], 0
    if chunk:
        yield chunk


def merge(results: list[ArticleResult], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    """The same party across articles, each source's stance kept (see stance.aggregate)."""
    return merge_parties([(r.article, r.parties) for r in results], threshold)


def summarize(results: list[ArticleResult], classifier: Classifier = "model", **options) -> list[EventSummary]:
    """Neutral event summaries; the classifier that labelled ``results`` also judges their evidence."""
    clf = load_classifier(classifier) if isinstance(classifier, str) else classifier
    return summarize_results(results, stance_of=stance_judge(clf), **options)
