"""Which language an article is in, so non-English text is reported, never labelled.

py3langid (a maintained fork of langid.py) ships its model as an LZMA-compressed
``.npz`` read with ``allow_pickle=False``: no pickle is ever loaded. Only the body is
sampled (a few thousand characters from its start, middle and end) so a very long
article costs no more than a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stance.types import Article

SUPPORTED = ("en",)
UNDETERMINED = "und"
MIN_LETTERS = 40
SAMPLE_CHARS = 3000
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    language: str
    confidence: float

    @property
    def supported(self) -> bool:
        return self.language in SUPPORTED or self.language == UNDETERMINED


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE_CHARS:
        return text
    mid = len(text) // 2
    return " ".join((text[:SAMPLE_CHARS], text[mid : mid + SAMPLE_CHARS], text[-SAMPLE_CHARS:]))


def detect(text: str) -> Detection:
    """ISO 639-1 code and probability; ``und`` when there are too few letters to tell."""
    sample = _sample(text)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return Detection(UNDETERMINED, 0.0)
    language, prob = _identifier().classify(sample)
    return Detection(str(language), float(prob))


def body_text(article: Article) -> str:
    return "\n".join(article.text[s:e] for s, e in article.body)


def detect_article(article: Article) -> Detection:
    """Detect the body's language and record it on ``article.language``."""
    found = detect(body_text(article))
    article.language = found.language
    return found
