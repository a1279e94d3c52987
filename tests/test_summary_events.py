"""Issue 20: page metadata from the text, grouping on names and text dates, summaries people read,
and the event-level checks `stance evaluate` reports."""

from typer.testing import CliRunner

from stance.cli import app
from stance.classify import load_classifier
from stance.eval.events import grouping_scores, is_junk, offsets_valid, repeated
from stance.io.clean import clean_article
from stance.pipeline import run
from stance.summarize import stance_judge, summarize
from stance.summarize.grouping import group_events
from stance.types import EventSummary, SourceSentence, SummarySentence

MASTHEAD_PAGE = """THE HARBOUR LAMP
News | Coast | Opinion | Sport
Support our reporting

Port talks stall as Veld rebels set terms

A ferry at the Veld pier on 2 March 2031. Photo: Lamp archive

VELD — Rebel commander Oska Brin said on Wednesday, March 5, 2031, that his fighters would stop shooting at the port only if the navy lifted its blockade of Veld harbour.
"""

WIRE_PAGE = """VELD, Jan. 15, 2036 (BPA) — The harbour council of Veld asked both navies on Tuesday to let fishing boats leave port for the winter catch.

Brightwater Press Agency
"""


def test_masthead_and_menu_are_not_the_title_and_name_the_outlet():
    a = clean_article("page.txt", MASTHEAD_PAGE)
    assert a.title == "Port talks stall as Veld rebels set terms"
    assert a.outlet == "The Harbour Lamp"
    assert a.date == "2031-03-05"  # the text's date, not the caption's 2 March


def test_wire_credit_names_the_outlet_and_abbreviated_dates_are_read():
    a = clean_article("wire.txt", WIRE_PAGE)
    assert a.outlet == "Brightwater Press Agency" and a.date == "2036-01-15"
    bare = clean_article("bare.txt", WIRE_PAGE.replace("Brightwater Press Agency", "More from the coast"))
    assert bare.outlet == "BPA"
    relayed = clean_article("r.txt", "Talks on the Veld harbour truce resumed on Monday, Reuters reported, citing "
                                     "two officials who spoke on condition of anonymity.")
    assert relayed.outlet == "Reuters"
    aired = clean_article("a.txt", WIRE_PAGE.replace("Brightwater Press Agency",
                                                     "This report was first broadcast on Saltmarsh Radio News."))
    assert aired.outlet == "Saltmarsh Radio News"


ONE_A = """Rasmet offers holiday truce; Dovo rebels refuse

Tessaline Wire
March 6, 2035

KASTEL, March 6 (Tessaline Wire) — Rasmet President Ilona Varek on Tuesday offered a ten-day truce in the Dovo hills for the Thaw Festival, and rebel commander Bogdan Kell rejected it within hours.

Bishop Amadeo Sorn, the church mediator, welcomed the offer.
"""
ONE_B = """KASTEL — Ilona Varek wants a festival ceasefire in the Dovo hills. Bogdan Kell, who commands the rebels in the passes, does not.

Varek announced on Tuesday, March 6, 2035, that government forces would hold their fire for ten days over the Thaw Festival, and Kell answered on rebel radio that there would be no truce. Bishop Amadeo Sorn said he still hoped both camps would send envoys.

Support The Coastline Ledger with a monthly gift.
"""
NEXT_DAY = """Dovo farmers ask army for safe passage to markets

Tessaline Wire
March 7, 2035

KASTEL, March 7 (Tessaline Wire) — Farmers' union leader Mila Trost asked the Rasmet army on Wednesday to open a corridor so that produce from the Dovo hills could reach the Kastel markets, and the army said it would study the request.
"""


def _articles(tmp_path, texts):
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"page_{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_grouping_uses_names_and_the_text_date(tmp_path):
    arts = [clean_article(p, open(p, encoding="utf-8").read()) for p in _articles(tmp_path, [ONE_A, NEXT_DAY, ONE_B])]
    assert arts[2].title == "" and arts[2].date == "2035-03-06"
    assert group_events(arts) == [[0, 2], [1]]


