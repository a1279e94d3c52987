"""Summaries: event grouping, attribution, the quotation rule and the faithfulness gate."""

import json
import re

import pytest
from typer.testing import CliRunner

from stance.classify import load_classifier
from stance.cli import app
from stance.pipeline import run
from stance.summarize import source_pool, stance_judge, summarize
from stance.summarize.extractive import frame
from stance.summarize.gate import SourcePool, check
from stance.summarize.grouping import group_events
from stance.types import SourceSentence
from stance.render.summary import to_dict, to_markdown
from stance.summarize.text import loaded_words, normalise_quotes, outlet_name, quoted_spans
from stance.types import Article

OUTLETS = ("The Moscow Times", "The Kyiv Independent")
JUNK = ("favor to ask", "POWs", "European Union", "arrest warrants", "Subscribe", "wealthy owner", "foreign agent")


def art(source: str, title: str, text: str, date: str = "", outlet: str = "") -> Article:
    return Article(source=source, text=text, title=title, outlet=outlet, date=date, body=[(0, len(text))])


HARBOUR_A = art("a.txt", "Velmora offers harbour truce to Ostrel rebels", (
    "The government of Velmora offered the Ostrel rebels a ten-day truce around the port of Sandhaven on Monday, "
    "its foreign minister Ilse Marrow told reporters. Marrow said the harbour truce would let grain ships leave "
    "Sandhaven. Rebel commander Joss Tiller said his fighters would observe the harbour truce only if the navy "
    "lifted its blockade of Sandhaven."), date="2031-03-02", outlet="Coast Wire")
HARBOUR_B = art("b.txt", "Ostrel rebels set blockade terms for Sandhaven truce", (
    "Ostrel rebels said on Monday they would accept Velmora's ten-day harbour truce at Sandhaven only if the navy "
    "ended its blockade, commander Joss Tiller said. Foreign minister Ilse Marrow had offered the truce so grain "
    "ships could leave the port of Sandhaven, she told reporters."), date="2031-03-02", outlet="Island Post")
MINES = art("c.txt", "Drena and Vask agree on mine clearance in the northern hills", (
    "Engineers from Drena and Vask began clearing mines along the northern hill road on Thursday after both "
    "defence ministries signed a technical protocol. The protocol covers forty kilometres of road near Kell. "
    "Drena's defence ministry said teams would work in daylight only."), date="2031-03-02", outlet="Hill Courier")


def test_grouping_keeps_two_events_apart():
    assert group_events([HARBOUR_A, MINES, HARBOUR_B]) == [[0, 2], [1]]


def test_grouping_date_veto_splits_follow_ups():
    later = art("d.txt", HARBOUR_B.title, HARBOUR_B.text, date="2031-04-20", outlet="Island Post")
    assert group_events([HARBOUR_A, later]) == [[0], [1]]
    assert group_events([HARBOUR_A, later], max_days=60) == [[0, 1]]


def test_outlet_falls_back_to_file_name_and_frame_names_it():
    a = art("dir/dev_009.txt", "t", "Some text here.")
    assert outlet_name(a) == "dev_009"
    assert frame("Coast Wire", "The minister said the truce would hold.", "the minister") == \
        "According to Coast Wire, the minister said the truce would hold."
    already = "Coast Wire could not verify the claim."
    assert frame("Coast Wire", already, "") == already


@pytest.fixture(scope="module")
def seed_results(seed_paths):
    return list(run([str(p) for p in seed_paths], load_classifier("rules")))


@pytest.fixture(scope="module")
def seed_events(seed_results):
    return summarize(seed_results, stance_of=stance_judge(load_classifier("rules")))


def test_seed_is_one_event_with_every_sentence_attributed(seed_events, seed_results):
    assert len(seed_events) == 1
    event = seed_events[0]
    assert [a["outlet"] for a in event.articles] == list(OUTLETS)
    assert event.sentences and not event.dropped
    for s in event.sentences:
        assert any(o in s.text for o in OUTLETS), s.text
        assert s.sources and set(s.sources) <= set(OUTLETS)
        assert 0.0 <= s.support <= 1.0
    report = next(s for s in event.sentences if s.kind == "report")
    assert report.origin == "Reuters" and set(report.sources) == set(OUTLETS)
    assert "anonymous" in report.text or "undisclosed" in report.text


def test_seed_covers_every_party_with_its_stance(seed_events):
    event = seed_events[0]
    text = " ".join(s.text for s in event.sentences)
    for name in ("Putin", "Peskov", "Zelensky", "Lytvynenko"):
        assert name in text
    assert "Kyiv" in text or "Ukrainian officials" in text
    stances = {p.party: p.stance for p in event.positions}
    said = {s.party: s.stance for s in event.sentences if s.kind in ("position", "stance")}
    assert said == stances
    assert any(s.kind in ("agreement", "disagreement") for s in event.sentences)
    assert any("could not verify" in s.text for s in event.sentences)


