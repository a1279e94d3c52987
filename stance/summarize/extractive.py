"""The default summary: source sentences chosen and framed with who reported them.

No wording is invented beyond a fixed frame: a lead sentence (the lede closest to the
other outlets', naming the outlets that carried it and those that reported the event in
other words, with the date), then one sentence
per party that states its stance, names every outlet reporting that stance and gives the
strongest verbatim evidence, then where the outlets differ and agree, and the hedges they
print ("could not verify"). A source sentence is used at most once per event, and the
event keeps at most ``max_sentences`` sentences (the lead and the parties first).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stance.aggregate import merge_parties
from stance.names import mention_names
from stance.summarize.gate import FRAME_WORDS, unnamed
from stance.types import Position, SourceSentence, SummarySentence
from stance.extract.lexicon import news_outlets
from stance.summarize.text import (
    OPEN_QUOTES, body_sentences, join_names, loaded_words, outlet_name, printed_date, words,
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
DATELINE = re.compile(r"^[A-Z][A-Z .'’/-]{2,40}(,[^—–\n]{1,40})?(\s*\([^)]{1,40}\))?\s+[—–-]{1,2}\s+")
PRONOUN = re.compile(r"^(He|She|They)\b")
SAID_BY_PRONOUN = re.compile(r"([,”\"]\s+)(?:he|she)\s+(?=(said|says|told|added)\b)")
STANCE_CLAUSE = {"open": "is open to a ceasefire", "conditional": "sets conditions for a ceasefire",
                 "rejecting": "rejects a ceasefire"}
MAX_WORDS = 55
SAME_CLAIM = 0.8
CARRIES = 0.35
StanceOf = Callable[[str, str], str | None]


def _ref(result: ArticleResult, start: int, end: int) -> SourceSentence:
    a = result.article
    return SourceSentence(a.source, outlet_name(a), a.text[start:end], start, end)


def _in_body(result: ArticleResult, start: int, end: int) -> bool:
    """Within the article's body, or its headline (a party quoted only there has that as evidence)."""
    body = (result.article.body or [(0, len(result.article.text))]) + result.article.headline_spans()
    return any(s <= start and end <= e for s, e in body)


def origin_of(result: ArticleResult, text: str) -> str:
    """The news organisation an outlet relays in ``text`` or its title (not the outlet itself)."""
    own = outlet_name(result.article)
    for name in news_outlets():
        if name != own and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text + " " + result.article.title):
            return name
    return ""


def unframed(sentence: str, article_text: str, lower: bool = True) -> str:
    """The sentence without its dateline and lead-in word, its first word in lower case where
    it is not a name (so it can follow "According to X, ")."""
    body = LEAD_IN.sub("", DATELINE.sub("", sentence))
    body = body[:1].upper() + body[1:]
    first = re.match(r"[A-Za-z]+", body)
    if lower and first:
        w = first.group(0)
        name_follows = re.match(r"[A-Za-z]+\s+[A-Z]", body) and w.lower() not in LOWER_FIRST
        if (w.lower() in LOWER_FIRST or re.search(r"[a-z,;:]\s+" + re.escape(w.lower()) + r"\b", article_text)
                or w == "According") and not name_follows:
            body = w.lower() + body[len(w):]
    return body


def frame(outlet: str, sentence: str, article_text: str) -> str:
    """``According to OUTLET, sentence`` unless the sentence already names the outlet."""
    if re.search(r"(?<!\w)" + re.escape(outlet) + r"(?!\w)", sentence):
        return sentence
    body = unframed(sentence, article_text)
    if body.startswith("according to "):
        return f"{outlet} reported that, {body}"
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
            if len(words(DATELINE.sub("", text))) >= min_words:
                return s, e, text
    return None


def lead_sentence(results: list[ArticleResult]) -> SummarySentence | None:
    """Who, what, when: the lede closest to the others, naming every outlet that carried it."""
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
    carriers = [(r, x) for r, x in ledes if r is not best_r and _overlap(text, x[2]) >= CARRIES]
    sources = list(dict.fromkeys([outlet] + [outlet_name(r.article) for r, _ in carriers]))
    near = {id(r) for r, _ in carriers} | {id(best_r)}
    others = [(r, x) for r, x in ((r, _lede(r)) for r in results if id(r) not in near) if x]
    body = unframed(text, best_r.article.text)
    cites = f", citing {origin}" if origin and origin not in body else ""
    when = next((d for d in map(printed_date, [best_r.article] + [r.article for r, _ in carriers]) if d), "")
    sentence = f"{when + ': a' if when else 'A'}ccording to {join_names(sources)}{cites}, {body}"
    also = [n for n in dict.fromkeys(outlet_name(r.article) for r, _ in others) if n not in sources]
    if also:
        sentence = sentence.rstrip(". ") + f"; {join_names(also)} also reported the event."
    evidence = [_ref(r, x[0], x[1]) for r, x in [(best_r, (s, e, text)), *carriers, *others]]
    return SummarySentence(text=sentence, sources=sources + also, evidence=evidence, support=1.0, kind="report",
                           origin=origin, core=text)


