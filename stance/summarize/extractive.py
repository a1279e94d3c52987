"""The default summary: source sentences chosen and framed with who reported them.

No wording is invented: each sentence is a body sentence of an article (or a verbatim
quotation from one) behind a frame that names the outlet ("According to The Kyiv
Independent, ...") and, when the outlet relays a report, the original source. On top
come one sentence per party (the same space for each), the hedges the outlets print
("could not verify"), and which outlets agree or differ on each party's stance.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stance.aggregate import merge_parties
from stance.names import mention_names
from stance.summarize.gate import unnamed
from stance.types import Position, SourceSentence, SummarySentence
from stance.summarize.text import (
    OPEN_QUOTES, body_sentences, join_names, loaded_words, news_outlets, outlet_name, words,
)
from stance.types import ArticleResult, Evidence, MergedParty

HEDGE = re.compile(
    r"\b(could not|cannot|can ?not|was unable to|were unable to|has not been|have not been|could not be|"
    r"did not) (independently )?(verify|confirm|verified|confirmed)\b|\bunverified\b|\bdeclined to comment\b",
    re.IGNORECASE)
LEAD_IN = re.compile(r"^(however|meanwhile|instead|still|yet|also|moreover|in addition|separately|but|and),?\s+",
                     re.IGNORECASE)
LOWER_FIRST = frozenset("the a an this that these those it its his her their another such some several many most "
                        "one two three four five when while after before reports reporting similar".split())
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(,[^—–\n]{1,40})?\s+[—–-]{1,2}\s+")
PRONOUN = re.compile(r"^(He|She|They)\b")
MAX_WORDS = 55
StanceOf = Callable[[str, str], str | None]


def _ref(result: ArticleResult, start: int, end: int) -> SourceSentence:
    a = result.article
    return SourceSentence(a.source, outlet_name(a), a.text[start:end], start, end)


def _in_body(result: ArticleResult, start: int, end: int) -> bool:
    body = result.article.body or [(0, len(result.article.text))]
    return any(s <= start and end <= e for s, e in body)


def origin_of(result: ArticleResult, text: str) -> str:
    """The news organisation an outlet relays in ``text`` or its title (not the outlet itself)."""
    own = outlet_name(result.article)
    for name in news_outlets():
        if name != own and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text + " " + result.article.title):
            return name
    return ""


def frame(outlet: str, sentence: str, article_text: str) -> str:
    """``According to OUTLET, sentence`` unless the sentence already names the outlet."""
    if re.search(r"(?<!\w)" + re.escape(outlet) + r"(?!\w)", sentence):
        return sentence
    body = LEAD_IN.sub("", DATELINE.sub("", sentence))
    if body.startswith("According to "):
        return f"{outlet} reported that, a{body[1:]}"
    first = re.match(r"[A-Za-z]+", body)
    if first:
        w = first.group(0)
        if w.lower() in LOWER_FIRST or re.search(r"[a-z,;:]\s+" + re.escape(w.lower()) + r"\b", article_text):
            body = w.lower() + body[len(w):]
    return f"According to {outlet}, {body}"


def _overlap(a: str, b: str) -> float:
    x, y = set(words(a)), set(words(b))
    return len(x & y) / max(1, min(len(x), len(y)))


def _lede(result: ArticleResult) -> tuple[int, int, str] | None:
    """The first full sentence of the body (long enough not to be a photo caption)."""
    title = result.article.title.strip()
    candidates = [(s, e, t) for s, e, t in body_sentences(result.article)
                  if t.strip() != title and not t.startswith(tuple(OPEN_QUOTES)) and not PRONOUN.match(t)]
    for min_words in (14, 8):
        for s, e, text in candidates:
            if len(words(text)) >= min_words:
                return s, e, text
    return None


def lead_sentence(results: list[ArticleResult]) -> SummarySentence | None:
    """The report the event is about, from the lede closest to the others; who else carried it."""
    ledes = [(r, _lede(r)) for r in results]
    outlets = [outlet_name(r.article) for r in results]
    ledes = [(r, x) for r, x in ledes if x and not loaded_words(unnamed(x[2], outlets))]
    if not ledes:
        return None

    def centrality(item):
        return sum(_overlap(item[1][2], other[1][2]) for other in ledes if other is not item)

    best_r, (s, e, text) = max(ledes, key=centrality)
    outlet = outlet_name(best_r.article)
    origin = origin_of(best_r, text)
    carriers = [(r, x) for r, x in ledes if r is not best_r and _overlap(text, x[2]) >= 0.35]
    sentence = frame(outlet, text, best_r.article.text)
    if carriers:
        names = join_names([outlet_name(r.article) for r, _ in carriers])
        report = f"the same {origin} report" if origin else "the same report"
        sentence = sentence.rstrip(".") + f"; {names} carried {report}."
    evidence = [_ref(best_r, s, e)] + [_ref(r, x[0], x[1]) for r, x in carriers]
    return SummarySentence(text=sentence, sources=[outlet] + [outlet_name(r.article) for r, _ in carriers],
                           evidence=evidence, support=1.0, kind="report", origin=origin, core=text)


def hedge_sentences(results: list[ArticleResult], limit: int = 2) -> list[SummarySentence]:
    out = []
    outlets = [outlet_name(r.article) for r in results]
    for r in results:
        for s, e, text in body_sentences(r.article):
            if HEDGE.search(text) and not loaded_words(unnamed(text, outlets)) and not PRONOUN.match(text) and len(out) < limit:
                outlet = outlet_name(r.article)
                out.append(SummarySentence(text=frame(outlet, text, r.article.text), sources=[outlet],
                                           evidence=[_ref(r, s, e)], support=1.0, kind="hedge",
                                           origin=origin_of(r, text), core=text))
    return out


def _names(m: MergedParty) -> list[str]:
    return [n for n in mention_names(m.name, m.aliases) if len(n) > 2 and n.lower() != "the country"]


def _quote_only(text: str) -> str | None:
    """The quoted words of a sentence that is only a quotation (its speaker named elsewhere)."""
    if not text.startswith(tuple(OPEN_QUOTES)):
        return None
    inner = text[1:]
    close = min((i for i in (inner.find("”"), inner.find('"')) if i >= 0), default=-1)
    if close >= 0 and inner[close + 1:].strip(" .,"):
        return None
    return (inner[:close] if close >= 0 else inner).strip()


def compose_party(m: MergedParty, ev: Evidence, outlet: str, article_text: str) -> tuple[str, str]:
    """(sentence, the verbatim part) for one piece of evidence about a party."""
    text = " ".join(ev.text.split())
    named = any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in _names(m))
    quote = _quote_only(text)
    if not named and PRONOUN.match(text) and m.name[:1].isupper():
        return f"According to {outlet}, {PRONOUN.sub(m.name, text)}", text[PRONOUN.match(text).end():]
    if quote and not named:
        who = ev.attribution if m.name.split()[-1] in ev.attribution else " ".join(x for x in (m.role, m.name) if x)
        return f"According to {outlet}, {who} said: “{quote}”", quote
    return frame(outlet, text, article_text), text


def pick_evidence(m: MergedParty, by_result: dict[str, ArticleResult], stance_of: StanceOf | None,
                  used: set[tuple[str, int, int]] = frozenset()):
    """The evidence that best shows the party's stance: matching stance, neutral wording, short,
    and not a sentence the summary already carries."""
    best, best_score = None, float("-inf")
    outlets = [outlet_name(r.article) for r in by_result.values()]
    for rank, src in enumerate(m.by_source):
        result = by_result[src.source]
        for i, ev in enumerate(src.evidence):
            if not _in_body(result, ev.start, ev.end):
                continue
            n = len(words(ev.text))
            score = -0.1 * i - 0.05 * rank
            score += 3.0 if stance_of and stance_of(m.name, ev.text) == m.stance else 0.0
            score -= 10.0 if loaded_words(unnamed(ev.text, outlets)) else 0.0
            score -= 5.0 if any(u[0] == src.source and u[1] < ev.end and ev.start < u[2] for u in used) else 0.0
            score -= 2.0 if n > MAX_WORDS else 0.0
            score += 0.5 if any(n_.lower() in ev.text.lower() for n_ in _names(m)) else 0.0
            score -= 1.0 if PRONOUN.match(ev.text) else 0.0
            if score > best_score:
                best, best_score = (result, src, ev), score
    return best


def party_sentences(results: list[ArticleResult], stance_of: StanceOf | None = None,
                    used: set[tuple[str, int, int]] = frozenset()
                    ) -> tuple[list[SummarySentence], list[Position], list[MergedParty]]:
    by_result = {r.article.source: r for r in results}
    merged = merge_parties([(r.article, r.parties) for r in results])
    sentences, positions = [], []
    for m in merged:
        by_source = {outlet_name(by_result[s.source].article): s.stance for s in m.by_source}
        positions.append(Position(party=m.name, role=m.role, stance=m.stance, by_source=by_source,
                                  agreement=m.agreement))
        picked = pick_evidence(m, by_result, stance_of, used)
        if picked is None:
            continue
        result, src, ev = picked
        outlet = outlet_name(result.article)
        text, core = compose_party(m, ev, outlet, result.article.text)
        evidence, sources = [_ref(result, ev.start, ev.end)], [outlet]
        for other in m.by_source:
            match = next((e for e in other.evidence if other.source != src.source and _overlap(e.text, ev.text) >= 0.6
                          and _in_body(by_result[other.source], e.start, e.end)), None)
            name = outlet_name(by_result[other.source].article)
            if match and name not in sources:
                evidence.append(_ref(by_result[other.source], match.start, match.end))
                sources.append(name)
        if len(sources) > 1:
            text = text.rstrip() + f" {join_names(sources[1:])} carried the same account."
        sentences.append(SummarySentence(text=text, sources=sources, evidence=evidence,
                                         support=1.0, kind="position", party=m.name, stance=m.stance,
                                         origin=origin_of(result, ev.text), core=core))
    return sentences, positions, merged


def agreement_sentences(merged: list[MergedParty], results: list[ArticleResult]) -> list[SummarySentence]:
    """Where outlets agree or differ on a party's stance, and whose position only one outlet reports."""
    by_result = {r.article.source: r for r in results}
    out, single = [], {}
    all_outlets = list(dict.fromkeys(outlet_name(r.article) for r in results))
    for m in merged:
        outlets = list(dict.fromkeys(outlet_name(by_result[s.source].article) for s in m.by_source))
        evidence = [_ref(by_result[s.source], e.start, e.end) for s in m.by_source for e in s.evidence[:1]]
        if len(outlets) > 1 and m.agreement:
            out.append(SummarySentence(
                text=f"{join_names(outlets)} agree on the position of {m.name}: both accounts read as {m.stance}."
                if len(outlets) == 2 else
                f"{join_names(outlets)} agree on the position of {m.name}: all accounts read as {m.stance}.",
                sources=outlets, evidence=evidence, support=1.0, kind="agreement", party=m.name, stance=m.stance))
        elif len(outlets) > 1:
            each = "; ".join(f"{outlet_name(by_result[s.source].article)} reads as {s.stance}" for s in m.by_source)
            out.append(SummarySentence(text=f"{join_names(outlets)} differ on the position of {m.name}: {each}.",
                                       sources=outlets, evidence=evidence, support=1.0, kind="disagreement",
                                       party=m.name, stance=m.stance))
        elif len(all_outlets) > 1:
            single.setdefault(outlets[0], []).append(m.name)
    for outlet, names in single.items():
        others = join_names([o for o in all_outlets if o != outlet])
        out.append(SummarySentence(
            text=f"Only {outlet} reports a position for {join_names(names)}; {others} does not."
            if len(all_outlets) == 2 else f"Only {outlet} reports a position for {join_names(names)}.",
            sources=[outlet], evidence=[], support=1.0, kind="coverage"))
    return out
