"""A self-contained HTML page for people: parties x sources, evidence in context, summary.

No scripts and no external resources: navigation is plain anchors and CSS ``:target``,
so the page works offline and nothing from an article can ever run. Every piece of
article text goes through ``html.escape``; only http(s) URLs become links. Stances are
words as well as colours, so the page reads the same in greyscale or a screen reader.

Size: the parties x sources matrix shows at most ``MATRIX_SOURCES`` source columns
(and says so), so its size grows with parties plus sources, not their product; every
article is still listed below it with its evidence.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePath

from stance.types import ArticleResult, MergedParty

MATRIX_SOURCES = 100
COLOURS = {"open": "#2e7d32", "conditional": "#8d5300", "rejecting": "#c62828"}
CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem;margin-bottom:.2rem}
a{color:#0d47a1}.src,.date,.meta{color:#555;font-size:.85rem}.date{white-space:nowrap}
.wide{overflow-x:auto;max-width:100%;margin:1rem 0}
table.matrix{border-collapse:separate;border-spacing:0;border-top:1px solid #ccc;border-left:1px solid #ccc}
table.matrix th,table.matrix td{border-right:1px solid #ccc;border-bottom:1px solid #ccc;padding:.35rem .6rem;
vertical-align:top;text-align:left;min-width:6.5rem}
table.matrix thead th{background:#f5f5f5}
table.matrix .party{position:sticky;left:0;z-index:1;background:#f5f5f5;min-width:8rem;max-width:13rem}
td.open{background:#2e7d32;color:#fff}td.conditional{background:#8d5300;color:#fff}td.rejecting{background:#c62828;color:#fff}
td.none{background:#fafafa;color:#999}td a{color:inherit;text-decoration:none;display:block}
td.low{background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.25) 0 6px,transparent 6px 12px)}
.conf{font-size:.8rem;opacity:.9}.disagree{font-weight:700;text-decoration:underline}
.legend span{display:inline-block;padding:0 .5rem;margin-right:.4rem;color:#fff}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #e0e0e0;padding:.25rem 0 .25rem 1rem}
.junk{color:#999}mark{background:#fff3b0;padding:0 1px}
mark.open{border-bottom:3px solid #2e7d32}mark.conditional{border-bottom:3px solid #8d5300}mark.rejecting{border-bottom:3px solid #c62828}
.tag{font-size:.75rem;font-weight:700;border:1px solid;border-radius:3px;padding:0 .3rem;margin-right:.25rem;white-space:nowrap}
.tag.open{color:#2e7d32}.tag.conditional{color:#8d5300}.tag.rejecting{color:#c62828}
[id]:target{outline:3px solid #1565c0;background:#ffe066}
.summary li{margin:.3rem 0}.cite{font-size:.85rem;white-space:nowrap}
@media (max-width:600px){body{padding:.75rem;font-size:15px}.text{padding-left:.6rem}}
"""


@dataclass(frozen=True)
class Cite:
    """A summary sentence's evidence: which article and where, so a citation can jump there."""

    article: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"a{self.article}-c{self.start}"


def _e(text: str) -> str:
    return html.escape(text or "", quote=True)


def _anchor(ai: int, pi: int) -> str:
    return f"a{ai}-p{pi}"


def _file_name(source: str) -> str:
    """A local file's name, never its absolute path; URLs and ``<stdin>`` as they are."""
    return source if "://" in source or source.startswith("<") else PurePath(source).name


def _link(result: ArticleResult) -> str:
    """The article's http(s) address, or "" (any other scheme could run code when clicked)."""
    a = result.article
    url = a.url or a.source
    return url if url.startswith(("http://", "https://")) else ""


def _label(result: ArticleResult) -> str:
    a = result.article
    return a.outlet or a.title or _file_name(a.source)


def _stance_text(stance: str, low: bool) -> str:
    return _e(stance) + (" (low)" if low else "")


def _tag(name: str, stance: str, low: bool) -> str:
    return f'<span class="tag {_e(stance)}">{_e(name)}: {_stance_text(stance, low)}</span>'


