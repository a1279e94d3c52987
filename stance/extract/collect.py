"""Registering the entities an article names: the tagger's spans become people,
organisations, governments and sources in one Registry.

A person's name is their fullest form, with shorter forms and "title + name" as
aliases; a name the tagger calls a person but that ends in an organisation word or is
an acronym is an organisation; any span naming a country is that country's government.
"""

from __future__ import annotations

import re

from stance.extract.entities import Entity, Registry, drop_the, head_word, org_key
from stance.extract.lexicon import COMMENTATOR, DECEASED, GROUP_HEADS, GROUP_SYNONYMS, INSTITUTIONS, LEADER_TITLES, MEDIA_NOUNS, ORG_WORDS, SPOKES, WEEKDAYS, observer_pattern
from stance.extract.ner import repair_people
from stance.extract.places import Gazetteer
from stance.extract.roles import acronym_of, appositive, head_role, left_title, speaks_for
from stance.names import bare_name


NAME_PARTICLES = frozenset("de del la las los da do dos das di von van der".split())  # 'San Cristóbal de las Casas'


def extend_of(doc, ent, text: str) -> str:
    """'Communist Party' + 'of the Philippines', 'Union' + 'for the Delta', 'Movement for
    Democracy' + 'in Liberia': the tagger often stops an organisation's name before its
    'of', 'for' or closing 'in' part."""
    words = text.split()
    if words and words[-1].lower() in ("of", "the"):
        while words and words[-1].lower() in ("of", "the"):
            words.pop()
        i, tail = ent.end, []
        while i < len(doc) and doc[i].pos_ == "PROPN":
            tail.append(doc[i].text)
            i += 1
        return " ".join(words + (["of", "the"] if text.split()[-1].lower() == "the" else ["of"]) + tail) if tail else " ".join(words)
    i = ent.end
    if i + 1 < len(doc) and doc[i].lower_ in ("of", "for"):
        j = i + 1
        lead = []
        if doc[j].lower_ == "the":
            lead, j = ["the"], j + 1
        tail = []
        while j < len(doc):
            k = j
            while tail and k < len(doc) and doc[k].lower_ in NAME_PARTICLES:
                k += 1
            if k >= len(doc) or not (doc[k].text[:1].isupper() and doc[k].is_alpha and (doc[k].pos_ == "PROPN" or k > j)):
                break
            tail.extend(t.text for t in doc[j : k + 1])
            j = k + 1
        if tail:
            return " ".join([text, doc[i].lower_, *lead, *tail]) + _state_list(doc, j)
    if (re.search(r" (?:for|of) ", text) and i + 2 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].pos_ == "PROPN"
            and doc[i + 1].ent_type_ in ("GPE", "") and doc[i + 2].is_punct):
        return f"{text} in {doc[i + 1].text}"  # 'Movement for Democracy' + 'in Liberia,'
    return text


def _state_list(doc, j: int) -> str:
    """', Morocco and Algeria' after 'committee of Saudi Arabia': the rest of a list of states the name
    runs on with ("the Arab League committee of Saudi Arabia, Morocco and Algeria")."""
    names, k = [], j
    while k < len(doc) and doc[k].text in (",", "and"):
        last = doc[k].lower_ == "and" or (doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].lower_ == "and")
        k += 2 if doc[k].text == "," and last else 1
        run = []
        while k < len(doc) and doc[k].ent_type_ == "GPE" and doc[k].text[:1].isupper():
            run.append(doc[k].text)
            k += 1
        if not run:
            return ""
        names.append((" and " if last else ", ") + " ".join(run))
        if last:
            return "".join(names)
    return ""


HYPHEN_TAIL = re.compile(r"-[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Z][a-z]+)*")


def hyphen_tail(text: str, end: int) -> str:
    """'-Shining Path' in 'Communist Party of Peru-Shining Path', '-in-Opposition' in 'Sudan People's
    Liberation Movement-in-Opposition': a hyphenated part the tagger left out, when it names
    (a capitalised word), unlike '-led' or '-backed'."""
    m = HYPHEN_TAIL.match(text, end)
    return m.group(0) if m and re.search(r"-[A-Z]", m.group(0)) else ""


PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z-]{1,9})\)?")  # 'the National Coffee Growers' Association (ANCAFE)'


def org_name(doc, ent) -> str:
    """An organisation's full name without a leading 'the' or a bracketed acronym; a word the
    tagger left out before 'and' is kept ("the Karbari and Headmen Council")."""
    name = extend_of(doc, ent, bare_name(ent.text.split("(")[0]))
    s = ent.start
    if s >= 2 and doc[s - 1].lower_ == "and" and doc[s - 2].text[:1].isupper() and doc[s - 2].head.i == ent.root.i:
        name = f"{doc[s - 2].text} and {drop_the(name)}"
    last = name.split()[-1] if name.split() else ""
    end = ent.start_char + max(len(ent.text), len(name)) + 4
    at = doc.text.rfind(last, ent.start_char, end)  # the name's own last word ('Cabinda-Armed Forces of Cabinda')
    return drop_the(name + (hyphen_tail(doc.text, at + len(last)) if last and at >= 0 else ""))


def _is_dateline(doc, ent, text: str) -> bool:
    """'BANGKOK, July 26 —': an upper-case place before the dateline dash."""
    return text.isupper() and len(text) > 4 and ent.start < 6 and any(t.text in "—–" for t in doc[ent.end : ent.end + 8])


def _described_as_media(doc, ent) -> bool:
    """'the business daily Kommersant', 'the news agency Tass': a name after a media noun is an outlet."""
    title = left_title(doc, ent).lower().split()
    return bool(title) and title[-1] in MEDIA_NOUNS


def _is_organisation(doc, ent, text: str) -> bool:
    """A 'person' that is an organisation: ends in an org word (or has one in a longer name:
    "Sudan Liberation Army-Unity"), is an acronym, follows a group title, or is described as a
    group ("The Black Fern, a splinter faction that ...")."""
    words = re.split(r"[\s-]+", text)
    return bool(ORG_WORDS.match(words[-1]) or (len(words) >= 3 and any(ORG_WORDS.match(w) for w in words))
                or (text.isupper() and len(text) >= 3)
                or left_title(doc, ent).lower().endswith(tuple(" " + w for w in GROUP_HEADS))
                or _group_description(doc, ent))


WHO_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?who\b")
WHO_CLAUSE = re.compile(r",\s+who\b")


def _described_as_someone(doc, ent, text: str) -> bool:
    """An 'organisation' that is a person: a two- or three-word name whose apposition is
    someone "who" ("Benoît Amani-Tanoh, the banker who heads ..."), or a commander's name followed by
    "who" ("one of the field commanders, Braima Sambú, who holds the port road")."""
    if not (ent.label_ == "ORG" and 2 <= len(text.split()) <= 3 and not ORG_WORDS.match(text.split()[-1])
            and all(w[:1].isupper() for w in text.split())):
        return False
    after_leader = ent.start >= 2 and doc[ent.start - 1].text == "," and bool(LEADER_TITLES.search(doc[ent.start - 2].lemma_))
    return bool(WHO_APPOSITION.match(doc.text, ent.end_char) or after_leader and WHO_CLAUSE.match(doc.text, ent.end_char))


def _group_description(doc, ent) -> str:
    """What the apposition after a name says the body is ("a splinter faction" in "The Black
    Fern, a splinter faction that ..."), or "" (not "a spokesman for the front", "a militia commander")."""
    described = ORG_DESCRIPTION.match(doc.text[ent.end_char : ent.end_char + 80])
    if described is None or set(described.group(1).lower().split()) & {"for", "of", "to", "with", "from", "at"}:
        return ""
    return described.group(1) if DESCRIPTION_ENDS.match(doc.text, ent.end_char + described.end()) else ""


