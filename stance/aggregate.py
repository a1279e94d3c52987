"""From statements to a party's stance per article, and from articles to merged parties.

Disagreement between sources is kept: each source's stance stays in ``by_source`` and
``agreement`` says whether they match; nothing is averaged away.
"""

from __future__ import annotations

from collections import Counter

from stance.names import proper_names, surname
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


def _same(a: Party, b: Party) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "person":
        return surname(a.name) == surname(b.name)
    return bool(proper_names(a.name, a.aliases) & proper_names(b.name, b.aliases))


def merge_parties(per_article: list[tuple[Article, list[PartyStance]]], threshold: float = DEFAULT_THRESHOLD) -> list[MergedParty]:
    groups: list[list[tuple[Article, PartyStance]]] = []
    for article, stances in per_article:
        for ps in stances:
            for group in groups:
                if _same(group[0][1].party, ps.party):
                    group.append((article, ps))
                    break
            else:
                groups.append([(article, ps)])
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
