"""Word lists the extractor reads: speech verbs, position predicates, source nouns, titles.

Kept in one place so the rules are inspectable and tunable on the dev set.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from stance.names import ORG_WORD, bare_name

SPEECH_VERBS = frozenset(
    "say tell state add claim insist warn announce declare stress note write report suggest "
    "indicate argue assert affirm reiterate vow pledge promise urge call demand deny accuse explain "
    "reply respond comment confirm acknowledge believe think signal quote cite describe "
    "emphasise emphasize maintain contend repeat admit concede predict hint caution threaten "
    "underline underscore mention recall told plead implore beg".split()
)
POSITION_VERBS = frozenset(
    "reject refuse seek vow pledge insist demand accept agree offer propose welcome want push oppose "
    "rule dismiss back endorse support decline spurn embrace condition press call continue "
    "favour favor resist veto sign signal hope aim set outline order approve answer dismiss appeal "
    "announce declare mock ridicule deride scorn scoff laugh shrug brush urge suspend halt observe extend issue table".split()
)
POSITION_ADJECTIVES = frozenset(
    "open ready willing keen prepared interested determined unwilling opposed eager committed "
    "reluctant averse receptive amenable hesitant unready".split()
)
SOURCE_NOUNS = frozenset(
    "source sources insider insiders person people report reports reporting outlet newspaper "
    "agency media analyst analysts expert experts observer observers reporter reporters journalist "
    "journalists correspondent correspondents document documents cable memo footage survey poll".split()
)
NEWS_ORG_WORDS = re.compile(
    r"\b(news|times|post|journal|independent|wire|agency|press|herald|tribune|gazette|daily|ledger|"
    r"radio|tv|television|broadcast\w*|telegraph|guardian|economist|bulletin|courier|chronicle|monitor|"
    r"dispatch|observer|review|mirror|standard)\b",
    re.IGNORECASE,
)
KNOWN_OUTLETS = frozenset(
    "reuters ap afp bloomberg cnn bbc tass ria interfax xinhua jazeera dpa efe ansa kyodo yonhap "
    "axios politico nbc abc cbs fox sky euronews ukrinform".split()
)
EPITHET_HEADS = frozenset(
    "leader chief president premier minister commander general spokesman spokeswoman spokesperson "
    "envoy negotiator king queen emir sheikh head chairman chairwoman chair secretary official "
    "ambassador diplomat foreign-minister prime warlord strongman ruler chancellor mediator marshal bishop "
    "governor colonel coordinator co-chair admiral commissioner brigadier delegate archbishop patriarch sultan".split()
)
GROUP_HEADS = frozenset("group movement militia rebels insurgents militants organisation organization faction alliance coalition army government junta regime council association wing".split())
LEADER_TITLES = re.compile(
    r"\b(president|prime minister|premier|leader|chief|commander|king|emir|chancellor|head of state|ruler|general|chairman)\b",
    re.IGNORECASE,
)
SPOKES = re.compile(r"\bspokes(man|woman|person|people)\b|\bpress secretary\b|\b(political )?representative\b", re.IGNORECASE)
RELEVANCE = re.compile(
    r"cease-?\s?fire|truce|armistice|\bfreez\w*\b|halt\w*\b|hostilities|peace\b|negotiat\w*|\btalks?\b|dialogue|"
    r"diplomatic|settlement|fight (on|for as long)|keep fighting|\b(war|fighting|battle)\b( \w+){0,3} (goes|go|will go|must go) on\b|(still|go on|continue) fighting|continue to fight|fight to|(stop|end|halt|ends?) (to )?(the |all )?fighting|end (the|this|to the) war|eternal war|war (will|would|must) end|"
    r"withdraw\w*|(lay|laid|laying|lays) down|\bceas(e|ed|es|ing)\b|war is over|surrender|de-?escalat\w*|pause|lull|victory|stand-?still|deal\b|agreement|"
    r"frozen conflict|front ?lines?|battlefield lines|compromise|concession|mediat\w*|accord\b|bargain|"
    r"\b(go|goes|went|gone|fall|falls|fell|fallen|stay|stays|stayed|remain|remains|remained|keep|keeps|kept) (quiet|silent)\b|\bthere (would|will) be (quiet|calm|silence)\b|\bkeep up (the |its |their )?(bombardment|shelling|bombing|raids|blockade|siege)\b|\b(take|takes|took|taken|taking) down (\w+ ){0,2}(roadblocks|barricades|checkpoints)\b|\bcall(s|ed|ing)? off (\w+ ){0,2}(raids|attacks|offensive|operations|assault|strikes|bombardment)\b|\bsign (what|whatever)\b|\bwhatever (is |gets |they |the \w+ )?signs?\b|\bfor a signature\b|"
    r"stop (the )?(war|fighting|shooting|killing|offensive)|guns? (\w+ ){0,6}(silent|silenced|quiet|rest)\b|\bstop(s|ped|ping)?\b|"
    r"(hold|holds|held|holding) (our |their |its |his |her )?fire|pull(s|ed|ing)? (\w+ ){0,3}back\b|(not|never) (fired|shot)\b|\bnot a (single )?(shot|round|shell|bullet)\b|\bnot (a|one)\b[^.;]{0,30}\b(will|would|shall) be (fired|mined)\b|\b(the|any|a|this|that|their|our|of) (quiet|calm)\b(?! (street|night|morning|voice|tone|manner))|keep (shelling|firing|bombing|attacking)|hand(s|ed)? (in|over) (\w+ ){0,2}(rifles?|weapons|arms|guns)|until [^.;]{0,30}\b(falls|surrenders)\b|stay where (they|we) (are|were)|hold (our|their|its) positions|(do|does|did) the same\b|not (open )?fire\b|fire only (if|when)|stand down|suspend\w*|\bsilence\b|cantonment|\b(?:in|to|inside|within) (?:its|their|our) (?:camps|barracks|cantonments?)\b|\b(?:move[sd]?|moving|went|go(?:es)?|report(?:s|ed|ing)?) into (?:the |designated |their |its )?(?:camps|cantonments?|assembly points)\b|\b(?:to|into) (?:designated )?(?:cantonments?|assembly points)\b|suspension|resum\w* (\w+ )?(operations|attacks|fighting|offensive|bombing)|silence (the|their|our) (guns|weapons)|keep up (the )?(operations|attacks|offensive|pressure)|let-?up|"
    r"lay down|put (the|our|their|its) (guns|weapons|arms) down|\bputs? down (\w+ ){0,5}(rifles?|guns?|weapons|arms)\b|\bnot (lifted|raised) a (gun|rifle|weapon)\b|fight until|without (shooting|fighting|bombing)|hand (in|over) (its|their|our) (weapons|arms|guns)|keep the pressure|fight on|no military (answer|solution)|"
    r"political (solution|dialogue)|sit down|\b(the|any|a|one|same) (negotiating )?table\b|\b(the|this|a|its|their|our|[\w-]+-point|[\w-]+['’]s?) ([\w-]+ )?(plan|proposal|offer|initiative)\b|"
    r"(operations?|offensive|campaign|attacks) (\w+ ){0,4}(continue|go on|press on|carry on)|\b(ordered|sent|moved|pushed) (\w+ ){0,3}(battalions?|brigades?|troops|units|columns?|tanks|regiments?) (forward|up to the front|to the front)\b|\bconfined to (their|its) (posts|barracks|bases|camps)\b|\bnot (a|one) (of (their|its|our) )?\w+ (will|would|shall) carry (a|any) (rifles?|guns?|weapons?|fighters?)\b|\bno (military )?operations? of any kind\b|\bevery (quiet|calm) (night|day|week)\b|until (\w+ ){0,6}(defeated|finished|crushed|destroyed|wiped out|eliminated)|"
    r"whatever (is |gets |they |the \w+ )?(sign|signed|agree|agreed)\b",
    re.IGNORECASE,
)
IRRELEVANT = re.compile(
    r"accession talks|\bEU member(ship)?\b|\bmembership\b|\bcustoms (union|rules|code|tariffs?)\b|prisoner|\bPOWs?\b|arrest warrant|indict\w*|sanction\w*|"
    r"humanitarian aid|emergency aid|aid convoys?|election|grain (deal|corridor|export|shipment|initiative)|accession|enlargement|partnership agreement|"
    r"asset freezes?|loan\b|tariffs?|imports?\b|exports?\b|swap\b|exchange of (wounded )?prisoners|detainees",
    re.IGNORECASE,
)
NON_POSITION = re.compile(
    r"\b(did not|didn't|does not|declined to|refused to|would not|has not|have not|had not|would neither|made no)\s+"
    r"(\w+\s+)?(comment|say|address|mention|discuss|confirm|publicly comment|commented|said|addressed|mentioned|"
    r"(public )?statement)|\bunrelated to\b|(?<!would )(?<!will )(?<!want )\b(has|had|have|was|is|were|are) nothing to do with|no bearing on|"
    r"\bsaid only that\b|\b(did not|has not|had not|have not) (immediately )?respond(ed)? to (a |repeated |several )?requests? for comment|"
    r"\bcould not be reached\b",
    re.IGNORECASE,
)
# A sentence that only announces who answered or where a position came from ("The FNL answered
# within hours", "The reply came from Aram Dilsoz"): the position is in the sentences it frames.
# One that gives the position itself ("answered: its rifles would stay slung", "answered with
# terms", "replied by repeating its refusal", "replied that ...", "said") or is passive ("would be
# answered in kind") is not a frame.
FRAMING = re.compile(
    r"^(?!.*\b(?:said|says|say|saying|told|with|by \w+ing)\b)(?!.*:)"
    r"(?!.*\b(?:answered|replied|responded)\b.*\bthat (?!(?:has|have|had|is|are|was|were|will|would|can|could)\b|\w+ed\b))"
    r".*(?:(?<!be )(?<!been )(?<!not )\b(?:answered|replied|responded)\b|\bthe (?:reply|answer|response|words|offer|message|statement)\b.*\bcame\b|"
    r"\bset out (?:the \w+ view|on paper what)|\bissued a (?:joint )?(?:letter|statement|communiqu[eé])\.?$)",
    re.IGNORECASE,
)
SEPARATE_MATTER = re.compile(r"^\W*(separately|in a separate (development|statement)|elsewhere)\b|\bsaid separately\b", re.IGNORECASE)
STRONG_RELEVANCE = re.compile(
    r"cease-?\s?fire|truce|armistice|freez\w* the (war|conflict|front|fighting)|hostilities|"
    r"peace (talks|deal|plan|process|negotiations|agreement)|not (yet )?ready (for|to) (negotiat\w*|talks?|dialogue)|"
    r"\bhalt\b|\b(an|the) end to the (shelling|fighting|bombing|war)\b|\bnot fired a (single )?shot\b|"
    r"\b(two|three|four|five)-(phase|step|stage|point) (plan|truce|proposal|ceasefire)|\bstop (firing|shooting)\b",
    re.IGNORECASE,
)
CALL_FOR_HALT = re.compile(r"\b(urg(e|es|ed|ing)|call(s|ed|ing)? (for|on)|appeal(s|ed|ing)?|demand(s|ed|ing)?|plead(s|ed|ing)?)\b",
                           re.IGNORECASE)
MEDIA_NOUNS = frozenset("daily newspaper paper weekly broadcaster outlet agency channel magazine website tabloid station".split())
INSTITUTIONS = {"kremlin": "Russia", "white house": "United States", "pentagon": "United States",
                "state department": "United States", "downing street": "United Kingdom",
                "elysee": "France", "élysée": "France", "knesset": "Israel"}
BODY_HEADS = frozenset(
    "officials official government authorities administration leadership side military army forces ministry cabinet".split())
UNNAMED_SPEAKERS = frozenset(
    "spokesman spokeswoman spokesperson official aide adviser advisor diplomat representative "
    "negotiator envoy statement letter communique communiqué".split())
ANONYMOUS_HEADS = frozenset("official aide adviser advisor diplomat statement letter communique communiqué".split())
DOCUMENT_HEADS = frozenset("statement letter communique communiqué message".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july august "
                   "september october november december".split())
PERSONAL_PRONOUNS = frozenset("he she him her".split())
GOVERNMENT_WORDS = re.compile(
    r"\b(ministry|government|presidency|cabinet|office|administration|foreign|interior|defen[cs]e)\b", re.IGNORECASE)
SUB_UNIT = re.compile(r"\b(ministry|office|presidency|department|army|military|police)\b", re.IGNORECASE)
GENERIC_GROUPS = frozenset("group militants insurgents rebels movement guerrillas fighters wing".split())
GROUP_SYNONYMS = {"coalition": "alliance", "alliance": "alliance", "front": "movement", "movement": "movement",
                  "rebels": "alliance", "group": "movement", "militants": "movement", "insurgents": "movement",
                  "council": "council", "party": "party", "army": "army", "militia": "movement",
                  "association": "council", "wing": "movement"}
ORG_WORDS = ORG_WORD
TITLE_WORDS = re.compile(
    r"^(mr|mrs|ms|dr|gen|col|lt|sgt|president|minister|prime|general|colonel|sheikh|emir|king|queen)\.?$", re.IGNORECASE)
# People the article recalls as dead ("the group's founder, X, who was killed in an ambush in 2029"): history, not a party.
DECEASED = re.compile(r"^\W*(?:who|whose \w+) (?:was|were|had been) (?:killed|assassinated|executed|murdered|shot dead)|"
                      r"^\W*who (?:died|was hanged)\b|^\W*the late\b", re.IGNORECASE)
MINISTRY = re.compile(r"\b(ministry|presidency|cabinet|foreign office)\b", re.IGNORECASE)
COMMENTATOR = re.compile(
    r"\b(resident|villager|farmer|trader|seller|vendor|shopkeeper|student|refugee|widow|fisherman|taxi driver|"
    r"(mother|father) of (two|three|four|five|six|seven)|whose (brother|sister|son|daughter|husband|wife|father|mother|"
    r"family|relatives?)|analyst|researcher|professor|lecturer|scholar|expert|academic|lawyer|historian|economist|commentator|"
    r"political scientist|sociologist|columnist|political observer|"
    r"who (studies|follows|researches|teaches|tracks|monitors)|who has (followed|studied|covered|tracked|researched|monitored|written)|"
    r"specialist|think[- ]tank|(studies|research) (at|with)|"
    r"former (adviser|advisor|official|diplomat))\b",
    re.IGNORECASE,
)


NOT_PLACES = frozenset("victoria kingston hamilton jersey georgetown".split())  # also given names or elsewhere


def world_places() -> dict[str, str]:
    """Every country of the ``countryinfo`` package (ISO 3166 names, capitals, demonyms and
    long-form spellings): the places a news page from any conflict may name."""
    from countryinfo import all_countries

    out: dict[str, str] = {}
    for info in all_countries():
        country, capital, demonym = info.name(), info.capital(), info.demonym() or ""
        capitals = capital if isinstance(capital, list) else [capital or ""]
        spellings = [a for a in info.alt_spellings() or [] if len(a) > 3]
        demonyms = [demonym, demonym + "s"] if demonym.endswith(("an", "i")) else [demonym]
        for alias in [country, *capitals, *demonyms, *spellings]:
            if alias and alias.lower() not in NOT_PLACES:
                out.setdefault(alias.lower(), country)
    return out


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Capital, demonym and country name -> country: governments named by any of them merge.
    The project's list (resources/places.yaml: the names news uses, such as "Kiev" or
    "Abidjan") comes first; the world list fills in every other country."""
    data = yaml.safe_load(resources.files("stance.resources").joinpath("places.yaml").read_text("utf-8"))
    out: dict[str, str] = {}
    for country, info in data.items():
        out[country.lower()] = country
        for alias in [info.get("capital", "")] + info.get("demonyms", []) + info.get("aliases", []):
            if alias:
                out[alias.lower()] = country
    known = set(out.values())
    for alias, country in world_places().items():
        if country not in known:
            out.setdefault(alias, country)
    return out


