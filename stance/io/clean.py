"""Separating an article's own text from pasted page junk, and reading its metadata.

Pasted pages carry donation appeals, newsletter forms, "News Feed" sidebars of
unrelated timestamped items, captions and related-article teasers. We never delete
text (offsets must index the user's own file); we mark which line spans are the
article body, and everything downstream reads only those spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from stance.types import Article

_I = re.IGNORECASE
FORM_FIELD = r"(name|first name|last name|e-?mail( address)?|address|postcode|country|subscribe|sign up)"
JUNK_LINE = [re.compile(p, _I) for p in (
    r"^(please )?support (the [\w .’'&-]+|us|independent journalism|our (work|journalism|reporting))\b",
    r"^(please )?support ((?-i:[A-Z])[\w’'&-]+ ?){1,4}[:.!]",  # 'Support Dorvania Today: ...'
    r"\bsubscribe (now|today)\b|\bfirst month free\b|\bunsubscribe\b|^sign up (for|to)\b|\bsubscribe to (the|our)\b",
    r"\|\s*\d+\s*min(ute)?s? read\s*$",  # 'By A. Writer, Juba | April 12, 2008 | 5 min read'
    rf"^{FORM_FIELD}(\s*\|\s*{FORM_FIELD})+\s*$",  # 'Name | Address | Subscribe'
    r"^become an? ([\w’'-]+ ){0,2}(member|supporter|patron)",
    r"indicates required",
    r"^subscribe\b",
    r"^(enter|type) your e-?mail",
    r"please,? enter (a )?(correct|valid) e-?mail",
    r"^read (more|next|also)\b",
    r"skip to (main )?content",
    r"^edit post$",
    r"^pa[iy]m[ea]nt methods",
    r"^(visa|mastercard|paypal|american ?express|apple pay|google pay)\b",
    r"not ready to (support|donate)",
    r"remind me later",
    r"thank you for (signing up|subscribing|your support)",
    r"successful+y subscribed",
    r"created with ai assistance",
    r"^(more news|editors'? picks|news feed|latest news|top stories|most read( this week| today)?|related( articles| stories| news)?|recommended|trending|advertisement|share( this)?( article)?|sign up|log ?in|menu|search|cookies?\b.*)[:.!]?$",
    r"\bnewsletters?\b",
    r"in your inbox",
    r"^\d+\s*min(ute)?s? read$",
    r"\bdonat(e|ion|ing)\b",
    r"before you skip this banner",
    r"^(follow|like) us on\b",
    r"^(photo|image|video)( credit)?:",
    r"^listen to (this|the) (article|story)\b",
    r"^(breaking|live|just in)\s*:",
    r"^[»›▸•]\s",
    r"^©|all rights reserved",
)]
FEED_ITEM = re.compile(r"^\d{1,2}:\d{2}\s*(am|pm)?(\s{2,}|\t|\s+[|·–—-]\s+)\S", _I)
TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}\s*(am|pm)?\b[^a-z]*(\(updated:?[^)]*\))?\s*$", _I)
BYLINE = re.compile(r"^(by|written by|words by)\s+[A-Z]", 0)
PHOTO_CREDIT = re.compile(r"\([^()]*(/|\bvia\b|getty|afp\b|\bap photo|reuters/|photo:|credit)[^()]*\)\s*$", _I)
APPEAL_CUES = re.compile(
    r"small favou?r to ask|support us|your support|support independent|reader contributions|"
    r"our (independent )?journalism|keep our articles free|help (us|maintain)|we need your help|"
    r"wealthy owner|become a (member|supporter|patron)|monthly|one-time|contribut(e|ion)s?\b|paywall|fund (our|projects)|"
    r"value our (reporting|journalism|work)|advertisers who|(depends|relies) on (readers|you)\b|readers like you|"
    r"(funded|supported) by (its |our )?readers|reader-funded|from \$?\d+ (a|per) month",
    _I,
)
SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", _I)
FIRST_PLURAL = re.compile(r"\b(we|our|us|we’re|we're|we’ve|we've)\b", _I)
TERMINAL = re.compile(r"[.!?…\"”’»):]\s*$")  # a colon ends a line that introduces an excerpt
MONTH_ABBREV = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
CAPTION = re.compile(r"\bphoto(graph)?( taken|:| by\b)|\bgetty images\b|\bfile (photo|picture)\b|\bpictured\b", _I)
NAV_SPLIT = re.compile(r"\s*[|/·]\s*|\s{2,}")
NEWS_WORD = re.compile(r"\b(Wire|News|Press|Agency|Post|Times|Herald|Star|Observer|Gazette|Chronicle|Courier|Ledger|"
                       r"Review|Tribune|Journal|Monitor|Dispatch|Daily|Radio|Standard|Mirror|Lantern|Express|Telegraph|"
                       r"Online|Today|Current|Service|Newswire|Bulletin|Record|Sentinel|Inquirer|Broadcast(ing)?)\b")
NAME_LINE = re.compile(r"^(?:The )?[A-Z][\w’'&.-]*(?: (?:[A-Z][\w’'&.-]*|&|of|on|de|des|du)){0,5}$")
WIRE_CREDIT = re.compile(r"^[A-Z][\w .,'’/-]{1,60}?\(([A-Z][\w .&'’-]{1,40})\)\s*[—–-]")
FIRST_CARRIED = re.compile(r"\bfirst (?:broadcast|published|aired|carried) (?:on|by|in) ((?:The )?[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,4})")
RELAYED_WIRE = re.compile(r"\b(Reuters|The Associated Press|Associated Press|Agence France-Presse|AFP|Bloomberg) (reported|reports)\b")
SMALL_WORDS = frozenset("of on the and de des du".split())
DATE_PATTERNS = (
    (re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b"), "%B %d %Y"),
    (re.compile(r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b"), "%d %B %Y"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "%Y %m %d"),
)
OUTLET_PATTERNS = (
    re.compile(r"\b[Ss]upport (The [A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3})"),
    re.compile(r"\b(The [A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3}), an independent"),
    re.compile(r"^(The [A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3}) (?:doesn’t|does not|is an independent|relies on)"),
    re.compile(r"^(The [A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3}) (?:could not|was unable to|has not been able to) (?:independently )?verify"),
)


@dataclass
class Line:
    start: int
    end: int
    text: str
    junk: bool = False
    reason: str = ""


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with offsets of their stripped text."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return lines


def _words(text: str) -> int:
    return len(text.split())


def _is_prose(text: str) -> bool:
    return bool(TERMINAL.search(text)) and _words(text) >= 4


def _is_title_like(text: str) -> bool:
    return not TERMINAL.search(text) and 2 <= _words(text) <= 25


def _mark(line: Line, reason: str) -> None:
    if not line.junk:
        line.junk, line.reason = True, reason


def _mark_patterns(lines: list[Line]) -> None:
    for i, line in enumerate(lines):
        if any(p.search(line.text) for p in JUNK_LINE):
            _mark(line, "boilerplate")
        elif TIMESTAMP.match(line.text):
            _mark(line, "news-feed")
            for follower in lines[i + 1 : i + 3]:
                if TIMESTAMP.match(follower.text):
                    break
                _mark(follower, "news-feed")
        elif FEED_ITEM.match(line.text) and any(
                FEED_ITEM.match(n.text) for n in (lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None) if n):
            _mark(line, "news-feed")
        elif PHOTO_CREDIT.search(line.text) or CAPTION.search(line.text):
            _mark(line, "caption")
        elif BYLINE.match(line.text):
            _mark(line, "byline")
        elif not TERMINAL.search(line.text) and _words(line.text) > 25:
            _mark(line, "teaser")


def _is_nav(text: str) -> bool:
    """A site menu: three or more short items between separators, no sentence."""
    items = [x for x in NAV_SPLIT.split(text) if x.strip()]
    return (len(items) >= 2 and bool(NAV_SPLIT.search(text)) and all(_words(x) <= 4 for x in items)
            and not TERMINAL.search(text))


def _masthead_name(text: str) -> str:
    """The outlet name a masthead line shows: its tagline cut off, capitals turned to title case."""
    name = re.split(r"\s+[—–|-]\s+", text)[0].strip()
    if name.isupper():
        name = " ".join(w.lower() if w.lower() in SMALL_WORDS and i else w.capitalize()
                        for i, w in enumerate(name.split()))
    return name


def _mark_masthead(lines: list[Line]) -> str:
    """Mark site menus and the masthead above them (the page's own name) as junk; the name."""
    name, in_menu = "", ""
    for line in lines[:6]:
        if _is_nav(line.text):
            _mark(line, "navigation")
            first = NAV_SPLIT.split(line.text)[0].strip()
            if not in_menu and _words(first) >= 2 and NEWS_WORD.search(first) and NAME_LINE.match(first):
                in_menu = first
    for i, line in enumerate(lines[:3]):
        below = lines[i + 1] if i + 1 < len(lines) else None
        upper = line.text.isupper() and _words(line.text) <= 6 and i == 0
        if (upper or (below is not None and _is_nav(below.text))) and _words(line.text) <= 10 \
                and not TERMINAL.search(line.text) and not line.junk:
            _mark(line, "masthead")
            name = name or _masthead_name(line.text)
    return name or in_menu


REPORTING = re.compile(r"[\"“”]|\b(?:said|says|told|according to|announced|urged|added|spoke (?:to|with)|interviewed)\b|^[A-Z][A-Z .'-]{2,}(?:,[^—–]{0,30})?\s*[—–]")


def _mark_appeals(lines: list[Line]) -> None:
    """An appeal starts at a strong cue and runs on through first-person-plural lines; a
    line that reports someone's words (a quotation, "said", a dateline) is the news again,
    whatever its "we" and "our"."""
    in_appeal = False
    for line in lines:
        strong = len(APPEAL_CUES.findall(line.text))
        if strong == 1 and REPORTING.search(line.text) and not (FIRST_PLURAL.search(line.text) or SECOND_PERSON.search(line.text)):
            strong = 0  # one cue in a line that reports and addresses nobody is news: "... said ... the monthly allowance"
        if strong:
            in_appeal = True
        elif in_appeal and (REPORTING.search(line.text) or not (FIRST_PLURAL.search(line.text) or _words(line.text) <= 6)):
            in_appeal = False
        if in_appeal:
            _mark(line, "appeal")


def _find_title(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:10]):
        if line.junk or re.match(r"By\s", line.text):
            continue
        headline = not re.search(r"[.!?…][\"”’»)]*\s*$", line.text) and 3 <= _words(line.text) <= 25
        if headline and (_is_title_like(line.text) or line.text[-1] in "’”\"'"):
            return i
        if _is_prose(line.text) and _words(line.text) > 12:
            return None
    return None