NICKNAME = r"[“\"]?((?:Abu|Abou|Umm|Al|El)?\s?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
KNOWN_AS = re.compile(r",?\s*(?:also\s+|better\s+)?(?:known|called|nicknamed)\s+(?:as\s+)?" + NICKNAME)
# ... or after the person's role: 'Colonel Foday Bangura, the field commander, who is known as "Scorpion"'
KNOWN_AS_LATER = re.compile(r",\s*(?:who\s+is\s+|who\s+goes\s+by\s+)?(?:also\s+|better\s+|widely\s+)?(?:known\s+as|nicknamed|dubbed)\s+" + NICKNAME)


GEO_NOUNS = frozenset("highlands valley mountains hills province region district state river islands coast plateau "
                      "basin corridor strip delta heights lowlands".split())
PLACE_OF = frozenset("fall capture siege battle outskirts city town province region streets centre center".split())


def _is_place(ent, text: str) -> bool:
    """A 'person' that is a place: 'Skarn Highlands', 'the fall of Grozny', 'the town of Gao'."""
    head = ent.root.head
    return (text.split()[-1].lower() in GEO_NOUNS
            or ent.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_OF)


def _register_person(reg: Registry, doc, ent, text: str, pos: int) -> None:
    named = reg.people_named(text)
    if len(named) > 1:
        return  # a surname two people share: neither is meant for sure
    person = named[0] if named else reg.add_person(text)
    if len(text.split()) > len(person.name.split()):
        person.add_alias(person.name)
        person.name = text
    else:
        person.add_alias(text)
    title = left_title(doc, ent)
    if re.search(r"\b(?:and|or|of|the|in|for)$", title):
        title = ""  # 'Kuito and' before 'Luena': a list of places, not a title
    role = appositive(ent)
    if re.match(r"former\b", role, re.I):
        role = ""  # 'General Biré, a former rebel commander who rallied ...': what they were, not their role
    after = re.match(r",\s*((?:who|whose|a|an|the)\b[^.;“\"]{0,120})", doc.text[ent.end_char : ent.end_char + 130])
    commands = COMMANDS.match(after.group(1)) if after and not (role or title) else None
    role = role or title or (f"commander of {commands.group(1)}" if commands else "")  # '..., who leads the IFM's fighters'
    if role and (not person.role or len(role) > len(person.role)):
        _set_role(reg, person, role, pos)
    clause = re.split(r"[.;]", doc.text[ent.end_char : ent.end_char + 160])[0]
    nickname = KNOWN_AS.match(clause) or KNOWN_AS_LATER.search(clause)
    if nickname:
        person.add_alias(nickname.group(1))
    named_as = head_role(ent)
    office = person.role == title and not re.match(r"(?:its|their|his|her)\b", named_as, re.I)  # 'the defence minister, General X'
    if named_as and (not person.role or office or (len(person.role.split()) == 1 and SPOKES.search(named_as))):
        _set_role(reg, person, named_as, pos)
    described = PROPER_RUN.sub("", " ".join((role, named_as, after.group(1) if after else "")))  # not the 'Refugee Committee' she chairs
    scholar = ACADEMIC_OF.match(doc.text, ent.end_char)  # 'Soren Caddon of the Institute for Maritime Studies said'
    if (COMMENTATOR.search(described) or scholar) and not LEADER_TITLES.search(title):
        person.is_commentator = True  # ... not 'General Sabine Orrec, known in the ranks as "the Widow of Vell"'
    if after and DECEASED.match(after.group(1)):
        person.is_commentator = True  # recalled from history, like a commentator never a party
    if title:
        person.add_alias(f"{title} {text}")
    person.mentions.append(pos)
    reg.person_mentions.append((pos, person))


COMMANDS = re.compile(r"who (?:leads|commands|heads) ((?:the )?[^,;]{0,60}?\b(?:fighters|forces|troops|units|brigades?|"
                      r"battalions?|militias?|men|guerrillas|columns?|fleet|navy|army|front))\b")
ACADEMIC_OF = re.compile(
    r"\s+(?:of|at|from) (?:the )?(?:[A-Z][\w'’-]+ )*(?:Institute|University|Centre|Center|Academy|School|Foundation)\b")
