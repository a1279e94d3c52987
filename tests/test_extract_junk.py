"""No evidence may come from page junk: appeals, newsletter forms, news feeds."""

from stance.clean import clean_article
from stance.extract import extract
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
