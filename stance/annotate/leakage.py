"""Near-duplicate checks between data splits, by word n-gram overlap.

Dev must measure generalisation, so no dev article may share long word sequences with
a training row (13-grams, the contamination test used for large LMs), and no two
training rows may be near-copies (Jaccard of word 5-gram sets).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

WORD = re.compile(r"\w+", re.UNICODE)


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@dataclass
class Overlap:
    a: str
    b: str
    shared: int
    example: str


def cross_overlaps(train: dict[str, str], dev: dict[str, str], n: int = 13) -> list[Overlap]:
    """Training rows that share an n-gram with a dev text."""
    index: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key, text in dev.items():
        for g in ngrams(text, n):
            index[g].add(key)
    hits: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key, text in train.items():
        for g in ngrams(text, n):
            for dev_key in index.get(g, ()):
                hits[(key, dev_key)].append(g)
    return [Overlap(a, b, len(gs), " ".join(gs[0])) for (a, b), gs in sorted(hits.items())]


def near_duplicates(texts: dict[str, str], n: int = 5, threshold: float = 0.6) -> list[Overlap]:
    """Pairs of texts whose word n-gram sets have Jaccard similarity at or above threshold."""
    grams = {k: ngrams(t, n) for k, t in texts.items()}
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, gs in grams.items():
        for g in gs:
            index[g].append(k)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for keys in index.values():
        if len(keys) > 50:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                shared[(a, b)] += 1
    out = []
    for (a, b), count in shared.items():
        union = len(grams[a] | grams[b])
        if union and count / union >= threshold:
            out.append(Overlap(a, b, count, f"jaccard={count / union:.2f}"))
    return out