def _mark_captions(lines: list[Line], title: int | None) -> None:
    """Short lines between the title and the first paragraph are captions or labels."""
    if title is None:
        return
    for line in lines[title + 1 :]:
        if line.junk:
            continue
        if _is_prose(line.text) and _words(line.text) > 12:
            return
        if _words(line.text) <= 12:
            _mark(line, "caption")


def _find_subheads(lines: list[Line], title: int | None, body_start: int) -> list[Line]:
    """Headlines between the title and the first paragraph: the page's own headline under its
    browser title, a standfirst ("Seven opposition parties call for the halt to be made
    permanent"). Lines set aside as captions or fragments that read as a headline: no final full
    stop, five words or more, no separator or credit, no byline or date."""
    if title is None:
        return []
    return [line for line in lines[title + 1 :] if line.start < body_start and line.reason in ("caption", "fragment")
            and _words(line.text) >= 5 and not re.search(r"[.)]\s*$|[|/›»]|\s[—–-]\s", line.text)
            and not (CAPTION.search(line.text) or re.match(r"by\s", line.text, _I)
                     or _date_in(line.text) or line.text.endswith(":"))]


def _smooth(lines: list[Line], protected: set[int]) -> None:
    """Title-like fragments next to junk are junk too (feed headers, teaser titles)."""
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if line.junk or i in protected or not _is_title_like(line.text):
                continue
            near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if any(n.junk for n in near):
                _mark(line, "fragment")
                changed = True


