"""Comparators find the pairs worth a look without trying every pair; these checks pin the shortcuts to
what trying every pair would give."""
import math
import random

from claimcheck.compare.attribution import _sharing_words
from claimcheck.compare.offices import link_people

WORDS = ["strike", "pay", "union", "port", "talks", "offer", "members", "vote", "workers", "deal", "harbour", "crane"]


def test_quotes_sharing_enough_words_are_all_found():
    rng = random.Random(3)
    sets = [frozenset(rng.sample(WORDS, rng.randint(1, 6))) for _ in range(300)]
    found = set(_sharing_words(sets))
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            shared = len(sets[i] & sets[j])
            if shared >= max(2, math.ceil(min(len(sets[i]), len(sets[j])) * 0.5)):
                assert (i, j) in found


FIRST = ["anna", "lena", "marek", "oskar", "ruth", "tomas", "ines", "karl"]
LAST = ["kerber", "oduya", "haldane", "marwick", "ekdahl", "talbot", "penhale", "vossberg"]


def link_people_trying_every_pair(keys):
    """The rule written out over every pair of names: what `link_people` must agree with."""
    from rapidfuzz import fuzz

    canon = {k: k for k in keys}
    full = sorted(keys, key=lambda k: (-len(k.split()), k))
    for key in sorted(keys, key=lambda k: (len(k.split()), k)):
        words = key.split()
        hosts = [f for f in full if f != key and len(f.split()) > len(words) and set(words) <= set(f.split())]
        if len(hosts) == 1:
            canon[key] = hosts[0]
        elif not hosts and len(words) >= 2:
            near = [f for f in full if f != key and len(f.split()) >= 2 and fuzz.ratio(key, f) >= 90 and f < key]
            if near:
                canon[key] = near[0]

    def root(key):
        seen = set()
        while canon[key] != key and key not in seen:
            seen.add(key)
            key = canon[key]
        return key

    return {k: root(k) for k in keys}


def test_people_are_linked_as_when_every_pair_is_tried():
    rng = random.Random(5)
    keys = set(LAST)
    for _ in range(60):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        keys.add(name)
        if rng.random() < 0.3:
            keys.add(name[:-1] + "h")  # a spelling variant: "kerber" / "kerbeh"
        if rng.random() < 0.2:
            keys.add(f"{rng.choice(FIRST)} {name}")
    linked = link_people(keys)
    assert linked == link_people_trying_every_pair(keys)
    assert any(k != v for k, v in linked.items())  # the sample does link some names
