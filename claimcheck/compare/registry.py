"""The comparators, one entry a kind: what `compare_all` runs, and the kind list the report schema, the HTML
and the SARIF writers read.

A comparator is a module of this package with `compare(inputs, guard) -> list[Finding]`, reading claims and
their frames from `Inputs`. Adding a kind is that module, one entry here and its table of examples
(tests/compare/test_<module>.py with ROWS; tests/compare/test_tables.py fails without it). Modules are imported
only when a run compares, so a writer that lists the kinds pays nothing for them.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Inputs:
    """What every comparator may read: the factual claims, their sentence vectors (rows align with
    `claims`), the articles by id, the facts file's terms (they explain findings, never make them) and the
    sentences' spaCy docs from the extract stage (None when they are not at hand)."""

    claims: list
    vectors: object
    articles: dict
    facts: tuple = ()
    docs: dict | None = None
    candidates: object = None  # embed.candidates.Candidates: pairs from a store's index (None: found here)


class Comparator(Protocol):
    def __call__(self, inputs: Inputs, guard) -> list: ...


@dataclass(frozen=True)
class Plugin:
    kind: str  # the findings' kind (the schema's enum)
    module: str  # claimcheck.compare.<module>
    rule: str  # what it flags, in one sentence (SARIF rule text)

    def load(self) -> Comparator:
        return importlib.import_module(f"claimcheck.compare.{self.module}").compare


PLUGINS: tuple[Plugin, ...] = (
    Plugin("numeric", "numeric", "Articles give different figures for the same quantity."),
    Plugin("entity_role", "offices", "Articles name different people or bodies in the same role."),
    Plugin("date", "dates", "Articles give different dates or times for the same event."),
    Plugin("location", "locations", "Articles place the same event in different places."),
    Plugin("attribution", "attribution", "Articles attribute the same words to different speakers."),
    Plugin("negation", "negation", "One article denies what another asserts."),
    Plugin("other", "accounts", "Articles describe the same act in ways that cannot both be true."),
)
KINDS: tuple[str, ...] = tuple(dict.fromkeys(p.kind for p in PLUGINS))
RULES: dict[str, str] = {p.kind: p.rule for p in PLUGINS}


def run_all(inputs: Inputs, guard_for: Callable[[str], object]) -> list:
    """Every plugin's findings, in registry order; `guard_for(kind)` gives the Guard each one runs under."""
    findings: list = []
    for plugin in PLUGINS:
        guard = guard_for(plugin.kind)
        findings += guard.run_all(lambda g, plugin=plugin: plugin.load()(inputs, g))
    return findings
