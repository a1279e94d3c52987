"""Party extraction metrics: precision, recall and F1 of parties, and evidence overlap.

A predicted party matches a gold party when their names agree: full name or an alias
(proper-name aliases only; pronouns and bare epithets such as "the minister" are too
ambiguous to count), or the surname for people. A named spokesperson also matches the
body they speak for, but only when the gold party is that body. Matching is
one-to-one: exact names first, then surnames, then spokesperson-to-body. A predicted
party that matches no gold party is a false positive; an unmatched gold party a miss.

Where the gold labels a party's kind (person, government, armed_group, collective,
spokesperson), P/R are also reported by kind: a matched prediction counts under its gold
party's kind, an unmatched one under the kind its own record suggests ("organisation"
when it cannot say); articles without kinds count under "unlabelled". Listed non-parties (analysts, outlets, places...) that an
unmatched prediction names are counted too: they must never be reported.

Evidence overlap compares sentences by character span: a gold evidence sentence is
covered when a predicted evidence span overlaps at least half of it (and vice versa
for precision), so a predicted quote fragment inside the gold sentence still counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from stance.names import looks_personal, normalise, proper_names, surname


@dataclass
class _P:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    speaks_for: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    obj: object = None


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
    return proper_names(p.name, p.aliases)


def _is_person(p: _P) -> bool:
    return p.kind == "person" if p.kind else looks_personal(p.name)


def _surname_match(pred: _P, gold: _P) -> bool:
    if not (_is_person(pred) and looks_personal(gold.name)):
        return False
    return surname(pred.name) == surname(gold.name) or surname(pred.name) in _names(gold)


def _body_match(pred: _P, gold: _P) -> bool:
    """A named spokesperson's predicted party against a gold party that is their body."""
    if not pred.speaks_for or looks_personal(gold.name):
        return False
    body = normalise(pred.speaks_for)
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
        lambda p, g: normalise(p.name) == normalise(g.name),
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


def _own_kind(p: _P) -> str:
    """The kind an unmatched prediction's own record suggests."""
    if p.kind == "government":
        return "government"
    if p.kind == "person" or (not p.kind and looks_personal(p.name)):
        return "spokesperson" if p.speaks_for else "person"
    return "organisation"


def _by_kind(counts: dict[str, list[int]]) -> dict[str, dict]:
    out = {}
    for kind, (tp, n_pred, n_gold) in sorted(counts.items()):
        p, r, f = _prf(tp, n_pred, n_gold)
        out[kind] = {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold}
    return out


def reported_non_parties(preds, gold_article, pairs) -> list[str]:
    """The article's listed non-parties that an unmatched prediction names."""
    if not gold_article.non_parties:
        return []
    matched = {id(p) for p, _ in pairs}
    unmatched = [p for p in preds if id(p) not in matched]
    listed = SimpleNamespace(parties=[{"name": n} for n in gold_article.non_parties])
    return [g["name"] for _, g in match_parties(unmatched, listed)]


def party_prf(predicted, gold) -> dict:
    """Micro P/R/F1 of parties over articles, evidence overlap on matched pairs, and every error.

    ``predicted[i]`` lists the predicted parties of ``gold[i]`` (Party, PartyStance,
    (Party, statements) or a JSON party dict). ``misses``, ``false_positives`` and
    ``non_parties_reported`` name the article file and party so that a report can list
    them; ``by_kind`` holds P/R per party kind.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold articles")
    tp = n_pred = n_gold = 0
    ev = [0, 0, 0, 0]
    misses: list[dict] = []
    false_positives: list[dict] = []
    non_parties: list[dict] = []
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for preds, art in zip(predicted, gold):
        pairs = match_parties(preds, art)
        gold_of = {id(p): g for p, g in pairs}
        for g in art.parties:
            kinds[getattr(g, "party_kind", "") or "unlabelled"][2] += 1
        labelled = any(getattr(g, "party_kind", "") for g in art.parties)
        for p in preds:
            g = gold_of.get(id(p))
            if not labelled:
                kind = "unlabelled"
            else:
                kind = (g.party_kind or "unlabelled") if g is not None else _own_kind(_coerce(p))
            kinds[kind][0] += g is not None
            kinds[kind][1] += 1
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
        non_parties += [{"article": name, "party": n} for n in reported_non_parties(preds, art, pairs)]
    p, r, f = _prf(tp, n_pred, n_gold)
    ev_r = ev[0] / ev[1] if ev[1] else 1.0
    ev_p = ev[2] / ev[3] if ev[3] else 1.0
    return {
        "precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold,
        "evidence_recall": ev_r, "evidence_precision": ev_p,
        "evidence_f1": 2 * ev_p * ev_r / (ev_p + ev_r) if ev_p + ev_r else 0.0,
        "misses": misses, "false_positives": false_positives,
        "by_kind": _by_kind(kinds), "non_parties_reported": non_parties,
    }
