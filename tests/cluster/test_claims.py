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


def test_clusters_are_average_linkage_over_all_pairs_without_the_full_matrix():
    """Parts of the "within the threshold" graph are clustered one by one: the same clusters as
    scikit-learn's average linkage over every pair."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    from claimcheck.cluster.claims import cluster_labels

    rng = np.random.default_rng(1)
    vectors = np.repeat(rng.normal(size=(30, 48)), 20, axis=0) + rng.normal(size=(600, 48)) * 0.6
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    as_partition = lambda labels: sorted(sorted(np.nonzero(np.asarray(labels) == k)[0].tolist()) for k in set(labels))
    for threshold in (0.3, 0.45, 0.6):
        reference = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine",
                                            linkage="average").fit_predict(vectors)
        assert as_partition(cluster_labels(vectors, threshold)) == as_partition(reference)


def test_a_part_too_big_for_one_matrix_is_split_over_its_closer_edges(monkeypatch):
    import numpy as np

    from claimcheck.cluster import claims as module

    monkeypatch.setattr(module, "DENSE_LIMIT", 50)
    rng = np.random.default_rng(2)
    vectors = np.repeat(rng.normal(size=(4, 32)), 60, axis=0) + rng.normal(size=(240, 32)) * 0.2
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    labels = module.cluster_labels(vectors, 0.45)
    assert len(labels) == 240
    sizes = np.bincount(labels)
    assert sizes.max() <= 50  # no part larger than the limit was clustered at once
    topic = np.repeat(np.arange(4), 60)
    assert all(len(set(topic[np.asarray(labels) == k])) == 1 for k in set(labels))  # never across topics
