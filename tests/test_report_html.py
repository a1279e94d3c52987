"""The HTML report: escaping of article text, anchors to evidence and citations, a real browser load."""

import re
import shutil
import subprocess

import pytest

from stance.classify import load_classifier
from stance.io.ingest import Raw, to_article
from stance.pipeline import analyze, merge, summarize
from stance.render import summary as summary_render
from stance.render.html import render_html

HOSTILE = (
    "Truce offer rejected <script>document.title='pwned'</script>\n\n"
    "The Western Brigade rejected the truce on Sunday, its commander Petra Lind said, vowing to fight until every village was retaken. "
    "<img src=x onerror=\"document.title='pwned'\"> was posted beside the statement.\n\n"
    "Foreign Minister Omar Haddad said the government was open to talks with the brigade at any time.\n"
)
SECOND = (
    "Government says it is open to talks as brigade rejects truce\n\n"
    "Foreign Minister Omar Haddad said on Sunday that the government was open to talks with the Western Brigade at any "
    "time, Evil Empire News reported.\n\n"
    "Petra Lind, the brigade's commander, rejected the truce and said her fighters would not stop until every village "
    "was retaken.\n\n"
    "Evil Empire News could not independently verify the statement.\n"
)
ARTICLES = [("/home/analyst/secret/hostile.txt", HOSTILE, "Evil Empire News", "https://evil.example/news/truce"),
            ("/home/analyst/secret/second.txt", SECOND, "Northern Wire", "https://wire.example/a?b=1&c=2")]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    rules = load_classifier("rules")
    results = [analyze(to_article(Raw(source=src, content=text, outlet=outlet, url=url, date="2024-05-26")), rules)
               for src, text, outlet, url in ARTICLES]
    summary = summary_render.to_dict(summarize(results, rules))
    html = render_html(results, merge(results), summary=summary)
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    return results, html, path, summary


def test_article_text_is_escaped(page):
    _, html, _, _ = page
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "<script" not in html.lower()


def test_every_cell_links_to_a_highlighted_evidence_anchor(page):
    results, html, _, _ = page
    links = set(re.findall(r"href='#(a\d+-p\d+)'", html))
    assert len(links) == sum(len(r.parties) for r in results) > 0
    for anchor in links:
        assert re.search(rf'<(mark|span)[^>]*id="{anchor}"', html), anchor


def test_summary_citations_jump_to_their_evidence(page):
    _, html, _, summary = page
    items = re.findall(r"<ul class='summary'>(.*?)</ul>", html, re.S)
    cited = [li for li in "".join(items).split("<li>") if "href='#a" in li]
    assert len(cited) == len([s for e in summary["events"] for s in e["sentences"] if s["evidence"]]) > 0
    cites = set(re.findall(r"href='#(a\d+-c\d+)'", html))
    for anchor in cites:
        assert re.search(rf'<(mark|span)[^>]*id="{anchor}"', html), anchor


def test_file_names_and_links_not_local_paths(page):
    _, html, _, _ = page
    assert "/home/analyst" not in html
    assert "href='https://evil.example/news/truce'" in html and "href='https://wire.example/a?b=1&amp;c=2'" in html


def test_outlet_names_are_not_loaded_words_and_no_llm_drop_note(page):
    _, html, _, summary = page
    reasons = [r for e in summary["events"] for d in e["dropped"] for r in d["reasons"]]
    assert not [r for r in reasons if "loaded" in r], reasons
    assert any("Evil Empire News" in s["text"] for e in summary["events"] for s in e["sentences"])
    assert "generated sentence" not in html


def test_no_nested_scroll_boxes_and_a_matrix_that_scrolls_sideways(page):
    _, html, _, _ = page
    assert "max-height" not in html and "overflow:auto" not in html
    assert "<div class='wide'><table class='matrix'>" in html and "position:sticky" in html


def test_matrix_stays_one_table_with_20_sources():
    rules = load_classifier("rules")
    results = [analyze(to_article(Raw(source=f"/tmp/s{i}.txt", content=SECOND, outlet=f"Outlet number {i}",
                                      date=f"2024-05-{i + 1:02d}")), rules) for i in range(20)]
    html = render_html(results, merge(results))
    header = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert header.count("<th") == 22 and header.count("class='date'") == 20


def chromium(*args: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_headless_chromium_finds_parties_links_and_labels(page, tmp_path):
    results, _, path, _ = page
    proc = chromium("--dump-dom", path.as_uri(), tmp_path=tmp_path)
    dom = proc.stdout
    assert "<title>Ceasefire stances</title>" in dom, proc.stderr[-500:]
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "&lt;script&gt;" in dom
    for r in results:
        assert f'href="{r.article.url}"'.replace("&", "&amp;") in dom, r.article.url
        for ps in r.parties:
            assert ps.party.name in dom
            label = f'<span class="tag {ps.stance}">{ps.party.name}: {ps.stance}{" (low)" if ps.low_confidence else ""}</span>'
            assert label in dom, label
