"""Which statement forms the cue baseline gets wrong most often on dev.

A gold party's form is the most common form of the statements the extractor attributes
to it; the baseline reads the product's own input for it (stance.features). Parties the
extractor misses are counted as 'not extracted'.
"""

from collections import Counter

from stance.data import load_dev
from stance.features import find_parties, gold_article, party_input
from stance.names import match_parties
from stance.pipeline import load_classifier

if __name__ == "__main__":
    rules = load_classifier("rules")
    total, wrong = Counter(), Counter()
    for ga in load_dev():
        article = gold_article(ga)
        pairs = {id(gp): (party, sts) for (party, sts), gp in match_parties(find_parties(article), ga.parties)}
        for gp in ga.parties:
            if id(gp) not in pairs:
                total["not extracted"] += 1
                wrong["not extracted"] += 1
                continue
            party, sts = pairs[id(gp)]
            form = Counter(s.form for s in sts).most_common(1)[0][0]
            probs = rules.predict([party_input(party, sts, article.title)])[0]
            total[form] += 1
            wrong[form] += int(max(probs, key=probs.get) != gp.stance)
    print("| form | parties | wrong | error rate |\n|---|---|---|---|")
    for form, n in sorted(total.items(), key=lambda kv: -wrong[kv[0]] / kv[1]):
        print(f"| {form} | {n} | {wrong[form]} | {wrong[form] / n:.2f} |")