def test_seed_quotes_verbatim_and_no_loaded_words_or_junk(seed_events, seed_results):
    texts = [normalise_quotes(r.article.text) for r in seed_results]
    blob = json.dumps(to_dict(seed_events))
    for s in seed_events[0].sentences:
        assert not loaded_words(s.text), s.text
        for q in quoted_spans(s.text):
            assert any(normalise_quotes(q).strip(" ,.;:") in t for t in texts), q
    for junk in JUNK:
        assert junk not in blob


POOL_TEXT = ("Kremlin spokesman Dmitry Peskov told Reuters that Moscow was open to dialogue and did not want an "
             "“eternal war.” Reuters spoke to five Russian sources. The regime, critics said, was brutal.")


def tiny_pool() -> SourcePool:
    sents = [SourceSentence("x.txt", "Coast Wire", t, 0, len(t)) for t in re.split(r"(?<=[.”])\s+", POOL_TEXT)]
    return SourcePool(sents, [POOL_TEXT], ["Coast Wire", "Dmitry Peskov"])


def test_quotation_rule():
    pool = tiny_pool()
    good = "According to Coast Wire, Dmitry Peskov told Reuters that Moscow did not want an “eternal war.”"
    assert check(good, pool).ok
    bad = check("According to Coast Wire, Dmitry Peskov told Reuters that Moscow wanted “an honourable end.”", pool)
    assert not bad.ok and any("not verbatim" in r for r in bad.reasons)


def test_loaded_words_only_inside_quotes():
    assert loaded_words("Coast Wire said the regime was brutal.") == ["regime", "brutal"]
    assert loaded_words("Coast Wire quoted critics: “The regime was brutal.”") == []
    verdict = check("According to Coast Wire, the regime, critics said, was brutal.", tiny_pool())
    assert not verdict.ok and any("loaded" in r for r in verdict.reasons)


class FakeGenerator:
    """Stands in for an LLM: returns a fixed answer and records the prompt."""

    def __init__(self, answer: str):
        self.answer, self.prompts = answer, []

    def generate(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.answer


FAITHFUL = ("According to The Kyiv Independent, Kremlin spokesperson Dmitry Peskov told Reuters that Russia was "
            "open to dialogue and did not want \"eternal war.\"")
PLANTED = [
    "According to The Moscow Times, Ukrainian President Volodymyr Zelensky has agreed to a ceasefire on the current "
    "battlefield lines.",
    "According to The Moscow Times, Putin is stoking the flames of war on the current battlefield lines.",
    "According to The Kyiv Independent, Putin wants to restore the Russian Empire, Reuters reported.",
    "According to The Kyiv Independent, Reuters spoke to 40 Russian sources.",
    "According to The Moscow Times, Kremlin spokesman Dmitry Peskov told Reuters that Putin did not want dialogue.",
    # what the bundled 135M model wrote on the seed: an invented description and a confirmation
    "The Kyiv Independent, a Russian news agency, has confirmed that Putin is seeking a ceasefire, and the Kyiv "
    "Independent carried the same account.",
    "The Kyiv Independent verified the claims.",
]
PARAPHRASE = "According to The Moscow Times, Kremlin spokesman Dmitry Peskov told Reuters that Moscow was open to dialogue."


def test_gate_drops_planted_and_invented_sentences(seed_results):
    gen = FakeGenerator("Summary:\n- " + FAITHFUL + "\n" + PARAPHRASE + "\n" + "\n".join(PLANTED))
    events = summarize(seed_results, generator=gen, stance_of=stance_judge(load_classifier("rules")))
    event = events[0]
    assert len(gen.prompts) == 1 and "according to the moscow times" in gen.prompts[0].lower()
    kept = [s.text for s in event.sentences]
    assert FAITHFUL in kept and PARAPHRASE in kept
    dropped = {d.text: d.reasons for d in event.dropped}
    for planted in PLANTED:
        assert planted in dropped and dropped[planted], planted
    assert any("flames" in r or "stoking" in r for r in dropped[PLANTED[1]])
    assert any("Empire" in r for r in dropped[PLANTED[2]])
    assert any("40" in r for r in dropped[PLANTED[3]])
    assert any("description not in the sources" in r for r in dropped[PLANTED[5]])
    for name in ("Putin", "Zelensky", "Lytvynenko"):
        assert any(name in t for t in kept), name
    assert any("could not verify" in t for t in kept) and any("Reuters report" in t for t in kept)
    md = to_markdown(events)
    assert "Dropped" in md and "stoking" in md


class BagOfWordsEmbedder:
    """A deterministic stand-in for MiniLM: hashed word counts, unit length."""

    def encode(self, texts):
        import zlib

        import numpy as np

        out = np.zeros((len(texts), 256))
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]+", t.lower()):
                out[i, zlib.crc32(w.encode()) % 256] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_gate_uses_embedding_support(seed_results):
    pool = source_pool(seed_results)
    emb = BagOfWordsEmbedder()
    assert check(FAITHFUL, pool, emb).ok
    off_topic = check("According to The Kyiv Independent, grain prices in the region rose in spring.", pool, emb)
    assert not off_topic.ok and any("support" in r for r in off_topic.reasons)


