"""Which articles report the same event: content similarity, vetoed by distant dates.

Similarity is half TF-IDF cosine over the article body and title (junk excluded) and
half cosine over the names the body uses (people, places, groups: capitalised words
inside a sentence), because two outlets reporting one event word it differently but
name the same people and places. Average-link clustering so one bridging article
cannot chain two events together, and a date veto: two articles dated more than
``max_days`` apart are never one event, however similar their wording (follow-ups on
the same war are separate events). Dates come from the metadata or, failing that, the
text (stance.io.clean: never a photo caption's date).

Scale: similarities are computed only for candidate pairs that share a distinctive
word in the same date window (an inverted index keyed by word and by a window of
``max_days + 1`` days, so two dates that may be one event fall in the same or adjacent
windows; undated articles are posted under every window of the word). Posting lists
longer than ``POSTING_CAP`` are not used to propose pairs; such common words still
count in the similarity. Clustering merges the best pair from a heap and keeps per-group sums of
similarities, so a batch of thousands groups in near-linear time instead of the
cubic all-pairs loop. Pairs sharing no distinctive word have similarity 0 to it,
which only matters for thresholds at or below 0.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from stance.summarize.text import words
from stance.types import Article

DEFAULT_THRESHOLD = 0.4
NAME_WEIGHT = 0.5
BACKGROUND_DOCS = 20  # documents that share no word with the batch: a small batch is one event's reports,
                      # and batch-only IDF would weigh down exactly the words they share
NAME_IN_SENTENCE = re.compile(r"(?<=[a-z0-9,;:\"“”)]\s)([A-Z][\w'’-]+)")
DEFAULT_MAX_DAYS = 3
POSTING_CAP = 50
STOP = frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being has have had
do does did not no it its this that these those he she they them his her their him we our us you your i my me who whom
which what when where why how than then there here so such also said says say told tell would could should will can may
might must shall about after before over under into out up down more most some any all each other one two three new
last week month year years day days on friday monday tuesday wednesday thursday saturday sunday january february
march april may june july august september october november december""".split())


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


def _names(article: Article) -> list[str]:
    """Capitalised words inside the body's sentences (not a sentence's first word): the names."""
    spans = article.body or [(0, len(article.text))]
    found = (re.sub(r"['’]s$", "", m.group(1)).lower()
             for s, e in spans for m in NAME_IN_SENTENCE.finditer(article.text[s:e]))
    return ["@" + w for w in found if len(w) > 2 and w not in STOP]


def event_vectors(articles: list[Article]) -> list[dict[str, float]]:
    """One unit-length vector per article whose dot product is the event similarity:
    ``1 - NAME_WEIGHT`` of the TF-IDF cosine plus ``NAME_WEIGHT`` of the names' TF-IDF cosine
    (all TF-IDF when an article names no one)."""
    words, names = tfidf_vectors([_tokens(a) for a in articles]), tfidf_vectors([_names(a) for a in articles])
    out = []
    for w, n in zip(words, names):
        a, b = (math.sqrt(1 - NAME_WEIGHT), math.sqrt(NAME_WEIGHT)) if n else (1.0, 0.0)
        out.append({**{t: a * x for t, x in w.items()}, **{t: b * x for t, x in n.items()}})
    return out


