"""Party extraction metrics: precision, recall and F1 of parties, and evidence overlap.

A predicted party matches a gold party when their names agree: full name or an alias
(proper-name aliases only; pronouns and bare epithets such as "the minister" are too
ambiguous to count), or the surname for people. A named spokesperson also matches the
body they speak for, but only when the gold party is that body. Matching is
one-to-one: exact names first, then surnames, then spokesperson-to-body. A predicted
party that matches no gold party is a false positive; an unmatched gold party a miss.

Evidence overlap compares sentences by character span: a gold evidence sentence is
covered when a predicted evidence span overlaps at least half of it (and vice versa
for precision), so a predicted quote fragment inside the gold sentence still counts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

PRONOUNS = frozenset("i me my he him his she her hers it its they them their we our us".split())
TITLES = frozenset(
    "mr mrs ms dr sir president prime minister general gen marshal colonel lieutenant commander "
    "sheikh bishop father secretary foreign defence defense interior chief".split()
)


@dataclass
class _P:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    speaks_for: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    obj: object = None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(’s|'s)\b", "", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return " ".join(re.findall(r"[a-z0-9-]+", text))


def _proper(alias: str) -> bool:
    """An alias that names something (has a capitalised word past any article)."""
    words = re.sub(r"^(the|a|an)\s+", "", alias.strip(), flags=re.I).split()
    return bool(words) and words[0][:1].isupper() and alias.strip().lower() not in PRONOUNS


def _surname(name: str) -> str:
    words = [w for w in _norm(name).split() if w not in TITLES]
    return words[-1] if words else ""


def _looks_personal(name: str) -> bool:
    """A personal name: 2-5 capitalised words, no 'of', no organisation words."""
    words = re.sub(r"\([^)]*\)", "", name).split()
    if not 2 <= len(words) <= 5 or any(w.lower() in ("of", "for", "and", "the") for w in words):
        return False
    org = re.compile(r"^(front|army|council|party|alliance|coalition|government|union|movement|forces|ministry|"
                     r"community|conference|organization|organisation|nations|states|league|command|office)$", re.I)
    return all(w[:1].isupper() for w in words) and not any(org.match(w) for w in words)


def _coerce(item) -> _P:
    """Accept a Party, a PartyStance, a (Party, statements) pair, a GoldParty or a JSON party dict."""
    evidence: list[tuple[int, int]] = []
    obj = item
    if isinstance(item, tuple):
        party, statements = item
        evidence = [(s.start, s.end) for s in statements if getattr(s, "relevant", True)]
        item = party
    elif hasattr(item, "party") and hasattr(item, "evidence"):
        evidence = [(e.start, e.end) for e in item.evidence]
        item = item.party
    if isinstance(item, dict):
        ev = [(e["start"], e["end"]) for e in item.get("evidence", []) if isinstance(e, dict)]
        return _P(item["name"], list(item.get("aliases", [])), item.get("kind", ""), item.get("speaks_for"), ev or evidence, obj)
    ev = getattr(item, "evidence", None)
    if ev and not evidence and not isinstance(ev[0], str):
        evidence = [(e.start, e.end) for e in ev if e.start >= 0]
    return _P(item.name, list(getattr(item, "aliases", []) or []), getattr(item, "kind", "") or "",
              getattr(item, "speaks_for", None), evidence, obj)


def _names(p: _P) -> set[str]:
    names = {_norm(p.name)} | {_norm(a) for a in p.aliases if _proper(a)}
    return {n for n in names if n and n not in PRONOUNS}


def _is_person(p: _P) -> bool:
    return p.kind == "person" if p.kind else _looks_personal(p.name)


def _surname_match(pred: _P, gold: _P) -> bool:
    if not (_is_person(pred) and _looks_personal(gold.name)):
        return False
    return _surname(pred.name) == _surname(gold.name) or _surname(pred.name) in _names(gold)


def _body_match(pred: _P, gold: _P) -> bool:
    """A named spokesperson's predicted party against a gold party that is their body."""
    if not pred.speaks_for or _looks_personal(gold.name):
        return False
    body = _norm(pred.speaks_for)
    return bool(body) and (body in _names(gold) or any(body == n or body in n.split(" ") for n in _names(gold)))


def match_parties(pred, gold_article) -> list[tuple[object, object]]:
    """One-to-one (predicted, gold) pairs for one article, strongest evidence of identity first."""
    preds = [_coerce(p) for p in pred]
    golds = list(gold_article.parties)
    gps = [_coerce(g) for g in golds]
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    rules = (
        lambda p, g: _norm(p.name) == _norm(g.name),
        lambda p, g: bool(_names(p) & _names(g)),
        _surname_match,
        _body_match,
    )
    for rule in rules:
        for i, p in enumerate(preds):
            if i in used_p:
                continue
            for j, g in enumerate(gps):
                if j not in used_g and rule(p, g):
                    pairs.append((i, j))
                    used_p.add(i)
                    used_g.add(j)
                    break
    return [(pred[i], golds[j]) for i, j in sorted(pairs)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    length = max(1, span[1] - span[0])
    return any(_overlap(span, o) >= 0.5 * min(length, max(1, o[1] - o[0])) for o in others)


def evidence_overlap(pred_spans: list[tuple[int, int]], gold_spans: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    """(gold covered, gold total, predicted supported, predicted total)."""
    gold_spans = [g for g in gold_spans if g[0] >= 0]
    return (sum(_covered(g, pred_spans) for g in gold_spans), len(gold_spans),
            sum(_covered(p, gold_spans) for p in pred_spans), len(pred_spans))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def party_prf(predicted, gold) -> dict:
    """Micro P/R/F1 of parties over articles, evidence overlap on matched pairs, and every error.

    ``predicted[i]`` lists the predicted parties of ``gold[i]`` (Party, PartyStance,
    (Party, statements) or a JSON party dict). ``misses`` and ``false_positives`` name
    the article file and party so that a report can list them.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold articles")
    tp = n_pred = n_gold = 0
    ev = [0, 0, 0, 0]
    misses: list[dict] = []
    false_positives: list[dict] = []
    for preds, art in zip(predicted, gold):
        pairs = match_parties(preds, art)
        n_pred += len(preds)
        n_gold += len(art.parties)
        tp += len(pairs)
        matched_p = {id(p) for p, _ in pairs}
        matched_g = {id(g) for _, g in pairs}
        name = getattr(art.path, "name", str(art.path))
        for p, g in pairs:
            got = evidence_overlap(_coerce(p).evidence, [(e.start, e.end) for e in g.evidence])
            ev = [a + b for a, b in zip(ev, got)]
        misses += [{"article": name, "party": g.name} for g in art.parties if id(g) not in matched_g]
        false_positives += [{"article": name, "party": _coerce(p).name} for p in preds if id(p) not in matched_p]
    p, r, f = _prf(tp, n_pred, n_gold)
    ev_r = ev[0] / ev[1] if ev[1] else 1.0
    ev_p = ev[2] / ev[3] if ev[3] else 1.0
    return {
        "precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold,
        "evidence_recall": ev_r, "evidence_precision": ev_p,
        "evidence_f1": 2 * ev_p * ev_r / (ev_p + ev_r) if ev_p + ev_r else 0.0,
        "misses": misses, "false_positives": false_positives,
    }