@pytest.mark.slow
def test_minilm_gate_on_seed(seed_results):
    from stance.embeddings import default_embedder

    pool, emb = source_pool(seed_results), default_embedder()
    event = summarize(seed_results)[0]
    kw = {"stances": {p.party: p.stance for p in event.positions}, "stance_of": stance_judge(load_classifier("rules"))}
    ok = check(FAITHFUL, pool, emb, **kw)
    assert ok.ok and ok.support > 0.8
    assert check(PARAPHRASE, pool, emb, **kw).ok
    for planted in PLANTED:
        assert not check(planted, pool, emb, **kw).ok, planted


def test_cli_summarize_json_out_and_llm_error(seed_paths, tmp_path):
    out = tmp_path / "s.json"
    res = CliRunner().invoke(app, ["summarize", "--model", "rules", "--format", "json", "--out", str(out), *map(str, seed_paths)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert len(doc["events"]) == 1
    event = doc["events"][0]
    assert {"articles", "sentences", "dropped"} <= set(event)
    assert all({"text", "sources", "evidence", "support"} <= set(s) for s in event["sentences"])
    bad = CliRunner().invoke(app, ["summarize", "--model", "rules", "--llm", "no-such-backend:x", *map(str, seed_paths)])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert bad.output.strip().splitlines()[-1].startswith("error:")


def test_predict_json_carries_summary(seed_paths):
    res = CliRunner().invoke(app, ["predict", "--model", "rules", "--format", "json", *map(str, seed_paths)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert {"articles", "parties", "errors"} <= set(doc)
    assert len(doc["summary"]["events"]) == 1
    table = CliRunner().invoke(app, ["predict", "--model", "rules", *map(str, seed_paths)])
    assert "Summary" in table.stdout and "according to The Moscow Times" in " ".join(table.stdout.split())


def _stance(article: Article, name: str, role: str, stance: str, snippet: str):
    from stance.types import Evidence, Party, PartyStance

    start = article.text.index(snippet)
    ev = Evidence(snippet, start, start + len(snippet), name)
    return PartyStance(party=Party(name=name, role=role), stance=stance, confidence=0.9, evidence=[ev],
                       attribution=name, source=article.source)


def test_disagreement_between_outlets_is_stated():
    from stance.eval.summary import balance, party_coverage
    from stance.types import ArticleResult

    a = ArticleResult(HARBOUR_A, [
        _stance(HARBOUR_A, "Joss Tiller", "Rebel commander", "conditional",
                "Rebel commander Joss Tiller said his fighters would observe the harbour truce only if the navy "
                "lifted its blockade of Sandhaven."),
        _stance(HARBOUR_A, "Ilse Marrow", "foreign minister", "open",
                "Marrow said the harbour truce would let grain ships leave Sandhaven.")])
    b = ArticleResult(HARBOUR_B, [
        _stance(HARBOUR_B, "Joss Tiller", "commander", "rejecting",
                "Ostrel rebels said on Monday they would accept Velmora's ten-day harbour truce at Sandhaven only if "
                "the navy ended its blockade, commander Joss Tiller said.")])
    events = summarize([a, b])
    assert len(events) == 1
    event = events[0]
    differ = [s for s in event.sentences if s.kind == "disagreement"]
    assert len(differ) == 1 and "Joss Tiller" in differ[0].text
    assert "Coast Wire reads as conditional" in differ[0].text and "Island Post reads as rejecting" in differ[0].text
    assert any(s.kind == "coverage" and "Only Coast Wire" in s.text and "Ilse Marrow" in s.text
               for s in event.sentences)
    assert all(("Coast Wire" in s.text) or ("Island Post" in s.text) for s in event.sentences)
    gold = [{"name": "Joss Tiller", "aliases": ["Tiller"], "stance": "conditional"},
            {"name": "Ilse Marrow", "aliases": ["Marrow"], "stance": "open"},
            {"name": "Arno Pell", "aliases": [], "stance": "rejecting"}]
    cov = party_coverage(event, gold)
    assert cov["party_coverage"] == pytest.approx(2 / 3)
    assert 0.0 < balance(event) <= 1.0


def test_a_party_quoted_only_in_the_headline_is_summarised_with_the_headline_as_evidence(tmp_path):
    from stance.eval.events import offsets_valid
    from stance.summarize.extractive import party_sentences

    page = tmp_path / "page.txt"
    page.write_text("Army chief Dolan: 'No truce until the hills are cleared'\n\n"
                    "KARSA, May 3 (Harbor Wire) — Senator Mira Dolan said on Monday the country needed a truce within "
                    "the week, while General Anton Dolan, the army chief of staff, inspected troops near the front.\n\n"
                    "The general did not speak to reporters. Fighting continued in the hills east of the capital.\n",
                    encoding="utf-8")
    results = list(run([str(page)], classifier="rules"))
    by_source = {r.article.source: r.article for r in results}
    sentences = [s for s in party_sentences(results)[0] if s.party == "Anton Dolan"]
    assert sentences and all(offsets_valid(s, by_source) for s in sentences)
    assert "No truce until the hills are cleared" in sentences[0].text