def _date_in(text: str) -> str:
    for pattern, fmt in DATE_PATTERNS:
        m = pattern.search(text)
        if m:
            try:
                return datetime.strptime(" ".join(m.groups()), fmt).date().isoformat()
            except ValueError:
                continue
    m = MONTH_ABBREV.search(text)
    if m:
        try:
            return datetime.strptime(f"{m.group(1)[:3]} {m.group(2)} {m.group(3)}", "%b %d %Y").date().isoformat()
        except ValueError:
            return ""
    return ""


def _find_date(lines: list[Line]) -> str:
    """The date line or byline near the top, else the first dated line of the text; never a caption's date."""
    near = [ln for ln in lines if ln.reason == "byline"] + lines[:12] + lines[12:]
    for line in near:
        if not (CAPTION.search(line.text) or PHOTO_CREDIT.search(line.text)) and (found := _date_in(line.text)):
            return found
    return ""


def _expand(acronym: str, text: str) -> str:
    """'BPA' -> 'Brightwater Press Agency' when the text spells out a name with those initials."""
    if not acronym.isupper() or " " in acronym:
        return acronym
    words = r"\s+".join(rf"{c}[\w’'&-]*" for c in acronym)
    m = re.search(rf"\b{words}\b", text)
    return m.group(0) if m else acronym