@lru_cache(maxsize=1)
def stance_cues() -> re.Pattern:
    """War-and-peace cues beyond the ceasefire vocabulary (resources/stance_cues.txt)."""
    text = resources.files("stance.resources").joinpath("stance_cues.txt").read_text("utf-8")
    lines = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in lines) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def observer_pattern() -> re.Pattern:
    """Aid agencies, rights groups and monitors (resources/observer_orgs.txt), by a word of their name or role."""
    text = resources.files("stance.resources").joinpath("observer_orgs.txt").read_text("utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def country_of(word: str) -> str | None:
    """The country a place word names ("Damascus", "Syria's" and "Syrian" all name Syria)."""
    return places().get(re.sub(r"^the\s+|[’']s$", "", word.lower().strip(" .’'")).strip(" .’'"))


@lru_cache(maxsize=1)
def news_outlets() -> tuple[str, ...]:
    """News organisations that outlets relay (resources/news_outlets.txt), longest first."""
    raw = resources.files("stance.resources").joinpath("news_outlets.txt").read_text(encoding="utf-8")
    names = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def listed_outlets() -> frozenset[str]:
    return frozenset(name.lower() for name in news_outlets())


def is_outlet(text: str, outlet: str = "") -> bool:
    """A news organisation (never a party): a listed outlet ("Agence France-Presse"), a known
    wire or outlet word, or the article's own outlet."""
    low = bare_name(text).lower()
    words = set(re.findall(r"[a-z]+", low))
    return (bool(words & KNOWN_OUTLETS) or bool(NEWS_ORG_WORDS.search(low)) or names_outlet(low, outlet.lower())
            or low in listed_outlets())


def names_outlet(low: str, outlet: str) -> bool:
    """Whether a name is the article's own outlet: its name, a run of two or more of its words, or its
    last word ("the Lantern"); never its first word alone, often a place ("Kessel" in "The Kessel Lantern")."""
    low = re.sub(r"^the\s+", "", low)
    name = re.sub(r"^the\s+", "", outlet)
    if not low or not name:
        return False
    if " " in low:
        return _has_words(low, name)
    return low == name or low == name.split()[-1]


@lru_cache(maxsize=8192)  # asked for every name of every article: re's own cache of 512 patterns overflowed
def _has_words(words: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(words)}\b", text) is not None