def _article_html(ai: int, result: ArticleResult, cites: list[Cite]) -> str:
    """The article text with junk dimmed, each party's evidence marked and labelled, and
    anchors where the matrix and the summary point."""
    text, body = result.article.text, result.article.body
    spans = [(pi, ev) for pi, ps in enumerate(result.parties) for ev in ps.evidence if 0 <= ev.start < ev.end <= len(text)]
    cuts = {0, len(text)} | {x for s, e in body for x in (s, e)} | {x for _, ev in spans for x in (ev.start, ev.end)}
    cuts |= {c.start for c in cites if 0 <= c.start < len(text)}
    ids: dict[int, list[str]] = {}
    for pi in dict.fromkeys(pi for pi, _ in spans):
        ids.setdefault(min(ev.start for p, ev in spans if p == pi), []).append(_anchor(ai, pi))
    for c in cites:
        ids.setdefault(c.start, []).append(c.anchor)
    tags: dict[int, dict[str, None]] = {}
    for pi, ev in spans:
        ps = result.parties[pi]
        tags.setdefault(ev.start, {})[_tag(ps.party.name, ps.stance, ps.low_confidence)] = None
    bounds = sorted(cuts)
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        here = list(dict.fromkeys(ids.get(lo, [])))
        out += [f'<span id="{x}"></span>' for x in here[1:]] + list(tags.get(lo, {}))
        id_attr = f' id="{here[0]}"' if here else ""
        seg = _e(text[lo:hi])
        owners = list(dict.fromkeys(pi for pi, ev in spans if ev.start <= lo and hi <= ev.end))
        if owners:
            stances = " ".join(sorted({result.parties[pi].stance for pi in owners}))
            names = "; ".join(f"{result.parties[pi].party.name}: {result.parties[pi].stance}" for pi in owners)
            out.append(f'<mark class="{stances}"{id_attr} title="{_e(names)}">{seg}</mark>')
        elif not any(s <= lo and hi <= e for s, e in body):
            out.append(f'<span class="junk"{id_attr}>{seg}</span>')
        else:
            out.append(f"<span{id_attr}>{seg}</span>" if id_attr else seg)
    return "".join(out)


def _matrix(results: list[ArticleResult], merged: list[MergedParty]) -> list[str]:
    """Parties down, sources across; the party column stays put while wide tables scroll sideways."""
    shown = results[:MATRIX_SOURCES]
    parts = []
    if len(results) > len(shown):
        parts.append(f"<p class='src'>The matrix shows the first {len(shown)} of {len(results)} sources; "
                     "every article is listed under Articles.</p>")
    parts += ["<div class='wide'><table class='matrix'><thead><tr><th class='party'>Party</th><th>Overall</th>"]
    parts += [f"<th><a href='#art{ai}'>{_e(_label(r))}</a><br><span class='date'>{_e(r.article.date)}</span></th>"
              for ai, r in enumerate(shown)]
    parts.append("</tr></thead><tbody>")
    for m in merged:
        role = f"<br><span class='src'>{_e(m.role)}</span>" if m.role else ""
        overall = f"{_stance_text(m.stance, m.low_confidence)} <span class='conf'>{m.confidence:.2f}</span>"
        if len(m.by_source) > 1 and not m.agreement:
            overall += "<br><span class='disagree'>sources disagree</span>"
        low = " low" if m.low_confidence else ""
        parts.append(f"<tr><th class='party' scope='row'>{_e(m.name)}{role}</th>"
                     f"<td class='{_e(m.stance)}{low}'>{overall}</td>")
        for ai, r in enumerate(shown):
            hit = next(((pi, ps) for pi, ps in enumerate(r.parties)
                        if ps.party.name == m.name or ps.party.name in m.aliases), None)
            if hit is None:
                parts.append("<td class='none'>—</td>")
                continue
            pi, ps = hit
            low = " low" if ps.low_confidence else ""
            parts.append(f"<td class='cell {_e(ps.stance)}{low}'><a href='#{_anchor(ai, pi)}' title='{_e(ps.attribution)}'>"
                         f"{_stance_text(ps.stance, ps.low_confidence)}<br><span class='conf'>{ps.confidence:.2f}</span></a></td>")
        parts.append("</tr>")
    parts.append("</tbody></table></div>")
    return parts


