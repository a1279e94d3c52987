"""The table for people: one table per article and one across sources, fitted to the terminal.

rich does the fitting and the colour. A console made for a terminal takes its width and
its colour support from it (``NO_COLOR`` respected, no colour when not a terminal); text
bound for a file is plain and 80 columns wide.
"""

from __future__ import annotations

import io
from pathlib import PurePath
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from stance.types import ArticleResult, MergedParty

STYLES = {"open": "bold green", "conditional": "bold yellow", "rejecting": "bold red"}
PLAIN_WIDTH = 80


def console_for(stream: TextIO | None = None) -> Console:
    """A console that measures and colours like ``stream``; without one, plain text 80 columns wide."""
    if stream is None:
        return Console(file=io.StringIO(), width=PLAIN_WIDTH, color_system=None)
    return Console(file=stream)


def _stance(stance: str, low: bool) -> Text:
    """The stance in its colour; the low-confidence flag is words, so it survives without colour."""
    text = Text(stance, style=STYLES.get(stance, ""))
    if low:
        text.append(" (low)", style="dim")
    return text


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _source_name(source: str) -> str:
    """A file's name, not its absolute path; URLs and ``<stdin>`` as they are."""
    return source if "://" in source or source.startswith("<") else PurePath(source).name


RATIOS = {"Party": 2, "Best evidence": 4, "Reported by": 2, "By source": 4}


def _new_table(title: str, columns: tuple[str, ...]) -> Table:
    """A table as wide as the console: stance and confidence keep their width, text columns share the rest."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False, expand=True)
    for col in columns:
        table.add_column(col, overflow="fold", ratio=RATIOS.get(col), no_wrap=col == "Conf.")
    return table


def article_table(result: ArticleResult) -> Table:
    a = result.article
    head = " | ".join(x for x in (a.title, a.outlet, a.date) if x)
    table = _new_table(_source_name(a.source) + (f"\n{head}" if head else ""),
                       ("Party", "Stance", "Conf.", "Best evidence", "Reported by"))
    for ps in result.parties:
        who = ps.party.name + (f"\n{ps.party.role}" if ps.party.role else "")
        best = ps.evidence[0].text if ps.evidence else ""
        table.add_row(who, _stance(ps.stance, ps.low_confidence), f"{ps.confidence:.2f}", _short(best),
                      ps.attribution)
    if not result.parties:
        table.caption = "(no party with a ceasefire position found)"
    return table


def _agreement(m: MergedParty) -> str:
    """Agreement means something only where two or more sources report the party."""
    if len({s.source for s in m.by_source}) < 2:
        return "—"
    return "yes" if m.agreement else "NO"


def merged_table(merged: list[MergedParty]) -> Table:
    table = _new_table("Across sources", ("Party", "Stance", "Conf.", "Sources agree", "By source"))
    for m in merged:
        by = Text("; ").join(Text(f"{s.outlet or _source_name(s.source)}: ") + _stance(s.stance, False)
                             for s in m.by_source)
        table.add_row(m.name, _stance(m.stance, m.low_confidence), f"{m.confidence:.2f}", _agreement(m), by)
    return table


def to_table(results: list[ArticleResult], merged: list[MergedParty], console: Console | None = None) -> str:
    """The tables as text for ``console`` (see ``console_for``): ANSI colour only where it colours."""
    console = console or console_for()
    with console.capture() as captured:
        for r in results:
            console.print(article_table(r))
        if len(results) > 1 and merged:
            console.print(merged_table(merged))
    return captured.get()
