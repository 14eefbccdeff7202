"""What every comparator shares: stable fingerprints, statements, and how sources are named."""
from __future__ import annotations

import hashlib

from claimcheck.records import Article, Claim, Statement


def fingerprint(kind: str, subject_key: str, values: list[str]) -> str:
    """The same disagreement gets the same id on every run and machine.

    Built from what is disputed and the disputed values, never from file names, line numbers or input
    order, so it survives renames and edits elsewhere in an article.
    """
    material = "\x1f".join([kind, subject_key, *sorted(set(values))])
    return f"{kind[:3]}-{hashlib.sha256(material.encode('utf-8')).hexdigest()[:16]}"


def sentence_hash(sentence: str) -> str:
    """A sentence's identity for fingerprints and baselines: its words, not where it stands."""
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:16]


def statement(claim: Claim, article: Article, value: str) -> Statement:
    s = claim.sentence
    return Statement(
        article_id=s.article_id,
        path=article.path,
        sentence=s.text,
        value=value,
        start=s.start,
        end=s.end,
        line=s.line,
    )


def name_sources(articles: list[Article]) -> str:
    names = sorted({a.source for a in articles})
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Groups:
    """Union-find over 0..n-1: statements that are about one thing end up in one group."""

    def __init__(self, n: int):
        self._parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self._parent[self.find(i)] = self.find(j)


def by_group(pairs: dict, groups: Groups) -> dict[int, dict]:
    """The pairs of each group, by the group's root: one pass, instead of a scan of all pairs per group."""
    out: dict[int, dict] = {}
    for p, v in pairs.items():
        out.setdefault(groups.find(p[0]), {})[p] = v
    return out
