"""The JSON contract for programs and JSONL for streams (the table for people is in stance.render.table)."""

from __future__ import annotations

import json
from dataclasses import asdict

from stance.types import ArticleResult, MergedParty, PartyStance


def party_dict(ps: PartyStance) -> dict:
    p = ps.party
    return {
        "name": p.name, "role": p.role, "aliases": p.aliases, "kind": p.kind, "speaks_for": p.speaks_for,
        "stance": ps.stance, "confidence": ps.confidence, "low_confidence": ps.low_confidence,
        "probabilities": ps.probabilities,
        "evidence": [asdict(e) for e in ps.evidence],
        "attribution": ps.attribution,
    }


def article_dict(result: ArticleResult) -> dict:
    a = result.article
    return {
        "source": a.source, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url,
        "language": a.language, "body": [list(span) for span in a.body],
        "text": a.text,
        "parties": [party_dict(ps) for ps in result.parties],
    }


def merged_dict(m: MergedParty) -> dict:
    return {
        "name": m.name, "role": m.role, "aliases": m.aliases, "stance": m.stance, "confidence": m.confidence,
        "low_confidence": m.low_confidence, "agreement": m.agreement,
        "by_source": [asdict(s) for s in m.by_source],
    }


def to_json(results: list[ArticleResult], merged: list[MergedParty], errors: list[str], extra: dict | None = None) -> str:
    doc = {"articles": [article_dict(r) for r in results], "parties": [merged_dict(m) for m in merged], "errors": errors}
    doc.update(extra or {})
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_jsonl_line(result: ArticleResult) -> str:
    return json.dumps(article_dict(result), ensure_ascii=False)
