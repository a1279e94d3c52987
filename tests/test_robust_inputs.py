"""Hostile and odd inputs: nothing crashes, what cannot be handled gets one clear line."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stance.classify import load_classifier
from stance.cli import app
from stance.io.ingest import MAX_CHARS, InputError, Raw, iter_raw, read_articles, to_article
from stance.io.lang import detect
from stance.pipeline import analyze, run

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGLISH = (
    "Rebels reject truce offer\n\n"
    "The Northern Front rejected the government's offer of a truce on Tuesday, its commander said. "
    "\"There will be no ceasefire while a single soldier remains on our land,\" commander Ilya Marsh told reporters.\n\n"
    "Interior Minister Dana Voss said the government was open to talks with the rebels at any time.\n"
)
runner = CliRunner()


@pytest.fixture(scope="module")
def rules():
    return load_classifier("rules")


def outcome(raw: Raw, classifier):
    """Either a result whose evidence offsets are honest, or an InputError; never anything else."""
    try:
        article = to_article(raw)
    except InputError as err:
        assert str(err).startswith(raw.source) and "\n" not in str(err)
        return err
    result = analyze(article, classifier)
    for ps in result.parties:
        for ev in ps.evidence:
            assert article.text[ev.start:ev.end] == ev.text
    json.dumps({"text": article.text, "language": article.language})
    return result


words = st.sampled_from(["ceasefire", "truce", "said", "the", "minister", "rejected", "talks", "“", "”", '"', "'",
                         "«", "Hamas", "Kyiv", "وقف", "إطلاق", "שלום", "перемирие", "停火", "\u200f", "\u202e",
                         "\x00", "\n", "\n\n", ".", ",", "!", "?", "—", "\t", "🙂"])


@FUZZ
@given(st.text(max_size=400))
def test_random_text_never_crashes(rules, text):
    outcome(Raw(source="fuzz.txt", content=text), rules)


@FUZZ
@given(st.lists(words, max_size=120).map(" ".join))
def test_quote_and_script_soup_never_crashes(rules, text):
    outcome(Raw(source="soup.txt", content="Truce talks\n\n" + text), rules)


tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>", "<!--", "-->",
                        "<article>", "</article>", "<a href='javascript:alert(1)'>", "</a>", "<![CDATA[", "]]>",
                        "<iframe src='file:///etc/passwd'>", "<img src=x onerror=alert(1)>", "&amp;", "&#0;", "&", "<"])


@FUZZ
@given(st.lists(st.one_of(tags, words, st.text(max_size=20)), max_size=80).map("".join))
def test_random_html_never_crashes(rules, html):
    outcome(Raw(source="fuzz.html", content="<html><body>" + html, is_html=True), rules)


def test_html_scripts_are_never_run_or_kept(rules):
    page = ("<html><head><script>document.write('INJECTED')</script></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in ENGLISH.split("\n\n")[1:])
            + "<script>alert('INJECTED')</script><img src=x onerror=\"alert('INJECTED')\"></article></body></html>")
    result = outcome(Raw(source="page.html", content=page, is_html=True), rules)
    assert "INJECTED" not in result.article.text
    assert result.parties


def test_one_character_article_is_reported_or_empty(rules):
    result = outcome(Raw(source="one.txt", content="x"), rules)
    assert isinstance(result, InputError) or result.parties == []


def test_ten_megabyte_article_gets_a_clear_message(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text((ENGLISH + "\n") * (10_000_000 // len(ENGLISH)), encoding="utf-8")
    (item,) = list(read_articles([str(path)]))
    assert isinstance(item, InputError)
    assert "too long" in str(item) and f"{MAX_CHARS:,}" in str(item)


def test_nul_bytes_inside_text_are_survived_and_binary_is_refused(tmp_path, rules):
    result = outcome(Raw(source="nul.txt", content=ENGLISH.replace("truce", "tru\x00ce")), rules)
    assert not isinstance(result, Exception)
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 10 + ENGLISH.encode())
    (item,) = list(read_articles([str(tmp_path / "bin.txt")]))
    assert isinstance(item, InputError) and "NUL" in str(item)


def test_right_to_left_quote_inside_english_keeps_the_article(rules):
    text = ENGLISH.replace("told reporters.", "told reporters, quoting the slogan «لا سلام بدون عدالة».")
    result = outcome(Raw(source="rtl.txt", content=text), rules)
    assert not isinstance(result, Exception)
    assert result.article.language == "en" and result.parties


FOREIGN = {
    "fr": "Le ministre de l'Intérieur a déclaré mardi que le gouvernement restait ouvert à un cessez-le-feu, "
          "mais les rebelles ont rejeté l'offre et promis de poursuivre les combats dans le nord du pays.",
    "ru": "Министр внутренних дел заявил во вторник, что правительство готово к перемирию, однако повстанцы "
          "отвергли предложение и пообещали продолжать боевые действия на севере страны.",
    "ar": "قال وزير الداخلية يوم الثلاثاء إن الحكومة مستعدة لوقف إطلاق النار، لكن المتمردين رفضوا العرض "
          "وتعهدوا بمواصلة القتال في شمال البلاد.",
    "de": "Der Innenminister sagte am Dienstag, die Regierung sei zu einer Waffenruhe bereit, doch die Rebellen "
          "lehnten das Angebot ab und kündigten an, die Kämpfe im Norden des Landes fortzusetzen.",
}


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_non_english_is_reported_never_labelled(tmp_path, code):
    path = tmp_path / f"{code}.txt"
    path.write_text(FOREIGN[code], encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    result = runner.invoke(app, ["predict", "--model", "rules", "--format", "json", str(path), str(good)])
    assert result.exit_code == 1
    (line,) = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert str(path) in line and f"'{code}'" in line and "not English" in line
    doc = json.loads(result.stdout)
    assert [a["source"] for a in doc["articles"]] == [str(good)]
    assert doc["articles"][0]["language"] == "en"


def test_language_detection_is_undetermined_on_scraps():
    assert detect("ok").language == "und"
    assert detect(ENGLISH).language == "en"


def test_jsonl_is_read_one_line_at_a_time():
    class Stream:
        """Rows served lazily; reading past row 3 before row 1 is handed out would fail."""

        def __init__(self):
            self.rows = [json.dumps({"id": f"r{i}", "text": ENGLISH}).encode() + b"\n" for i in range(1000)]
            self.served = 0

        def readline(self, limit=-1):
            if self.served >= len(self.rows):
                return b""
            self.served += 1
            return self.rows[self.served - 1]

        def read(self, n=-1):
            return self.readline()

    stream = Stream()
    items = iter_raw(["-"], stdin=stream)
    first = next(items)
    assert first.source == "r0" and stream.served <= 2
    assert sum(1 for _ in items) == 999


def test_oversized_jsonl_line_is_reported_and_the_next_line_still_read(tmp_path, monkeypatch):
    import stance.io.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    path = tmp_path / "rows.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 5000})
    path.write_text(big + "\n" + json.dumps({"id": "ok", "text": ENGLISH}) + "\n", encoding="utf-8")
    items = list(iter_raw([str(path)]))
    assert isinstance(items[0], InputError) and "too large" in str(items[0]) and ":1" in items[0].source
    assert items[1].source == "ok"


def test_an_unexpected_failure_in_one_article_never_stops_the_batch(tmp_path, monkeypatch, rules):
    import stance.features as features

    real = features.extract

    def flaky(article, parsed):
        if "EXPLODE" in article.text:
            raise RuntimeError("extractor bug")
        return real(article, parsed)

    monkeypatch.setattr(features, "extract", flaky)
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": f"a{i}", "text": ENGLISH + ("EXPLODE\n" if i == 1 else "")}) + "\n"
                            for i in range(3)), encoding="utf-8")
    items = list(run([str(rows)], rules))
    assert [type(x).__name__ for x in items] == ["ArticleResult", "InputError", "ArticleResult"]
    assert "a1" in str(items[1]) and "RuntimeError" in str(items[1]) and "extractor bug" in str(items[1])
    result = runner.invoke(app, ["predict", "--model", "rules", "--format", "jsonl", str(rows)])
    assert result.exit_code == 1
    assert [json.loads(ln)["source"] for ln in result.stdout.splitlines()] == ["a0", "a2"]
    assert "Traceback" not in result.output
