"""Which outlets agree with which: for each pair of sources, on the claims both report, how often they
agree and how often they conflict. Read from a report dict, so every output form can draw it."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

CONFLICTING = ("error", "warning")  # info findings are worth a look, not conflicts


@dataclass(frozen=True)
class Cell:
    shared: int  # shared claims both sources report
    agree: int  # of those, the ones no conflicting finding sets them against each other on
    conflict: int  # conflicting findings with a statement from each, giving different values


@dataclass(frozen=True)
class Agreement:
    sources: tuple[str, ...]  # the sources shown, most shared claims first
    cells: dict  # (source, source) -> Cell, both orders
    left_out: int  # sources not shown (beyond the limit)

    def cell(self, a: str, b: str) -> Cell:
        return self.cells.get((a, b), Cell(0, 0, 0))


def agreement(data: dict, limit: int = 40) -> Agreement:
    """The matrix over the `limit` sources that share the most claims with others."""
    source_of = {a["id"]: a["source"] for a in data["articles"]}
    claim_of = {}  # (article, sentence start) -> shared claim id
    shared: dict[tuple[str, str], set[int]] = {}
    for claim in data.get("shared_claims", ()):
        sources = set()
        for s in claim["sentences"]:
            claim_of[(s["article"], s["start"])] = claim["id"]
            sources.add(source_of.get(s["article"], s["article"]))
        for pair in combinations(sorted(sources), 2):
            shared.setdefault(pair, set()).add(claim["id"])
    conflicts: dict[tuple[str, str], int] = {}
    contested: dict[tuple[str, str], set[int]] = {}
    for finding in data["findings"]:
        if finding["severity"] not in CONFLICTING:
            continue
        values: dict[str, set[str]] = {}
        claims: dict[str, set] = {}
        for s in finding["statements"]:
            source = source_of.get(s["article"], s["article"])
            values.setdefault(source, set()).add(" ".join(s["value"].casefold().split()))
            claims.setdefault(source, set()).add(claim_of.get((s["article"], s["start"])))
        for pair in combinations(sorted(values), 2):
            if values[pair[0]] != values[pair[1]]:
                conflicts[pair] = conflicts.get(pair, 0) + 1
                contested.setdefault(pair, set()).update((claims[pair[0]] | claims[pair[1]]) - {None})
    pairs = set(shared) | set(conflicts)
    weight: dict[str, int] = {}
    for a, b in pairs:
        n = len(shared.get((a, b), ())) + conflicts.get((a, b), 0)
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    everyone = sorted(set(source_of.values()), key=lambda s: (-weight.get(s, 0), s))
    cells = {}
    for a, b in pairs:
        both = shared.get((a, b), set())
        cell = Cell(len(both), len(both - contested.get((a, b), set())), conflicts.get((a, b), 0))
        cells[(a, b)] = cells[(b, a)] = cell
    return Agreement(tuple(everyone[:limit]), cells, max(0, len(everyone) - limit))
