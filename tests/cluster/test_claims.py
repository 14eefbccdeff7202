"""Sentences that say the same thing fall into one cluster, whatever their wording."""
from claimcheck.cluster.claims import cluster_claims


def test_paraphrases_share_a_cluster_and_unrelated_sentences_do_not(corpus):
    claims, vectors, _ = corpus({
        "a": ["About 600 homes were flooded in Lenfield.", "The orchestra will tour Japan next spring."],
        "b": ["Some 600 houses in Lenfield were under water.", "Grain prices fell for a third week."],
    })
    clusters = cluster_claims(claims, vectors)
    home = {c.sentence.text: cl.id for cl in clusters for c in cl.claims}
    assert home["About 600 homes were flooded in Lenfield."] == home["Some 600 houses in Lenfield were under water."]
    assert len({home[t] for t in home}) == 3
    flood = next(cl for cl in clusters if len(cl.claims) == 2)
    assert flood.articles == {"a", "b"}


def test_cluster_ids_do_not_depend_on_input_order(corpus):
    texts = {"a": ["The bridge reopened on Monday.", "Rain is forecast."], "b": ["On Monday the bridge opened again."]}
    claims, vectors, _ = corpus(texts)
    forward = cluster_claims(claims, vectors)
    backward = cluster_claims(claims[::-1], vectors[::-1])
    as_sets = lambda cs: sorted((cl.id, sorted(c.sentence.text for c in cl.claims)) for cl in cs)
    assert as_sets(forward) == as_sets(backward)


def test_one_claim_is_one_cluster(corpus):
    claims, vectors, _ = corpus({"a": ["Only one sentence here."]})
    assert len(cluster_claims(claims, vectors)) == 1
