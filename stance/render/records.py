"""Output formats: the JSON contract for programs, a table for people, JSONL for streams."""

from __future__ import annotations

import io
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


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_table(results: list[ArticleResult], merged: list[MergedParty], width: int = 160) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=width, file=io.StringIO(), force_terminal=False, color_system=None)
    for r in results:
        a = r.article
        head = " | ".join(x for x in (a.title, a.outlet, a.date) if x)
        table = Table(title=f"{a.source}" + (f"\n{head}" if head else ""), show_lines=True, title_justify="left")
        for col in ("Party", "Stance", "Conf.", "Best evidence", "Reported by"):
            table.add_column(col, overflow="fold")
        for ps in r.parties:
            best = ps.evidence[0].text if ps.evidence else ""
            flag = " (low)" if ps.low_confidence else ""
            who = ps.party.name + (f"\n{ps.party.role}" if ps.party.role else "")
            table.add_row(who, ps.stance + flag, f"{ps.confidence:.2f}", _short(best), ps.attribution)
        if not r.parties:
            table.add_row("(no party with a ceasefire position found)", "", "", "", "")
        console.print(table)
    if len(results) > 1 and merged:
        table = Table(title="Across sources", show_lines=True, title_justify="left")
        for col in ("Party", "Stance", "Conf.", "Sources agree", "By source"):
            table.add_column(col, overflow="fold")
        for m in merged:
            by = "; ".join(f"{s.outlet or s.source}: {s.stance}" for s in m.by_source)
            table.add_row(m.name, m.stance, f"{m.confidence:.2f}", "yes" if m.agreement else "NO", by)
        console.print(table)
    return console.file.getvalue()
