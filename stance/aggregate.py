"""From statements to a party's stance per article, and from articles to merged parties.

Disagreement between sources is kept: each source's stance stays in ``by_source`` and
``agreement`` says whether they match; nothing is averaged away.
"""

from __future__ import annotations

from collections import Counter

from stance.names import proper_names, same_person, surname
from stance.types import Article, Evidence, MergedParty, Party, PartyStance, SourceStance, Statement

DEFAULT_THRESHOLD = 0.5


def party_stance(article: Article, party: Party, statements: list[Statement], probs: dict[str, float],
                 threshold: float = DEFAULT_THRESHOLD) -> PartyStance:
    stance = max(probs, key=probs.get)
    relevant = [s for s in statements if s.relevant]
    evidence = [Evidence(s.text, s.start, s.end, s.attribution) for s in relevant]
    attribution = Counter(s.attribution for s in relevant).most_common(1)[0][0] if relevant else ""
    return PartyStance(
        party=party, stance=stance, confidence=round(probs[stance], 4), evidence=evidence,
        attribution=attribution, source=article.source, probabilities={k: round(v, 4) for k, v in probs.items()},
        low_confidence=probs[stance] < threshold,
    )


def _identity(party: Party) -> list[tuple[str, str]]:
    """Keys under which a party may meet its equals: a person's surname (then
    :func:`stance.names.same_person` decides), else any proper name (the normalised name or
    a proper-name alias): two parties of one kind sharing one are the same."""
    if party.kind == "person":
        return [(party.kind, surname(party.name))]
    return [(party.kind, name) for name in sorted(proper_names(party.name, party.aliases))]


def merge_parties(per_article: list[tuple[Article, list[PartyStance]]], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    """Each party joins the first group whose first party it is the same as (:func:`_identity`),
    found through an index of those keys, so thousands of articles merge in linear time."""
    groups: list[list[tuple[Article, PartyStance]]] = []
    first_group: dict[tuple[str, str], list[int]] = {}
    for article, stances in per_article:
        for ps in stances:
            keys = _identity(ps.party)
            known = [g for k in keys for g in first_group.get(k, [])
                     if ps.party.kind != "person" or same_person(groups[g][0][1].party.name, ps.party.name)]
            if known:
                groups[min(known)].append((article, ps))
                continue
            groups.append([(article, ps)])
            for k in keys:
                first_group.setdefault(k, []).append(len(groups) - 1)
    merged = []
    for group in groups:
        parties = [ps.party for _, ps in group]
        name = max((p.name for p in parties), key=lambda n: len(n.split()))
        role = max((p.role for p in parties), key=len)
        aliases = sorted({a for p in parties for a in [p.name, *p.aliases]} - {name})
        by_source = [SourceStance(source=a.source, outlet=a.outlet, stance=ps.stance, confidence=ps.confidence,
                                  attribution=ps.attribution, evidence=ps.evidence) for a, ps in group]
        weight = Counter()
        for s in by_source:
            weight[s.stance] += s.confidence
        stance = weight.most_common(1)[0][0]
        agreeing = [s.confidence for s in by_source if s.stance == stance]
        confidence = round(sum(agreeing) / len(by_source), 4)
        merged.append(MergedParty(name=name, role=role, aliases=aliases, stance=stance, confidence=confidence,
                                  by_source=by_source, agreement=len({s.stance for s in by_source}) == 1,
                                  low_confidence=confidence < threshold))
    return merged
