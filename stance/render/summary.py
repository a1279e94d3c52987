"""Summary output: JSON for programs, Markdown for people, a short text section for `predict`."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

from stance.types import EventSummary


def sentence_dict(s) -> dict:
    d = {"text": s.text, "sources": s.sources, "evidence": [asdict(e) for e in s.evidence],
         "support": round(float(s.support), 4), "kind": s.kind}
    for key in ("party", "stance", "origin"):
        if getattr(s, key):
            d[key] = getattr(s, key)
    return d


def event_dict(e: EventSummary) -> dict:
    return {"id": e.id, "title": e.title, "mode": e.mode, "articles": e.articles,
            "sentences": [sentence_dict(s) for s in e.sentences],
            "positions": [asdict(p) for p in e.positions],
            "dropped": [asdict(d) for d in e.dropped]}


def to_dict(events: list[EventSummary]) -> dict:
    return {"events": [event_dict(e) for e in events]}


def to_json(events: list[EventSummary], errors: list[str] | None = None) -> str:
    doc = to_dict(events)
    if errors is not None:
        doc["errors"] = errors
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_markdown(events: list[EventSummary]) -> str:
    lines = []
    for e in events:
        lines.append(f"## {e.title or e.id}")
        lines.append("")
        lines.append("Sources: " + "; ".join(f"{a['outlet']} ({a['source']})" for a in e.articles))
        lines.append("")
        for s in e.sentences:
            if s.kind in ("report", "hedge", "rewrite"):
                lines.append(f"- {s.text}")
        if e.positions:
            lines += ["", "### Positions", ""]
            said = {s.party: s for s in e.sentences if s.party and s.kind in ("position", "stance")}
            for p in e.positions:
                who = f"**{p.party}**" + (f" ({p.role})" if p.role else "")
                line = f"- {who}: {p.stance}"
                if p.party in said:
                    line += f". {said[p.party].text}"
                lines.append(line)
        compare = [s for s in e.sentences if s.kind in ("agreement", "disagreement", "coverage")]
        if compare:
            lines += ["", "### Agreement between sources", ""] + [f"- {s.text}" for s in compare]
        if e.dropped:
            lines += ["", "### Dropped (not supported by the sources)", ""]
            lines += [f"- {d.text} ({'; '.join(d.reasons)})" for d in e.dropped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_text_section(events: list[EventSummary], width: int = 80) -> str:
    """A short plain section below the `predict` table: the event sentences, wrapped to the table's width."""
    lines = ["Summary"]
    for e in events:
        lines += textwrap.wrap(f"{e.id}: " + ", ".join(a["outlet"] for a in e.articles), width,
                               initial_indent="  ", subsequent_indent="    ")
        for s in e.sentences:
            lines += textwrap.wrap(s.text, width, initial_indent="    - ", subsequent_indent="      ")
    return "\n".join(lines) + "\n"
