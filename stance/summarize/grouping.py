"""Which articles report the same event: content similarity, vetoed by distant dates.

TF-IDF cosine over the article body and title (junk excluded), average-link
clustering so one bridging article cannot chain two events together, and a date
veto: two articles dated more than ``max_days`` apart are never one event, however
similar their wording (follow-ups on the same war are separate events).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

from stance.summarize.text import words
from stance.types import Article

DEFAULT_THRESHOLD = 0.3
DEFAULT_MAX_DAYS = 3
STOP = frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being has have had
do does did not no it its this that these those he she they them his her their him we our us you your i my me who whom
which what when where why how than then there here so such also said says say told tell would could should will can may
might must shall about after before over under into out up down more most some any all each other one two three new
last week month year years day days on friday monday tuesday wednesday thursday saturday sunday""".split())


def _tokens(article: Article) -> list[str]:
    spans = article.body or [(0, len(article.text))]
    text = " ".join([article.title] * 2 + [article.text[s:e] for s, e in spans])
    return [re.sub(r"'s$", "", w) for w in words(text) if len(w) > 2 and w not in STOP and not w[0].isdigit()]


def _parse_date(text: str) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def similarity_matrix(articles: list[Article]) -> list[list[float]]:
    """Cosine similarity of smoothed TF-IDF vectors (sublinear term frequency)."""
    docs = [Counter(_tokens(a)) for a in articles]
    n = len(docs)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    vecs = []
    for d in docs:
        v = {t: (1 + math.log(c)) * idf[t] for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return [[sum(x * vecs[j].get(t, 0.0) for t, x in vecs[i].items()) for j in range(n)] for i in range(n)]


def dates_compatible(a: Article, b: Article, max_days: int = DEFAULT_MAX_DAYS) -> bool:
    da, db = _parse_date(a.date), _parse_date(b.date)
    return da is None or db is None or abs((da - db).days) <= max_days


def group_events(articles: list[Article], threshold: float = DEFAULT_THRESHOLD,
                 max_days: int = DEFAULT_MAX_DAYS) -> list[list[int]]:
    """Indices of ``articles`` grouped into events, each group and the list in input order."""
    sim = similarity_matrix(articles)
    groups = [[i] for i in range(len(articles))]

    def link(g: list[int], h: list[int]) -> float:
        if any(not dates_compatible(articles[i], articles[j], max_days) for i in g for j in h):
            return -1.0
        return sum(sim[i][j] for i in g for j in h) / (len(g) * len(h))

    while len(groups) > 1:
        best, pair = threshold, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                score = link(groups[x], groups[y])
                if score >= best:
                    best, pair = score, (x, y)
        if pair is None:
            break
        x, y = pair
        groups[x] = sorted(groups[x] + groups[y])
        del groups[y]
    return sorted(groups, key=lambda g: g[0])
