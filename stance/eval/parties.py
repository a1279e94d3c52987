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

from stance.names import NamedParty, coerce_party, looks_personal, match_parties


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


def _own_overlap(spans: list[tuple[int, int]], key: list[tuple[int, int]], gold) -> tuple[int, int, int, int, int]:
    """Predicted evidence against the party's own sentences (``gold.own``, with its key evidence ``key``):
    (own, own and supporting its label, predicted; supporting sentences shown, supporting sentences)."""
    own = key + [(e.start, e.end) for e in gold.own if e.start >= 0]
    supporting = key + [(e.start, e.end) for e in gold.own_supporting if e.start >= 0]
    shown, total, for_label, predicted = evidence_overlap(spans, supporting)
    return evidence_overlap(spans, own)[2], for_label, predicted, shown, total


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _own_kind(p: NamedParty) -> str:
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
    return [g["name"] for _, g in match_parties(unmatched, [{"name": n} for n in gold_article.non_parties])]


def party_prf(predicted, gold) -> dict:
    """Micro P/R/F1 of parties over articles, evidence overlap on matched pairs, and every error.

    ``predicted[i]`` lists the predicted parties of ``gold[i]`` (Party, PartyStance,
    (Party, statements) or a JSON party dict). ``misses``, ``false_positives`` and
    ``non_parties_reported`` name the article file and party so that a report can list
    them; ``by_kind`` holds P/R per party kind; ``evidence_misattributed`` is the share of a matched
    party's evidence that gold gives to another party of the article (A's words shown as B's);
    ``evidence_own_precision`` the share of it that is the party's own position (its key evidence or
    an own sentence of the blind own-sentence pass), ``evidence_supporting_precision`` the share that is
    also for its gold label, ``evidence_supporting_recall`` the share of those sentences shown (None
    where the split has no own sentences).
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold articles")
    tp = n_pred = n_gold = 0
    ev = [0, 0, 0, 0]
    own_ev = [0, 0, 0, 0, 0]  # where gold has own sentences: predicted own, predicted own-supporting, predicted; supporting found, supporting
    misattributed = 0  # predicted evidence that gold gives to another party of the article
    misses: list[dict] = []
    false_positives: list[dict] = []
    non_parties: list[dict] = []
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for preds, art in zip(predicted, gold):
        pairs = match_parties(preds, art.parties)
        gold_of = {id(p): g for p, g in pairs}
        for g in art.parties:
            kinds[getattr(g, "party_kind", "") or "unlabelled"][2] += 1
        labelled = any(getattr(g, "party_kind", "") for g in art.parties)
        for p in preds:
            g = gold_of.get(id(p))
            if not labelled:
                kind = "unlabelled"
            else:
                kind = (g.party_kind or "unlabelled") if g is not None else _own_kind(coerce_party(p))
            kinds[kind][0] += g is not None
            kinds[kind][1] += 1
        n_pred += len(preds)
        n_gold += len(art.parties)
        tp += len(pairs)
        matched_p = {id(p) for p, _ in pairs}
        matched_g = {id(g) for _, g in pairs}
        name = getattr(art.path, "name", str(art.path))
        for p, g in pairs:
            spans = coerce_party(p).evidence
            own = [(e.start, e.end) for e in g.evidence]
            got = evidence_overlap(spans, own)
            ev = [a + b for a, b in zip(ev, got)]
            others = [(e.start, e.end) for o in art.parties if o is not g for e in o.evidence if e.start >= 0]
            if g.own is not None:
                own_ev = [a + b for a, b in zip(own_ev, _own_overlap(spans, own, g))]
            misattributed += sum(_covered(s, others) and not _covered(s, own) for s in spans)
        misses += [{"article": name, "party": g.name} for g in art.parties if id(g) not in matched_g]
        false_positives += [{"article": name, "party": coerce_party(p).name} for p in preds if id(p) not in matched_p]
        non_parties += [{"article": name, "party": n} for n in reported_non_parties(preds, art, pairs)]
    p, r, f = _prf(tp, n_pred, n_gold)
    ev_r = ev[0] / ev[1] if ev[1] else 1.0
    ev_p = ev[2] / ev[3] if ev[3] else 1.0
    return {
        "precision": p, "recall": r, "f1": f, "tp": tp, "predicted": n_pred, "gold": n_gold,
        "evidence_recall": ev_r, "evidence_precision": ev_p,
        "evidence_f1": 2 * ev_p * ev_r / (ev_p + ev_r) if ev_p + ev_r else 0.0,
        "evidence_misattributed": misattributed / ev[3] if ev[3] else 0.0,
        "evidence_own_precision": own_ev[0] / own_ev[2] if own_ev[2] else None,
        "evidence_supporting_precision": own_ev[1] / own_ev[2] if own_ev[2] else None,
        "evidence_supporting_recall": own_ev[3] / own_ev[4] if own_ev[4] else None,
        "misses": misses, "false_positives": false_positives,
        "by_kind": _by_kind(kinds), "non_parties_reported": non_parties,
    }