def carried(lead: SummarySentence) -> set[tuple[str, int, int]]:
    """The source sentences the lead restates (not the other outlets' ledes it only cites as reporting the event)."""
    return {(e.source, e.start, e.end) for e in lead.evidence if _overlap(e.text, lead.core) >= CARRIES}


def hedge_sentences(results: list[ArticleResult], used: set, limit: int = 1) -> list[SummarySentence]:
    out = []
    outlets = [outlet_name(r.article) for r in results]
    by_source = {r.article.source: r.article.text for r in results}
    said = [by_source[u[0]][u[1]:u[2]] for u in used if u[0] in by_source]
    for r in results:
        for s, e, text in body_sentences(r.article):
            if (HEDGE.search(text) and not loaded_words(unnamed(text, outlets)) and not PRONOUN.match(text)
                    and len(out) < limit and not _is_used(used, r.article.source, s, e) and not _says_again(text, said)):
                outlet = outlet_name(r.article)
                out.append(SummarySentence(text=frame(outlet, text, r.article.text), sources=[outlet],
                                           evidence=[_ref(r, s, e)], support=1.0, kind="hedge",
                                           origin=origin_of(r, text), core=text))
                used.add((r.article.source, s, e))
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


def compose_party(m: MergedParty, ev: Evidence, article_text: str) -> tuple[str, str]:
    """(the evidence as a clause that names the party, its verbatim part)."""
    text = " ".join(ev.text.split())
    named = any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in _names(m))
    quote = _quote_only(text)
    if not named and PRONOUN.match(text) and m.name[:1].isupper():
        return PRONOUN.sub(m.name, text), text[PRONOUN.match(text).end():]
    if quote and not named:
        who = ev.attribution if m.name.split()[-1] in ev.attribution else " ".join(x for x in (m.role, m.name) if x)
        return f"{who} said: “{quote}”", quote
    if not named and m.name[:1].isupper() and SAID_BY_PRONOUN.search(text):
        return SAID_BY_PRONOUN.sub(lambda x: x.group(1) + m.name.split()[-1] + " ", text, count=1), text
    return unframed(text, article_text, lower=False), text


def _is_used(used, source: str, start: int, end: int) -> bool:
    return any(u[0] == source and u[1] < end and start < u[2] for u in used)


def _content(text: str) -> set[str]:
    return {w for w in words(DATELINE.sub("", text)) if len(w) > 3} - FRAME_WORDS


def _says_again(text: str, said: list[str]) -> bool:
    """Whether ``text`` and a sentence the summary already carries are (almost) the same words."""
    mine = _content(text)
    return any(len(mine & theirs) >= SAME_CLAIM * min(len(mine), len(theirs))
               for theirs in map(_content, said) if mine and theirs)


def pick_evidence(m: MergedParty, by_result: dict[str, ArticleResult], stance_of: StanceOf | None,
                  used: set[tuple[str, int, int]] = frozenset()):
    """The evidence that best shows the party's stance: matching stance, neutral wording, short,
    naming the party; never a sentence the summary already carries."""
    best, best_score = None, float("-inf")
    outlets = [outlet_name(r.article) for r in by_result.values()]
    said = [by_result[u[0]].article.text[u[1]:u[2]] for u in used if u[0] in by_result]
    for rank, src in enumerate(m.by_source):
        result = by_result[src.source]
        for i, ev in enumerate(src.evidence):
            if (not _in_body(result, ev.start, ev.end) or _is_used(used, src.source, ev.start, ev.end)
                    or _says_again(ev.text, said)):
                continue
            n = len(words(ev.text))
            score = -0.1 * i - 0.05 * rank
            score += 3.0 if stance_of and stance_of(m.name, ev.text) == m.stance else 0.0
            score -= 10.0 if loaded_words(unnamed(ev.text, outlets)) else 0.0
            score -= 2.0 if n > MAX_WORDS else 0.0
            score += 0.5 if any(n_.lower() in ev.text.lower() for n_ in _names(m)) else 0.0
            score -= 1.0 if PRONOUN.match(ev.text) else 0.0
            if score > best_score:
                best, best_score = (result, src, ev), score
    return best


