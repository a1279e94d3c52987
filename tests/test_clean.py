"""Cleaning of the two seed pages: what is kept as article body, what is dropped."""

from stance.io.clean import clean_article


def body_text(article) -> str:
    return "\n".join(article.text[s:e] for s, e in article.body)


def test_moscow_times_page(seed_paths):
    text = seed_paths[0].read_text(encoding="utf-8")
    art = clean_article("a", text)
    body = body_text(art)
    assert "is seeking to negotiate a ceasefire deal with Ukraine" in body
    assert "did not believe Putin was interested in serious negotiations" in body
    for junk in ("Support The Moscow Times", "small favor to ask", "refuse to be silenced", "support us monthly",
                 "paiment methods", "Remind me later", "Read more", "Vladimir Putin with military officers."):
        assert junk not in body, junk
    assert art.title.startswith("Putin Ready to Freeze War")
    assert art.outlet == "The Moscow Times"


def test_kyiv_independent_page(seed_paths):
    text = seed_paths[1].read_text(encoding="utf-8")
    art = clean_article("b", text)
    body = body_text(art)
    for kept in ("open to a ceasefire that recognizes the current front lines", "we do not need a two-year truce",
                 "Putin has made made no indication of such a concession in public."):
        assert kept in body, kept
    for junk in ("Become a member", "This audio is created with AI", "Before you skip this banner", "wealthy owner",
                 "visa masterCard", "News Feed", "90 POWs", "full member of the European Union", "arrest warrants",
                 "indicates required", "Subscribe", "Successfuly subscribed", "two-pronged assault",
                 "stretching Ukrainian defenses", "Getty Images", "Chris York"):
        assert junk not in body, junk
    assert art.title.startswith("Putin looking for ceasefire")
    assert art.outlet == "The Kyiv Independent"
    assert art.date == "2024-05-24"


def test_body_spans_index_original_text(seed_paths):
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        art = clean_article(str(path), text)
        assert art.text == text
        assert art.body and all(0 <= s < e <= len(text) for s, e in art.body)
        assert all(text[s:e].strip() == text[s:e] for s, e in art.body)


def test_feed_block_in_authored_page():
    page = (
        "Truce talks stall in the valley\n\n"
        "The two armies agreed on Monday to meet again, officials in the capital said, after a week of shelling.\n\n"
        "The defence minister said the army was ready for a ceasefire if the rebels withdrew from the bridge.\n\n"
        "Latest news\n\n"
        "10:15 AM\n\n"
        "Storm closes ports along the coast.\n\n"
        "Harbour authorities said all ferries were cancelled until Friday.\n"
    )
    art = clean_article("c", page)
    body = body_text(art)
    assert "ready for a ceasefire if the rebels withdrew" in body
    assert "ferries" not in body and "Storm closes" not in body and "Latest news" not in body


def test_a_news_paragraph_after_an_appeal_stays_in_the_body_whatever_its_our():
    page = ("Truce talks stall as militia digs in\n\n"
            "KEEP THE LEDGER INDEPENDENT. Our reporters are on both sides of the line. Become a supporter today.\n"
            "Support us\n\n"
            "The Volunteer Brigades said they were not ready for talks. \"We will not sit down with people who stole our "
            "water,\" the Brigades said in a message to their members.\n\n"
            "Fighting went on along the salt flats on Sunday, residents said.\n")
    article = clean_article("page", page)
    body = " ".join(page[s:e] for s, e in article.body)
    assert "not ready for talks" in body and "Become a supporter" not in body


def test_an_interview_introduction_stays_in_the_body_after_an_appeal():
    page = ("Karen refugees wary of the truce\n\n"
            "The Salween Post\n\n"
            "The union signed the truce in Hpa-an on Friday, its negotiators said.\n\n"
            "Support the Salween Post. Our reporters work on both sides of the border. Give monthly\n\n"
            "Refugees in the camps along the border are less sure. We spoke to Naw Say Paw, who chairs the refugee "
            "committee in Mae Sot. This exchange has been edited for length.\n\n"
            "The Delta Daily reached Tor Mbeyo, who commands the eastern creeks brigade and is known along the delta as "
            "\"the Heron,\" by telephone on Wednesday evening, after the talks. An excerpt:\n\n"
            "Q: Do you welcome the agreement?\n"
            "A: No. A paper signed in a hotel does not make the soldiers leave our villages.\n")
    body = body_text(clean_article("page", page))
    assert "We spoke to Naw Say Paw" in body and "An excerpt:" in body and "Give monthly" not in body


def test_more_page_furniture_is_junk_but_a_sentence_about_support_is_not():
    page = ("Truce holds in the valley\n\n"
            "By Ana Writer, Velm | April 12, 2040 | 5 min read\n\n"
            "The Valley Front said it would keep its truce. Support for the truce grew on Monday, its spokesman said.\n\n"
            "Support Dorvania Today: we have reporters in the valley every day. Subscribe now and get your first month free.\n\n"
            "Sign up for the Velm Morning Briefing\n"
            "Name | Address | Subscribe\n"
            "No spam. Unsubscribe at any time.\n\n"
            "MOST READ THIS WEEK\n\n"
            "NEWSLETTERS\n\n"
            "The army said it would wait for the talks.\n")
    body = body_text(clean_article("page", page))
    assert "Support for the truce grew" in body and "The army said it would wait" in body
    for junk in ("5 min read", "Support Dorvania", "Sign up", "Name | Address", "Unsubscribe", "MOST READ", "NEWSLETTERS"):
        assert junk not in body, junk


def test_a_subscription_appeal_inside_the_article_is_junk():
    page = ("Rebels pull back from the causeway\n\n"
            "SESTRY, May 3 — The Front said on Monday it had pulled its fighters back from the causeway.\n\n"
            "Independent reporting from the fens is expensive. Subscribe to the Post and keep our reporters there.\n\n"
            "The army said its sweep would go on.")
    article = clean_article("test", page)
    assert not any("Subscribe" in page[a:b] for a, b in article.body)


def test_a_news_line_with_one_appeal_word_stays_in_the_body_and_a_short_appeal_does_not():
    text = ("Kuki groups sign a suspension of operations\n\n"
            "IMPHAL, Aug 23 — The Kuki National Organisation signed the agreement on Friday.\n\n"
            "The People's Front said in a statement that two matters had to be settled first: where the camps "
            "would be, and the monthly allowance each cadre would receive.\n\n"
            "The Valley Post is free to read. Support us with a monthly contribution.\n\n"
            "Contribute\n")
    body = body_text(clean_article("a", text))
    assert "the monthly allowance each cadre would receive" in body
    assert "Support us" not in body and "Contribute" not in body
