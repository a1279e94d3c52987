"""A self-contained HTML page for people: parties x sources, evidence in context, summary.

No scripts and no external resources: navigation is plain anchors and CSS ``:target``,
so the page works offline and nothing from an article can ever run. Every piece of
article text goes through ``html.escape``.

Size: the parties x sources matrix shows at most ``MATRIX_SOURCES`` source columns
(and says so), so its size grows with parties plus sources, not their product; every
article is still listed below it with its evidence.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone

from stance.types import ArticleResult, MergedParty

MATRIX_SOURCES = 100
COLOURS = {"open": "#2e7d32", "conditional": "#b26a00", "rejecting": "#c62828"}
CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table.matrix{border-collapse:collapse;margin:1rem 0}table.matrix th,table.matrix td{border:1px solid #ccc;padding:.35rem .6rem;vertical-align:top}
table.matrix th{background:#f5f5f5;text-align:left}td.cell a{color:#fff;text-decoration:none;display:block}
td.open{background:#2e7d32}td.conditional{background:#b26a00}td.rejecting{background:#c62828}td.none{background:#fafafa;color:#999}
td.low{background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.25) 0 6px,transparent 6px 12px)}
.conf{font-size:.8rem;opacity:.9}.legend span{display:inline-block;padding:0 .5rem;margin-right:.4rem;color:#fff}
article{white-space:pre-wrap;border:1px solid #e0e0e0;padding:1rem;background:#fcfcfc;max-height:32rem;overflow:auto}
.junk{color:#aaa}mark{background:#fff3b0;padding:0 1px}mark:target{outline:3px solid #1565c0;background:#ffe066}
mark.open{border-bottom:3px solid #2e7d32}mark.conditional{border-bottom:3px solid #b26a00}mark.rejecting{border-bottom:3px solid #c62828}
.summary li{margin:.3rem 0}.src{color:#555;font-size:.85rem}.disagree{color:#c62828;font-weight:600}
"""


def _e(text: str) -> str:
    return html.escape(text or "", quote=True)


def _anchor(ai: int, pi: int) -> str:
    return f"a{ai}-p{pi}"


def _article_html(ai: int, result: ArticleResult) -> str:
    """The article text with junk dimmed and each party's evidence marked."""
    text = result.article.text
    cuts = {0, len(text)}
    for s, e in result.article.body:
        cuts.update((s, e))
    for pi, ps in enumerate(result.parties):
        for ev in ps.evidence:
            if 0 <= ev.start < ev.end <= len(text):
                cuts.update((ev.start, ev.end))
    bounds = sorted(cuts)
    body = result.article.body
    first_of: dict[int, int] = {}
    for pi, ps in enumerate(result.parties):
        starts = [ev.start for ev in ps.evidence if 0 <= ev.start < len(text)]
        if starts:
            first_of[pi] = min(starts)
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        seg = _e(text[lo:hi])
        in_body = any(s <= lo and hi <= e for s, e in body)
        owners = [pi for pi, ps in enumerate(result.parties) if any(ev.start <= lo and hi <= ev.end for ev in ps.evidence)]
        if owners:
            stances = " ".join(sorted({result.parties[pi].stance for pi in owners}))
            names = "; ".join(f"{result.parties[pi].party.name}: {result.parties[pi].stance}" for pi in owners)
            ids = [pi for pi in owners if first_of.get(pi) == lo]
            id_attr = f' id="{_anchor(ai, ids[0])}"' if ids else ""
            extra = "".join(f'<span id="{_anchor(ai, pi)}"></span>' for pi in ids[1:])
            out.append(f'{extra}<mark class="{stances}"{id_attr} title="{_e(names)}">{seg}</mark>')
        elif not in_body:
            out.append(f'<span class="junk">{seg}</span>')
        else:
            out.append(seg)
    return "".join(out)


def _label(result: ArticleResult) -> str:
    a = result.article
    return a.outlet or a.source


def render_html(results: list[ArticleResult], merged: list[MergedParty], summary: dict | None = None,
                title: str = "Ceasefire stances") -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>",
             "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<style>{CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1><p>{len(results)} article(s), {len(merged)} part{'y' if len(merged) == 1 else 'ies'}; generated {now}.</p>",
             "<p class='legend'>" + "".join(f"<span style='background:{c}'>{k}</span>" for k, c in COLOURS.items())
             + " hatched = low confidence. Click a cell to see its evidence in the article.</p>"]
    shown = results[:MATRIX_SOURCES]
    parts.append("<h2>Parties by source</h2>")
    if len(results) > len(shown):
        parts.append(f"<p class='src'>The matrix shows the first {len(shown)} of {len(results)} sources; "
                     "every article is listed under Articles.</p>")
    parts.append("<table class='matrix'><tr><th>Party</th><th>Overall</th>")
    parts += [f"<th>{_e(_label(r))}<br><span class='src'>{_e(r.article.date)}</span></th>" for r in shown]
    parts.append("</tr>")
    for m in merged:
        overall = f"{_e(m.stance)} <span class='conf'>{m.confidence:.2f}</span>"
        if not m.agreement:
            overall += " <span class='disagree'>sources disagree</span>"
        role = f"<br><span class='src'>{_e(m.role)}</span>" if m.role else ""
        parts.append(f"<tr><th>{_e(m.name)}{role}</th><td>{overall}</td>")
        for ai, r in enumerate(shown):
            hit = next(((pi, ps) for pi, ps in enumerate(r.parties)
                        if ps.party.name == m.name or ps.party.name in m.aliases), None)
            if hit is None:
                parts.append("<td class='none'>—</td>")
                continue
            pi, ps = hit
            low = " low" if ps.low_confidence else ""
            parts.append(f"<td class='cell {_e(ps.stance)}{low}'><a href='#{_anchor(ai, pi)}' title='{_e(ps.attribution)}'>"
                         f"{_e(ps.stance)}<br><span class='conf'>{ps.confidence:.2f}</span></a></td>")
        parts.append("</tr>")
    parts.append("</table>")
    if summary:
        parts.append("<h2>Neutral summary</h2>")
        for event in summary.get("events", []):
            parts.append("<ul class='summary'>")
            for s in event.get("sentences", []):
                srcs = ", ".join(_e(x) for x in s.get("sources", []))
                parts.append(f"<li>{_e(s.get('text', ''))} <span class='src'>[{srcs}]</span></li>")
            parts.append("</ul>")
            if event.get("dropped"):
                parts.append(f"<p class='src'>{len(event['dropped'])} generated sentence(s) dropped as unsupported.</p>")
    parts.append("<h2>Articles</h2>")
    for ai, r in enumerate(results):
        a = r.article
        head = " · ".join(_e(x) for x in (a.title, a.outlet, a.date, a.source) if x)
        parts.append(f"<h3 id='art{ai}'>{head}</h3><ul>")
        for pi, ps in enumerate(r.parties):
            parts.append(f"<li><a href='#{_anchor(ai, pi)}'>{_e(ps.party.name)}</a>: <b style='color:{COLOURS[ps.stance]}'>"
                         f"{_e(ps.stance)}</b> ({ps.confidence:.2f}{', low confidence' if ps.low_confidence else ''}) "
                         f"<span class='src'>reported by {_e(ps.attribution)}</span></li>")
        parts.append(f"</ul><article>{_article_html(ai, r)}</article>")
    parts.append("</body></html>")
    return "\n".join(parts)