PROPER_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w'’-]*)+")
GROUP_IN_ROLE = re.compile(r"\b(?:leader|head|chief|commander|founder|spokes\w+) of (?:the )?((?:[A-Z][\w'’-]+ ){1,4})"
                           r"(coalition|alliance|movement|front|group|militia|gang|faction)\b")


def _set_role(reg: Registry, person: Entity, role: str, pos: int | None = None) -> None:
    """Role, body spoken for and country; with ``pos``, "its spokesman" speaks for the body named last before
    ("its president" leads it, and both may hold positions of their own).
    A relative clause the parse left on the role (', who is known in the district as ...') is cut."""
    role = re.split(r",\s+(?:who|whose|which)\b", role)[0]
    person.role = role
    if pos is not None and re.match(r"(its|their)\b", role, re.I) and SPOKES.search(role):
        person.speaks_for = reg.last_body_before(pos)
    person.speaks_for = speaks_for(role) or person.speaks_for
    person.country = reg.places.country_from(role) or person.country
    led = GROUP_IN_ROLE.search(role)
    if led and pos is not None:  # 'leader of the Viv Ansanm coalition': the coalition is a body of the article too
        org = organisation_named(reg, led.group(1).strip())
        org.role = org.role or led.group(2)
        org.mentions.append(pos)


def _register(reg: Registry, doc, ent, offset: int) -> None:
    if ent.label_ == "PERSON" and len(ent) > 2 and ent[0].lower_ in WEEKDAYS:
        ent = ent[1:]  # 'Wednesday Ivo Matić' as one name: the tagger took the day in
    text = bare_name(ent.text)
    pos = offset + ent.start_char
    if not text or _is_dateline(doc, ent, text):
        return
    person = ent.label_ == "PERSON"
    if person and len(ent) == 1 and ent.root.dep_ in ("compound", "amod") and ent.root.head.pos_ == "NOUN":
        return
    if (ent.label_ == "ORG" and len(ent) == 1 and not text.isupper() and ent.root.dep_ in ("compound", "amod")
            and ent.root.head.tag_ == "NNS"):
        return  # 'the two Hutu rebel movements': a people's name, not a body
    if ent.label_ in ("PERSON", "ORG") and (reg.is_outlet(text) or _described_as_media(doc, ent)):
        reg.outlet_source(text).mentions.append(pos)
    elif person and _is_organisation(doc, ent, text):
        name = re.sub(r"^(the|nationalist|separatist|rebel|islamist)\s+", "", text, flags=re.I)
        org = organisation_named(reg, name)
        org.mentions.append(pos)
        org.role = org.role or _group_description(doc, ent)
    elif person and (" " not in text and text.lower() in reg.places.words and not reg.country_of(text)
                     or _is_place(ent, text)):
        return
    elif ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and reg.country_of(text):
        country = reg.country_of(text)
        gov = reg.government(country)
        if text != country:
            gov.add_alias(text)
        gov.mentions.append(pos)
    elif (person or _described_as_someone(doc, ent, text)) and len(text) > 1:
        _register_person(reg, doc, ent, text, pos)
    elif ent.label_ == "ORG" or ent.label_ in MISTAKEN_LABELS and ORG_WORDS.match(re.split(r"[\s-]+", text)[-1]):
        _register_org(reg, doc, ent, text, pos)  # 'The Ashfold Rising-Northern Command', tagged a work of art


MISTAKEN_LABELS = ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC")