def _find_outlet(lines: list[Line], masthead: str, title: int | None) -> str:
    """The outlet from the page's own words: its appeal, masthead, name line under the title,
    a "first broadcast on" credit, a wire credit in the dateline, else a relayed wire."""
    for pattern in OUTLET_PATTERNS:
        for line in lines:
            m = pattern.search(line.text)
            if m:
                return m.group(1).strip(" .,!")
    if masthead:
        return masthead
    text = "\n".join(ln.text for ln in lines)
    after = lines[title + 1: title + 4] if title is not None else []
    for line in after + lines[-1:]:
        name = re.split(r"\s+[—–|·]\s+", line.text)[0].strip()
        if NAME_LINE.match(name) and NEWS_WORD.search(name) and not re.match(r"By\s", name):
            return name
    m = FIRST_CARRIED.search(text)
    if m:
        return m.group(1).strip(" .,!")
    for line in lines[:8]:
        m = WIRE_CREDIT.match(line.text)
        if m:
            return _expand(m.group(1).strip(), text)
    m = RELAYED_WIRE.search(text)
    return m.group(1) if m else ""


def clean_article(source: str, text: str) -> Article:
    """Build an Article whose ``body`` spans exclude page junk; metadata when the text gives it."""
    lines = split_lines(text)
    _mark_patterns(lines)
    masthead = _mark_masthead(lines)
    _mark_appeals(lines)
    title = _find_title(lines)
    _mark_captions(lines, title)
    _smooth(lines, protected={title} if title is not None else set())
    body = [(ln.start, ln.end) for i, ln in enumerate(lines) if not ln.junk and i != title]
    if title is not None and not body:
        body = [(lines[title].start, lines[title].end)]
        title = None
    article = Article(source=source, text=text, body=body)
    if title is not None:
        article.title = lines[title].text
        article.title_span = (lines[title].start, lines[title].end)
        article.subheads = [(ln.start, ln.end) for ln in _find_subheads(lines, title, body[0][0] if body else len(text))]
    article.date = _find_date(lines)
    article.outlet = _find_outlet(lines, masthead, title)
    return article


def junk_report(text: str) -> list[Line]:
    """The line-by-line decisions, for debugging and tests."""
    article = clean_article("<debug>", text)
    kept = set(article.body)
    lines = split_lines(text)
    for line in lines:
        if (line.start, line.end) not in kept:
            line.junk = True
    return lines
