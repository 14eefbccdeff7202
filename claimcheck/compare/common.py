"""What every comparator shares: stable fingerprints, statements, and how sources are named."""
from __future__ import annotations

import hashlib
from typing import Callable, TypeVar

from claimcheck.records import Article, Claim, Statement

T = TypeVar("T")


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


class Guard:
    """Keeps one comparator's failure on one claim or one group of claims from taking the report down.

    `guard.run(work, *args, claims=...)` returns `work(*args)`, or None when it raised: that claim or group
    is skipped and counted. `summary()` is then one line for the whole run, so a bug that hits every group
    is one warning, not thousands. Without a log (a comparator called directly, as the tests do) nothing is
    caught: a failure there should be seen, not skipped.
    """

    def __init__(self, kind: str, log: Callable[[str], None] | None = None):
        self.kind = kind
        self.log = log
        self.skipped = 0  # claims or groups skipped
        self.first: str = ""  # the first failure, as the summary shows it
        self.lost: str = ""  # the failure that cost the whole comparator, outside any one group

    def run(self, work: Callable[..., T], *args, claims=()) -> T | None:
        if self.log is None:
            return work(*args)
        try:
            return work(*args)
        except Exception as exc:  # noqa: BLE001 - any bug in one comparator on one group; the rest goes on
            self.failed(exc, claims)
            return None

    def failed(self, exc: Exception, claims=()) -> None:
        self.skipped += 1
        if not self.first:
            where = ""
            if claims:
                s = claims[0].sentence
                text = " ".join(s.text.split())
                where = f' on "{text[:80]}{"..." if len(text) > 80 else ""}" ({s.article_id}, line {s.line})'
            self.first = f"{type(exc).__name__}: {exc}{where}"

    def run_all(self, compare: Callable[[Guard], list]) -> list:
        """The comparator's findings, or none when it failed outside the claims and groups it guards."""
        if self.log is None:
            return compare(self)
        try:
            return compare(self)
        except Exception as exc:  # noqa: BLE001 - as in run(): the other comparators' findings stand
            self.lost = f"{type(exc).__name__}: {exc}"
            return []

    def summary(self) -> str | None:
        """One line on what was skipped, or None when nothing failed."""
        if self.lost:
            return (f"warning: the {self.kind} comparator failed ({self.lost}) and gave no findings; the other "
                    f"comparators' findings stand")
        if not self.skipped:
            return None
        what = "part" if self.skipped == 1 else f"{self.skipped} parts"
        return (f"warning: the {self.kind} comparator failed on {what} of the claims and skipped "
                f"{'it' if self.skipped == 1 else 'them'}; the rest of the report stands (first: {self.first})")