def tfidf_vectors(token_lists: list[list[str]]) -> list[dict[str, float]]:
    """Unit-length smoothed TF-IDF vectors (sublinear term frequency), one per token list."""
    docs = [Counter(tokens) for tokens in token_lists]
    n = len(docs)
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log((1 + n + BACKGROUND_DOCS) / (1 + c)) + 1.0 for t, c in df.items()}
    vecs = []
    for d in docs:
        v = {t: (1 + math.log(c)) * idf[t] for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return vecs


def _cosine(u: dict[str, float], v: dict[str, float]) -> float:
    return sum(x * v.get(t, 0.0) for t, x in u.items())


def dates_compatible(a: Article, b: Article, max_days: int = DEFAULT_MAX_DAYS) -> bool:
    da, db = _parse_date(a.date), _parse_date(b.date)
    return da is None or db is None or abs((da - db).days) <= max_days


def candidate_pairs(vecs: list[dict[str, float]], dates: list[date | None], max_days: int,
                    cap: int = POSTING_CAP) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing a word that at most ``cap`` articles of their date window share."""
    width = max_days + 1
    postings: dict[str, dict[int | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (v, d) in enumerate(zip(vecs, dates)):
        for t in v:
            postings[t][None if d is None else d.toordinal() // width].append(i)
    pairs: set[tuple[int, int]] = set()
    for windows in postings.values():
        undated = windows.pop(None, [])
        for w, docs in windows.items():
            near = sorted(set(undated + docs + windows.get(w + 1, [])))
            if 1 < len(near) <= cap:
                pairs.update((near[a], near[b]) for a in range(len(near)) for b in range(a + 1, len(near)))
        if 1 < len(undated) <= cap:
            pairs.update((undated[a], undated[b]) for a in range(len(undated)) for b in range(a + 1, len(undated)))
    return pairs


@dataclass
class _Group:
    members: list[int]
    first: date | None
    last: date | None
    version: int = 0
    sums: dict[int, float] = field(default_factory=dict)  # other group id -> summed pair similarity


def _span(g: _Group, h: _Group) -> tuple[date | None, date | None]:
    firsts = [d for d in (g.first, h.first) if d is not None]
    lasts = [d for d in (g.last, h.last) if d is not None]
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


def _compatible(g: _Group, h: _Group, max_days: int) -> bool:
    """Every cross pair within ``max_days`` (each group's own span already is)."""
    first, last = _span(g, h)
    return first is None or (last - first).days <= max_days


def group_events(articles: list[Article], threshold: float = DEFAULT_THRESHOLD,
                 max_days: int = DEFAULT_MAX_DAYS) -> list[list[int]]:
    """Indices of ``articles`` grouped into events, each group and the list in input order.

    Same result as merging, again and again, the pair of groups with the highest average
    pairwise similarity (ties: the later pair) while it reaches ``threshold``.
    """
    vecs = event_vectors(articles)
    dates = [_parse_date(a.date) for a in articles]
    groups = {i: _Group([i], d, d) for i, d in enumerate(dates)}
    heap: list[tuple[float, int, int, int, int]] = []

    def push(x: int, y: int) -> None:
        g, h = groups[x], groups[y]
        score = g.sums[y] / (len(g.members) * len(h.members))
        if score >= threshold and _compatible(g, h, max_days):
            heapq.heappush(heap, (-score, -x, -y, g.version, h.version))

    for i, j in candidate_pairs(vecs, dates, max_days):
        if _compatible(groups[i], groups[j], max_days):
            groups[i].sums[j] = groups[j].sums[i] = _cosine(vecs[i], vecs[j])
    for i, j in sorted((i, j) for i, g in groups.items() for j in g.sums if i < j):
        push(i, j)
    while heap:
        _, nx, ny, vx, vy = heapq.heappop(heap)
        x, y = -nx, -ny
        if x not in groups or y not in groups or (groups[x].version, groups[y].version) != (vx, vy):
            continue
        _merge(groups, x, y, max_days)
        for k in groups[x].sums:
            push(min(x, k), max(x, k))
    return sorted((sorted(g.members) for g in groups.values()), key=lambda m: m[0])


def _merge(groups: dict[int, _Group], x: int, y: int, max_days: int) -> None:
    """Fold group ``y`` into ``x`` (x < y keeps the smaller id): members, dates and similarity sums."""
    g, h = groups[x], groups.pop(y)
    g.members += h.members
    g.first, g.last = _span(g, h)
    g.version += 1
    g.sums.pop(y, None)
    for k, s in h.sums.items():
        if k == x:
            continue
        other = groups[k]
        other.sums.pop(y)
        g.sums[k] = other.sums[x] = g.sums.get(k, 0.0) + s
    for k in [k for k in g.sums if not _compatible(g, groups[k], max_days)]:  # spans only grow: never again
        del g.sums[k], groups[k].sums[x]