def test_event_summary_merges_outlets_and_never_repeats_a_source_sentence(tmp_path):
    clf = load_classifier("rules")
    results = list(run(_articles(tmp_path, [ONE_A, ONE_B]), clf))
    event = summarize(results, stance_of=stance_judge(clf))[0]
    by_source = {r.article.source: r.article for r in results}
    assert [a["outlet"] for a in event.articles] == ["Tessaline Wire", "The Coastline Ledger"]
    lead = event.sentences[0]
    assert lead.kind == "report" and "Tessaline Wire and The Coastline Ledger" in lead.text and "2035" in lead.text
    assert repeated(event) == []
    assert all(offsets_valid(s, by_source) and not is_junk(s, by_source) for s in event.sentences)
    for s in event.sentences:
        if s.kind == "position":
            assert s.text.startswith(s.party) and all(o in s.text for o in s.sources)
    short = summarize(results, stance_of=stance_judge(clf), max_sentences=2)[0]
    assert len(short.sentences) == 2 and short.sentences[0].kind == "report"


def test_cli_max_sentences(tmp_path):
    paths = _articles(tmp_path, [ONE_A, ONE_B])
    res = CliRunner().invoke(app, ["summarize", "--model", "rules", "--max-sentences", "0", *paths])
    assert res.exit_code == 2 and res.output.strip().splitlines()[-1].startswith("error:")
    ok = CliRunner().invoke(app, ["summarize", "--model", "rules", "--max-sentences", "3", *paths])
    assert ok.exit_code == 0 and "Tessaline Wire" in ok.output


def test_grouping_scores_are_pairwise():
    gold = {"a": "e1", "b": "e1", "c": "e1", "d": "e2"}
    assert grouping_scores([["a", "b", "c", "d"]], gold)["grouping_precision"] == 0.5
    scores = grouping_scores([["a", "b"], ["c"], ["d"]], gold)
    assert scores["grouping_precision"] == 1.0 and scores["grouping_recall"] == 1 / 3


def test_checks_catch_repeats_junk_and_bad_offsets():
    text = "Photo: Lamp archive\nThe rebel commander said his fighters would hold their fire if the blockade ended."
    from stance.types import Article

    article = Article(source="x", text=text, body=[(20, len(text))])
    claim = SourceSentence("x", "Lamp", text[20:], 20, len(text))
    caption = SourceSentence("x", "Lamp", text[:19], 0, 19)
    first = SummarySentence(text="According to Lamp, " + claim.text, sources=["Lamp"], evidence=[claim], support=1,
                            kind="report", core=claim.text)
    again = SummarySentence(text="Lamp reports: " + claim.text, sources=["Lamp"], evidence=[claim], support=1,
                            kind="position", core=claim.text)
    junk = SummarySentence(text="According to Lamp, the photo is from the archive.", sources=["Lamp"],
                           evidence=[caption], support=1, kind="report")
    event = EventSummary("e", "", [{"source": "x", "outlet": "Lamp"}], [first, again, junk], [])
    assert repeated(event) == [again.text]
    assert is_junk(junk, {"x": article}) and not is_junk(first, {"x": article})
    said = 'More to follow. "We fight on."'
    quoted = Article(source="q", text=said, body=[(0, len(said))])
    short = SourceSentence("q", "Lamp", said[-14:], len(said) - 14, len(said))
    stub = SourceSentence("q", "Lamp", said[:15], 0, 15)
    assert not is_junk(SummarySentence("Lamp reports: " + short.text, ["Lamp"], [short], 1), {"q": quoted})
    assert is_junk(SummarySentence("Lamp reports: " + stub.text, ["Lamp"], [stub], 1), {"q": quoted})
    opened = '"Let them halt. Then we talk," Kahu said.'
    first_of_quote = SourceSentence("o", "Lamp", opened[:15], 0, 15)
    assert not is_junk(SummarySentence("Lamp reports: " + first_of_quote.text, ["Lamp"], [first_of_quote], 1),
                       {"o": Article(source="o", text=opened, body=[(0, len(opened))])})
    page = "Muscat says the jebel war is over\n\nThe sultanate said its guns had been silent since Tuesday."
    headed = Article(source="h", text=page, body=[(35, len(page))], title_span=(0, 33))
    headline = SourceSentence("h", "Lamp", page[:33], 0, 33)
    assert not is_junk(SummarySentence("Lamp reports: " + headline.text, ["Lamp"], [headline], 1), {"h": headed})
    shifted = SourceSentence("x", "Lamp", claim.text, 21, len(text) + 1)
    assert offsets_valid(first, {"x": article})
    assert not offsets_valid(SummarySentence("t", ["Lamp"], [shifted], 1), {"x": article})
    assert not offsets_valid(SummarySentence("t", ["Other"], [claim], 1), {"x": article})