def organisation_named(reg: Registry, name: str) -> Entity:
    """The organisation a name refers to: an acronym is the organisation whose initials it
    spells ("KDA" for "Kessa Defence Army"), a single word the one organisation whose name
    it ends or whose kind it names ("the Brigades", "the Synod" for the "Synod of the
    Fennmoor Reformed Church"), else the organisation of that name."""
    if reg.organisation(name) is None and " " not in name:
        longer = [e for e in reg.entities if e.kind == "organisation" and not e.is_source and " " in e.name
                  and (acronym_of(name, e.name) if name.isupper() else name.lower() in (e.name.split()[-1].lower(), head_word(e.name)))]
        if len(longer) == 1:  # 'KDA' or 'the Brigades' for the 'Kessa Defence Army' or 'Merrin Volunteer Brigades'
            longer[0].add_alias(name)
            reg.by_key[org_key(name)] = longer[0]
    org = reg.get(org_key(name), ("the " + name) if name.lower() in INSTITUTIONS else name, "organisation")
    short = reg.by_key.get("o:" + head_word(name))
    if " " in name and short is not None and short is not org and " " not in short.name and not short.is_source:
        reg.by_key["o:" + head_word(name)] = org  # 'the Synod' named before its full name: the full one from now on
        org.add_alias(short.name)
    return org


DESCRIPTION_ENDS = re.compile(r"\s*(?:[,.;:—–]|(?:that|which|whose|known|called|based|led|fighting)\b)")  # not 'a militia commander'
# 'X, the rebel group known as LURD,': what kind of body X is, and its acronym
OR_ACRONYM = re.compile(r",?\s+or\s+([A-Z]{2,6})\b")  # 'the New Forces, or FN,'
ORG_DESCRIPTION = re.compile(r",\s+(?:the|a|an)\s+((?:[\w-]+\s+){0,3}?(?:%s))\b(?:\s+(?:known\s+as|called)\s+([A-Z]{2,6})\b)?"
                             % "|".join(sorted(GROUP_HEADS | set(GROUP_SYNONYMS) | {"guerrillas"})))


INITIALS = re.compile(r"\bknown by its (?:\w+ )?(?:initials|acronym),? ([A-Z][A-Z-]{1,7})\b")  # '..., known by its Spanish initials URNG'


def _register_org(reg: Registry, doc, ent, text: str, pos: int) -> None:
    known = reg.person(text) if " " not in text else None
    if known is not None:
        known.mentions.append(pos)
    else:
        name = org_name(doc, ent)
        org = organisation_named(reg, name)
        org.country = org.country or reg.places.country_from(name)
        org.mentions.append(pos)
        described = ORG_DESCRIPTION.match(doc.text[ent.end_char : ent.end_char + 80])
        if described and not org.role:
            org.role = described.group(1)
        short = OR_ACRONYM.match(doc.text[ent.end_char : ent.end_char + 12])
        bracketed = PAREN_ACRONYM.search(ent.text) or PAREN_ACRONYM.match(doc.text, ent.end_char)
        initials = INITIALS.search(re.split(r"[.;]", doc.text[ent.end_char : ent.end_char + 200])[0])
        for alias in (described.group(2) if described else None, short.group(1) if short else None,
                      bracketed.group(1) if bracketed else None, initials.group(1) if initials else None):
            if alias:
                org.add_alias(alias)
                _absorb(reg, org_key(alias), org)
                reg.by_key.setdefault(org_key(alias), org)


def _absorb(reg: Registry, key: str, org: Entity) -> None:
    """An acronym registered on its own before the full name that spells it ('The KNO says ...' in a
    standfirst above 'the Kuki National Organisation (KNO)') is that organisation."""
    early = reg.by_key.get(key)
    if early is None or early is org or early.kind != "organisation" or early.is_source or early.aliases or " " in early.name:
        return
    org.mentions.extend(early.mentions)
    reg.entities.remove(early)
    reg.by_key[key] = org


def collect_entities(parsed: list[tuple[int, object]], outlet: str = "") -> Registry:
    """Every entity the article names, from its parsed body paragraphs."""
    places = Gazetteer.learn(parsed)
    reg = Registry(places, outlet, "\n".join(doc.text for _, doc in parsed))
    repair_people(parsed, places, outlet)
    for offset, doc in parsed:
        for ent in doc.ents:
            _register(reg, doc, ent, offset)
    reg.person_mentions.sort(key=lambda m: m[0])
    for ent in reg.entities:
        ent.is_observer = ent.kind != "government" and bool(observer_pattern().search(f"{ent.name} {ent.role}"))
    return reg