def _cites(sentence: dict, where: dict[str, int]) -> list[Cite]:
    return [Cite(where[ev["source"]], ev["start"], ev["end"])
            for ev in sentence.get("evidence", []) if ev.get("source") in where]


def _summary(summary: dict, results: list[ArticleResult], where: dict[str, int]) -> list[str]:
    """Each sentence with citations that jump to the evidence it was taken from."""
    parts = ["<h2>Neutral summary</h2>"]
    for event in summary.get("events", []):
        parts.append("<ul class='summary'>")
        for s in event.get("sentences", []):
            links = [f"<a href='#{c.anchor}'>{_e(_label(results[c.article]))}</a>" for c in _cites(s, where)]
            refs = ", ".join(dict.fromkeys(links)) or ", ".join(_e(x) for x in s.get("sources", []))
            parts.append(f"<li>{_e(s.get('text', ''))} <span class='cite'>[{refs}]</span></li>")
        parts.append("</ul>")
        dropped = len(event.get("dropped", []))
        if dropped and event.get("mode") == "rewrite":
            parts.append(f"<p class='src'>{dropped} generated sentence(s) dropped as unsupported by the sources.</p>")
        elif dropped:
            parts.append(f"<p class='src'>{dropped} candidate source sentence(s) left out by the neutrality check.</p>")
    return parts


def _article(ai: int, r: ArticleResult, cites: list[Cite]) -> list[str]:
    a = r.article
    url = _link(r)
    heading = _e(a.title or _file_name(a.source))
    meta = [_e(x) for x in (a.outlet, a.date) if x]
    meta.append(f"<a href='{_e(url)}' rel='noopener noreferrer'>{_e(url)}</a>" if url else _e(_file_name(a.source)))
    parts = [f"<section id='art{ai}'><h3>{heading}</h3><p class='meta'>{' · '.join(meta)}</p><ul>"]
    for pi, ps in enumerate(r.parties):
        parts.append(f"<li><a href='#{_anchor(ai, pi)}'>{_e(ps.party.name)}</a>: "
                     f"<b style='color:{COLOURS[ps.stance]}'>{_stance_text(ps.stance, ps.low_confidence)}</b> "
                     f"({ps.confidence:.2f}) <span class='src'>reported by {_e(ps.attribution)}</span></li>")
    parts.append(f"</ul><div class='text'>{_article_html(ai, r, cites)}</div></section>")
    return parts


def render_html(results: list[ArticleResult], merged: list[MergedParty], summary: dict | None = None,
                title: str = "Ceasefire stances") -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    where = {r.article.source: ai for ai, r in enumerate(results)}
    cites: dict[int, list[Cite]] = {}
    for event in (summary or {}).get("events", []):
        for s in event.get("sentences", []):
            for c in _cites(s, where):
                cites.setdefault(c.article, []).append(c)
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>",
             "<meta name='viewport' content='width=device-width,initial-scale=1'>",
             "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<style>{CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1><p>{len(results)} article(s), {len(merged)} part{'y' if len(merged) == 1 else 'ies'}; "
             f"generated {now}.</p>",
             "<p class='legend'>" + "".join(f"<span style='background:{c}'>{k}</span>" for k, c in COLOURS.items())
             + " (low) and hatching = low confidence. Click a cell to see its evidence in the article.</p>",
             "<h2>Parties by source</h2>"]
    parts += _matrix(results, merged)
    if summary:
        parts += _summary(summary, results, where)
    parts.append("<h2>Articles</h2>")
    for ai, r in enumerate(results):
        parts += _article(ai, r, cites.get(ai, []))
    parts.append("</body></html>")
    return "\n".join(parts)
