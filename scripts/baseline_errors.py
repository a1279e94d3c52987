"""Which statement forms the cue baseline gets wrong most often on dev.

A gold party's form is the most common form of the statements the extractor attributes
to it (parties the extractor misses count as 'not extracted').
"""

from collections import Counter

from stance.classify import load_classifier
from stance.io.clean import clean_article
from stance.data import load_dev
from stance.extract import extract
from stance.eval.parties import match_parties
from stance.features import gold_party_inputs
from stance.nlp import parse_body

if __name__ == "__main__":
    rules = load_classifier("rules")
    total, wrong = Counter(), Counter()
    for ga in load_dev():
        article = clean_article(str(ga.path), ga.text)
        found = extract(article, parse_body(article))
        form_of = {id(gp): Counter(s.form for s in sts).most_common(1)[0][0]
                   for (party, sts), gp in match_parties(found, ga.parties)}
        probs = rules.predict(gold_party_inputs(ga))
        for gp, p in zip(ga.parties, probs):
            form = form_of.get(id(gp), "not extracted")
            total[form] += 1
            wrong[form] += int(max(p, key=p.get) != gp.stance)
    print("| form | parties | wrong | error rate |\n|---|---|---|---|")
    for form, n in sorted(total.items(), key=lambda kv: -wrong[kv[0]] / kv[1]):
        print(f"| {form} | {n} | {wrong[form]} | {wrong[form] / n:.2f} |")
