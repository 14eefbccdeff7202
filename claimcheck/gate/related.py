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
SHARED_NAMES = 2  # one shared name (a national union, a region) is not enough: it recurs across events
SAME_EVENT_DAYS = 45  # articles published further apart than this report different events, or their aftermath


def related(store, claims, vectors, cluster_threshold: float, skip: set[str], corpus_size: int,
            published=()) -> tuple[list[str], list[int]]:
    """Stored articles to compare whole with the new `claims` (nearest first), and single stored claims to
    add because they name the same offices or people.

    An article counts as about the same event when one of its sentences is near a new one, it shares
    specific names with the new articles (two, or all the new ones have) and, when both are dated, it was
    published within SAME_EVENT_DAYS of one: similar wording alone ("About 1,500 residents were
    evacuated") turns up in every flood. `published` holds the new articles' dates.
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
    days = store.published(list(score))
    dated = [d for d in published if d is not None]
    needed = min(SHARED_NAMES, len(specific)) or 1

    def same_event(article: str) -> bool:
        if len(names_of.get(article, set()) & specific) < needed:
            return False
        day = days.get(article)
        return not (day and dated) or min(abs((day - d).days) for d in dated) <= SAME_EVENT_DAYS

    ranked = [a for a in sorted(score, key=lambda a: (-score[a], a)) if same_event(a)]

    keys = set().union(*(lookup_keys(c) for c in claims)) if claims else set()
    office_claims = sorted(h.claim for h in store.claims_with_keys(sorted(keys)) if h.article not in skip)
    return ranked[:MAX_ARTICLES], office_claims
