"""Plain-text helpers the summary builders and the gate share: sentences, quotes, lexicons.

Everything here is deterministic and model-free, so the extractive mode and the
symbolic half of the faithfulness gate run without loading anything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from stance.types import Article

OPEN_QUOTES = "\"“„«"
CLOSE_QUOTES = "\"”»"
QUOTE_SPAN = re.compile(r"[\"“„«]([^\"“”„«»]+)[\"”»]")
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*|\d[\d,.]*\d|\d")  # letters of any script
_ABBREV = re.compile(r"(\b[A-Z]\.|\b(Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Rep|Sen|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc)\.)$")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“„«(]?[A-Z0-9])")


def normalise_quotes(text: str) -> str:
    """Curly and straight quotes, dashes and spacing compared as equal."""
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’`]", "'", text)
    text = re.sub(r"[–—]", "-", text)
    return " ".join(text.split())


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Sentences of one paragraph as (start, end, text), offsets shifted by ``offset``.

    A regex splitter is enough for ledes, hedges and generated text, and avoids
    loading spaCy in the summary path; it does not split after initials (U.S.).
    """
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start:m.start()].rstrip("\"”’»)")
        if _ABBREV.search(head):
            continue
        cut = m.start() + len(text[m.start():m.end()].rstrip())
        piece = text[start:cut].strip()
        if piece:
            s = start + (len(text[start:cut]) - len(text[start:cut].lstrip()))
            out.append((offset + s, offset + s + len(piece), piece))
        start = m.end()
    piece = text[start:].strip()
    if piece:
        s = start + (len(text[start:]) - len(text[start:].lstrip()))
        out.append((offset + s, offset + s + len(piece), piece))
    return out


def body_sentences(article: Article) -> list[tuple[int, int, str]]:
    """Sentences of the article body only (junk such as appeals and news feeds excluded)."""
    spans = article.body or [(0, len(article.text))]
    out = []
    for s, e in spans:
        out.extend(split_sentences(article.text[s:e], s))
    return out


def quoted_spans(text: str) -> list[str]:
    """Text between matching quotation marks."""
    return [m.group(1).strip() for m in QUOTE_SPAN.finditer(text) if m.group(1).strip()]


def outside_quotes(text: str) -> str:
    """The text with every quoted span blanked out (unbalanced quotes blank to the end)."""
    text = QUOTE_SPAN.sub(" ", text)
    cut = min((text.find(q) for q in OPEN_QUOTES + CLOSE_QUOTES if q in text), default=-1)
    return text if cut < 0 else text[:cut]


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def _lines(name: str) -> list[str]:
    raw = resources.files("stance.resources").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def loaded_lexicon() -> re.Pattern:
    """One pattern for the loaded-word lexicon (stance/resources/loaded_words.txt)."""
    parts = []
    for entry in _lines("loaded_words.txt"):
        stem, wild = (entry[:-1], True) if entry.endswith("*") else (entry, False)
        body = r"\s+".join(re.escape(w) for w in stem.split())
        parts.append(body + (r"[\w'’-]*" if wild else r"(?:'s|’s)?"))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def loaded_words(text: str) -> list[str]:
    """Loaded or evaluative words outside quotation marks."""
    return [m.group(0) for m in loaded_lexicon().finditer(outside_quotes(text))]


def outlet_name(article: Article) -> str:
    """The outlet that published an article, falling back to its file name."""
    if article.outlet.strip():
        return article.outlet.strip()
    name = re.split(r"[\\/]", article.source)[-1]
    return re.sub(r"\.[A-Za-z0-9]+$", "", name) or article.source


MONTHS = "January February March April May June July August September October November December".split()


def printed_date(article: Article) -> str:
    """The article's date as its text prints it ("6 March 2035", "March 6, 2035"), else ""."""
    d = article.date or ""
    if not re.match(r"\d{4}-\d{2}-\d{2}$", d) or not 1 <= int(d[5:7]) <= 12:
        return ""
    y, month, day = int(d[:4]), MONTHS[int(d[5:7]) - 1], int(d[8:])
    return next((t for t in (f"{month} {day}, {y}", f"{day} {month} {y}") if t in article.text), "")


def join_names(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
