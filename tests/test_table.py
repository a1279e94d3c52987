"""The terminal table: fits 80 columns, colours only a real terminal (NO_COLOR respected),
flags low confidence everywhere and states agreement only where two sources report a party."""

import io
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from stance.aggregate import merge_parties
from stance.cli import app
from stance.render.table import console_for, to_table
from stance.types import Article, ArticleResult, Evidence, Party, PartyStance

LONG = ("The Western Brigade rejected the truce on Sunday, its commander Petra Lind said, vowing to fight until "
        "every village in the northern districts was retaken, whatever the cost.")


def result(source: str, outlet: str, parties: list[tuple[str, str, float]]) -> ArticleResult:
    article = Article(source=source, text=LONG, title="A very long headline about the truce offer and its rejection",
                      outlet=outlet, date="2024-05-26")
    stances = [PartyStance(party=Party(name=name, role="commander of the Western Brigade of the northern army"),
                           stance=stance, confidence=conf, evidence=[Evidence(LONG, 0, len(LONG))],
                           attribution=f"{outlet}, citing a statement", source=source, low_confidence=conf < 0.5)
               for name, stance, conf in parties]
    return ArticleResult(article=article, parties=stances)


@pytest.fixture()
def tables():
    results = [result("/home/analyst/very/long/local/path/to/an/article-from-the-kyiv-independent.txt",
                      "The Kyiv Independent", [("Petra Lind", "rejecting", 0.41), ("Omar Haddad", "open", 0.9)]),
               result("/home/analyst/very/long/local/path/to/another.txt", "Evil Empire News",
                      [("Petra Lind", "rejecting", 0.45)])]
    return results, merge_parties([(r.article, r.parties) for r in results])


def test_no_line_exceeds_80_columns(tables):
    results, merged = tables
    text = to_table(results, merged, Console(width=80, file=io.StringIO(), color_system=None))
    assert "Across sources" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "/home/analyst" not in text


def test_cli_table_fits_80_columns(seed_paths):
    result = CliRunner().invoke(app, ["predict", "--model", "rules", *map(str, seed_paths)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_low_confidence_flag_in_every_table(tables):
    results, merged = tables
    article_part, merged_part = to_table(results, merged).split("Across sources")
    assert "(low)" in article_part and "(low)" in merged_part


def test_agreement_only_where_two_sources_report(tables):
    results, merged = tables
    rows = to_table(results, merged).split("Across sources")[1]
    lind = next(line for line in rows.splitlines() if "Petra Lind" in line)
    haddad = next(line for line in rows.splitlines() if "Omar Haddad" in line)
    assert "yes" in lind
    assert "yes" not in haddad and "NO" not in haddad and "—" in haddad


COLOUR = re.compile(r"\x1b\[[0-9;]*?(?<![0-9])(3[0-8]|9[0-7])[;m]")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def colour_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")
    return monkeypatch


def test_colour_on_a_terminal_only(tables, colour_env):
    results, merged = tables
    coloured = to_table(results, merged, console_for(Terminal()))
    assert COLOUR.search(coloured)
    assert "\x1b[" not in to_table(results, merged, console_for(io.StringIO()))
    assert "\x1b[" not in to_table(results, merged)


def test_no_color_turns_colour_off(tables, colour_env):
    results, merged = tables
    colour_env.setenv("NO_COLOR", "1")
    text = to_table(results, merged, console_for(Terminal()))
    assert not COLOUR.search(text), "NO_COLOR keeps bold and italic, never colour"
    assert "rejecting (low)" in re.sub(r"\x1b\[[0-9;]*m", "", text)