def party_sentences(results: list[ArticleResult], stance_of: StanceOf | None = None,
                    used: set[tuple[str, int, int]] | None = None
                    ) -> tuple[list[SummarySentence], list[Position], list[MergedParty]]:
    """One sentence per party: its stance, every outlet reporting that stance, its strongest evidence."""
    used = set() if used is None else used
    by_result = {r.article.source: r for r in results}
    merged = merge_parties([(r.article, r.parties) for r in results])
    sentences, positions = [], []
    for m in merged:
        by_source = {outlet_name(by_result[s.source].article): s.stance for s in m.by_source}
        positions.append(Position(party=m.name, role=m.role, stance=m.stance, by_source=by_source,
                                  agreement=m.agreement))
        agreeing = [s for s in m.by_source if s.stance == m.stance] or list(m.by_source)
        outlets = list(dict.fromkeys(outlet_name(by_result[s.source].article) for s in agreeing))
        support = [_ref(by_result[s.source], e.start, e.end) for s in agreeing for e in s.evidence[:1]
                   if _in_body(by_result[s.source], e.start, e.end)]
        claim = f"{m.name} {STANCE_CLAUSE.get(m.stance, 'takes no clear position on a ceasefire')}, according to " \
                f"{join_names(outlets)}"
        picked = pick_evidence(m, by_result, stance_of, used)
        if picked is None:
            sentences.append(SummarySentence(text=claim + ".", sources=outlets, evidence=support, support=1.0,
                                             kind="stance", party=m.name, stance=m.stance))
            continue
        result, src, ev = picked
        outlet = outlet_name(result.article)
        body, core = compose_party(m, ev, result.article.text)
        evidence = [_ref(result, ev.start, ev.end)] + [x for x in support if x.source != src.source]
        used.add((src.source, ev.start, ev.end))
        sources = list(dict.fromkeys([outlet] + outlets))
        sentences.append(SummarySentence(text=f"{claim}; {outlet} reports: {body}", sources=sources,
                                         evidence=evidence, support=1.0, kind="position", party=m.name,
                                         stance=m.stance, origin=origin_of(result, ev.text), core=core))
    return sentences, positions, merged


def agreement_sentences(merged: list[MergedParty], results: list[ArticleResult]) -> list[SummarySentence]:
    """Where outlets differ on a party's stance (one sentence each), where they agree (one sentence
    per set of outlets), and whose position only one outlet reports (one sentence)."""
    by_result = {r.article.source: r for r in results}
    differ, agree, single = [], {}, {}
    all_outlets = list(dict.fromkeys(outlet_name(r.article) for r in results))

    def refs(m):
        return [_ref(by_result[s.source], e.start, e.end) for s in m.by_source for e in s.evidence[:1]
                if _in_body(by_result[s.source], e.start, e.end)]

    for m in merged:
        outlets = list(dict.fromkeys(outlet_name(by_result[s.source].article) for s in m.by_source))
        if len(outlets) > 1 and m.agreement:
            agree.setdefault(tuple(outlets), []).append(m)
        elif len(outlets) > 1:
            each = "; ".join(f"{outlet_name(by_result[s.source].article)} reads as {s.stance}" for s in m.by_source)
            differ.append(SummarySentence(text=f"{join_names(outlets)} differ on the position of {m.name}: {each}.",
                                          sources=outlets, evidence=refs(m), support=1.0, kind="disagreement",
                                          party=m.name, stance=m.stance))
        elif len(all_outlets) > 1:
            single.setdefault(outlets[0], []).append(m)
    out = list(differ)
    for outlets, parties in agree.items():
        who = join_names([f"{m.name} ({m.stance})" for m in parties])
        noun = "position" if len(parties) == 1 else "positions"
        out.append(SummarySentence(text=f"{join_names(list(outlets))} agree on the {noun} of {who}.",
                                   sources=list(outlets), evidence=[e for m in parties for e in refs(m)],
                                   support=1.0, kind="agreement"))
    if single:
        parts = [f"only {outlet} reports a position for {join_names([m.name for m in ms])}"
                 for outlet, ms in single.items()]
        text = "; ".join(parts)
        out.append(SummarySentence(text=text[0].upper() + text[1:] + ".", sources=list(single),
                                   evidence=[e for ms in single.values() for m in ms for e in refs(m)],
                                   support=1.0, kind="coverage"))
    return out


PRIORITY = ("report", "position", "stance", "disagreement", "hedge", "agreement", "coverage")
ORDER = ("report", "hedge", "position", "stance", "disagreement", "agreement", "coverage")


def fit(sentences: list[SummarySentence], max_sentences: int) -> list[SummarySentence]:
    """At most ``max_sentences``: the lead and the parties first, then differences, hedges and
    agreement; kept in reading order (lead, hedges, parties, then the comparison of outlets)."""
    ranked = sorted(range(len(sentences)), key=lambda i: (PRIORITY.index(sentences[i].kind), i))
    keep = set(ranked[:max(0, max_sentences)])
    return sorted((sentences[i] for i in keep), key=lambda s: ORDER.index(s.kind))
