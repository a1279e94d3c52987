"""The Python API as the README shows it: a bare Article, and text streams for stdin."""

import io

import stance


def test_analyze_a_bare_article(seed_paths):
    text = seed_paths[1].read_text(encoding="utf-8")
    result = stance.analyze(stance.Article(source="pasted", text=text), classifier="rules")
    assert result.article.body, "read() finds the body of an Article that has none"
    names = {p.party.name for p in result.parties}
    assert "Vladimir Putin" in names


def test_run_reads_stdin_from_a_text_stream(seed_paths):
    text = seed_paths[1].read_text(encoding="utf-8")
    results = list(stance.run(["-"], classifier="rules", stdin=io.StringIO(text)))
    assert len(results) == 1 and isinstance(results[0], stance.ArticleResult)
    assert results[0].article.text == text
    binary = list(stance.run(["-"], classifier="rules", stdin=io.BytesIO(text.encode("utf-8"))))
    assert [p.party.name for p in binary[0].parties] == [p.party.name for p in results[0].parties]


def test_run_reads_jsonl_from_a_text_stream():
    rows = '{"id": "a", "text": "Foreign Minister Omar Haddad said the government was open to a ceasefire."}\n'
    results = list(stance.run(["-"], classifier="rules", stdin=io.StringIO(rows)))
    assert [r.article.source for r in results] == ["a"]


def test_a_one_line_text_longer_than_any_path_is_read_as_text():
    text = ("The Lowland Front said on Monday that it would observe a two-week truce from midnight across the "
            "river valley and the southern hills, so that the families trapped in the old town could bury their dead, "
            "and that its commanders had been told to answer no provocation while the mediators travelled.")
    assert len(text.encode()) > 255
    result = stance.analyze(text, "rules")
    assert [p.party.name for p in result.parties] == ["Lowland Front"]
