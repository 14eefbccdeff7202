"""Which stored articles a new article must be compared with, found without a scan of the corpus.

Comparators look at pairs of similar sentences (numbers, dates, places, quotes, denials) and at offices
named anywhere, so three lookups cover them: the nearest stored sentences of each new sentence (the vector
index), the whole cluster of a near sentence (so every source of a claim the corpus repeats is heard, not
only the first k), and the claims that name the same offices and people. The articles they come from are
then compared whole, because comparators also read an article's other sentences ("from 8% to 3%").
"""
from __future__ import annotations

from claimcheck.store.keys import event_keys, lookup_keys

NEIGHBOURS = 16  # nearest stored sentences per new sentence
MIN_SIMILARITY = 0.3  # the lowest cosine at which any comparator pairs two sentences
CLUSTER_MEMBERS = 50  # of a near sentence's cluster, at most this many more claims
MAX_ARTICLES = 150  # compared whole; beyond it, the nearest win
# A name in more stored articles than this (a capital, a national government) does not tie two articles to
# one event; the limit grows with the corpus.
COMMON_SHARE, COMMON_AT_LEAST = 0.05, 50


def related(store, claims, vectors, cluster_threshold: float, skip: set[str], corpus_size: int
            ) -> tuple[list[str], list[int]]:
    """Stored articles to compare whole with the new `claims` (nearest first), and single stored claims to
    add because they name the same offices or people.

    An article counts as about the same event when one of its sentences is near a new one and it shares a
    specific name with the new articles: similar wording alone ("About 1,500 residents were evacuated")
    turns up in every flood.
    """
    score: dict[str, float] = {}

    def note(article: str, similarity: float) -> None:
        if article not in skip and similarity > score.get(article, -1.0):
            score[article] = similarity

    clusters = set()
    for hits in store.neighbours(vectors, NEIGHBOURS + 8 * bool(skip), MIN_SIMILARITY):
        for hit in hits:
            note(hit.article, hit.similarity)
            if 1.0 - hit.similarity <= cluster_threshold and hit.article not in skip:
                clusters.add(hit.cluster)
    for member in store.cluster_members(sorted(clusters), CLUSTER_MEMBERS):
        note(member.article, 1.0 - cluster_threshold)

    names = event_keys(claims)
    common = max(COMMON_AT_LEAST, corpus_size * COMMON_SHARE)
    specific = {k for k, n in store.key_frequency(sorted(names)).items() if n <= common}
    names_of = store.event_keys(list(score))
    same_event = [a for a in sorted(score, key=lambda a: (-score[a], a)) if names_of.get(a, set()) & specific]

    keys = set().union(*(lookup_keys(c) for c in claims)) if claims else set()
    office_claims = sorted(h.claim for h in store.claims_with_keys(sorted(keys)) if h.article not in skip)
    return same_event[:MAX_ARTICLES], office_claims
