"""Merging parties across articles through an index gives exactly the groups of the all-pairs definition:
each party joins the first group whose first party is the same (a person's surname with no other first
name; any proper name of an organisation or government, within one kind)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from stance.aggregate import merge_parties
from stance.names import proper_names, same_person
from stance.types import Article, Evidence, Party, PartyStance

NAMES = ["Dana Voss", "Minister Voss", "Ilya Marsh", "Lena Marsh", "Marsh", "the Northern Front", "Northern Front", "NF",
         "Kestria", "the government", "Aldoria", "UN", "United Nations", "he", "Omar Haddad"]
party = st.builds(Party, name=st.sampled_from(NAMES), kind=st.sampled_from(["person", "organisation", "government"]),
                  aliases=st.lists(st.sampled_from(NAMES), max_size=3))


def same(a: Party, b: Party) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "person":
        return same_person(a.name, b.name)
    return bool(proper_names(a.name, a.aliases) & proper_names(b.name, b.aliases))


def all_pairs_groups(parties: list[Party]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, p in enumerate(parties):
        for group in groups:
            if same(parties[group[0]], p):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(party, max_size=4), max_size=8))
def test_index_merge_equals_all_pairs_merge(articles):
    per_article, flat = [], []
    for k, parties in enumerate(articles):
        article = Article(source=f"a{k}", text="x")
        stances = [PartyStance(party=p, stance="open", confidence=0.9, evidence=[Evidence("x", 0, 1)],
                               attribution=f"p{len(flat) + i}", source=article.source) for i, p in enumerate(parties)]
        per_article.append((article, stances))
        flat += parties
    merged = merge_parties(per_article)
    assert [[s.attribution for s in m.by_source] for m in merged] == [[f"p{i}" for i in g] for g in all_pairs_groups(flat)]


def test_brothers_who_share_a_surname_stay_two_parties_across_articles():
    def stance(name: str, label: str, source: str) -> PartyStance:
        return PartyStance(party=Party(name=name, kind="person"), stance=label, confidence=0.9,
                           evidence=[Evidence("x", 0, 1)], attribution="", source=source)

    a, b = Article(source="a", text="x"), Article(source="b", text="x")
    merged = merge_parties([(a, [stance("Anna Petrenko", "open", "a"), stance("Ivan Petrenko", "rejecting", "a")]),
                            (b, [stance("Petrenko", "open", "b"), stance("Ivan Petrenko", "rejecting", "b")])])
    assert [(m.name, m.stance, len(m.by_source)) for m in merged] == [("Anna Petrenko", "open", 2),
                                                                     ("Ivan Petrenko", "rejecting", 2)]
