"""The HTML report: escaping of article text, anchors to evidence, a real browser load."""

import re
import shutil
import subprocess

import pytest

from stance.classify import load_classifier
from stance.io.clean import clean_article
from stance.pipeline import analyze, merge
from stance.render.html import render_html

HOSTILE = (
    "Truce offer rejected <script>document.title='pwned'</script>\n\n"
    "The Western Brigade rejected the truce on Sunday, its commander Petra Lind said, vowing to fight until every village was retaken. "
    "<img src=x onerror=\"document.title='pwned'\"> was posted beside the statement.\n\n"
    "Foreign Minister Omar Haddad said the government was open to talks with the brigade at any time.\n"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    results = [analyze(clean_article("hostile.txt", HOSTILE), load_classifier("rules"))]
    html = render_html(results, merge(results))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    return results, html, path


def test_article_text_is_escaped(page):
    _, html, _ = page
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "<script" not in html.lower()


def test_every_cell_links_to_a_highlighted_evidence_anchor(page):
    results, html, _ = page
    assert results[0].parties
    links = set(re.findall(r"href='#(a\d+-p\d+)'", html))
    assert len(links) == len(results[0].parties)
    for anchor in links:
        assert re.search(rf'<(mark|span)[^>]*id="{anchor}"', html), anchor


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_headless_chromium_loads_the_page_and_finds_parties(page, tmp_path):
    results, _, path = page
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert "<title>Ceasefire stances</title>" in dom, proc.stderr[-500:]
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    for ps in results[0].parties:
        assert ps.party.name in dom
    assert "&lt;script&gt;" in dom
