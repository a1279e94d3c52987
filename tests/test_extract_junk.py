"""No evidence may come from page junk: appeals, newsletter forms, news feeds."""

import re

import pytest

from stance.data import load_split
from stance.extract import extract
from stance.features import find_parties_many, gold_article
from stance.io.clean import clean_article
from stance.nlp import parse_body

PAGE = """Rebels offer truce as talks open

The Harbour Ledger
By Ana Pell | March 3, 2031

General Ansel Brack said on Monday that his forces were ready for a ceasefire if the army pulled back.

“We will stop the moment they stop,” Brack said.

Support our journalism
We need your help. Every contribution keeps our reporters free. President Lena Marsk says: “Donate to end the war!”

News Feed
10:05  Prime Minister Oskar Helland rejects ceasefire, vows to fight on
09:40  Weather: storms on the coast

Get the Ledger Briefing in your inbox
Enter your email
Subscribe
"""


def test_evidence_only_from_body():
    article = clean_article("page", PAGE)
    found = extract(article, parse_body(article))
    names = {p.name for p, _ in found}
    assert any("Brack" in n for n in names)
    assert not any("Helland" in n or "Marsk" in n for n in names)
    for _, sts in found:
        for st in sts:
            assert any(s <= st.start and st.end <= e for s, e in article.body)
            assert article.text[st.start:st.end] == st.text


def test_feed_items_ending_in_quotes_appeals_and_audio_labels_are_junk():
    page = """Envoy urges truce in the hills

The Valley Courier
Listen to this article · 3 min

General Ansel Brack said on Monday that his forces were ready for a ceasefire.

Support The Valley Courier
We have no owner and no advertisers who tell us what to write. If you value our reporting, become a supporter.

READ MORE
» Who are the envoys, and why do both sides listen to them?

Reporting from the valley depends on readers. Support the Courier from $2 a month.

News Feed
10:05  Port reopens after storm
09:40  Envoy hails "a breakthrough"
08:15  Prices rise again
"""
    article = clean_article("page", page)
    body = "\n".join(article.text[s:e] for s, e in article.body)
    assert "ready for a ceasefire" in body
    for junk in ("Listen to this article", "no advertisers", "become a supporter", "a breakthrough", "Prices rise",
                 "Who are the envoys", "depends on readers"):
        assert junk not in body, junk


def test_single_timestamped_sentence_in_an_article_is_kept():
    page = "Talks resume\n\nThe talks resumed at noon.\n\n10:05  The envoy said both sides were ready for a truce.\n"
    body = "\n".join(page[s:e] for s, e in clean_article("p", page).body)
    assert "both sides were ready" in body


# Independent of stance.io.clean's own rules: what page furniture looks like.
LOOKS_LIKE_JUNK = re.compile(
    r"^\d{1,2}:\d{2}\s|subscribe|newsletter|donat|support (us|our|the|independent)|in your inbox|read more|"
    r"most read|cookie|sign up|^\s*advertisement\s*$|advertise with us|©|listen to (this|the) (article|story|podcast)|min read|become a (member|supporter)|indicates required",
    re.IGNORECASE,
)


@pytest.mark.parametrize("split", ["seed", "dev", "challenge"])
def test_no_evidence_from_the_junk_of_labelled_pages(split):
    """Every page with junk in the labelled splits (the challenge set's pages included): all
    evidence lies in the cleaned body (or is the headline, quoting its party), is the text at
    its offsets, and reads like no furniture."""
    pages = [gold for gold in load_split(split) if gold.has_junk]
    assert pages
    articles = [gold_article(gold) for gold in pages]
    for article, found in zip(articles, find_parties_many(articles)):
        for party, statements in found:
            for st in (s for s in statements if s.relevant):
                where = f"{article.source}: {party.name}: {st.text[:60]!r}"
                spans = article.body + (article.headline_spans() if st.form == "headline" else [])
                assert any(s <= st.start and st.end <= e for s, e in spans), where
                assert article.text[st.start:st.end] == st.text, where
                assert not LOOKS_LIKE_JUNK.search(st.text), where
