"""Every comparator has a table of sentence pairs with both conflicts and look-alikes (proselint-style).

A comparator added without examples fails here: its test module must define ROWS of
(sentence a, sentence b, expected severity or None), at least 15 rows, with both kinds.
"""
import importlib
import pkgutil

import pytest

import claimcheck.compare as package
from claimcheck.compare.registry import PLUGINS

MIN_ROWS = 15

COMPARATORS = sorted(p.module for p in PLUGINS)


def test_every_comparator_module_is_registered():
    """A module with a `compare` entry point that the registry does not list would never run."""
    found = {m.name for m in pkgutil.iter_modules(package.__path__)
             if hasattr(importlib.import_module(f"claimcheck.compare.{m.name}"), "compare")}
    assert found == set(COMPARATORS)


@pytest.mark.parametrize("name", COMPARATORS)
def test_comparator_has_a_table_of_both_kinds(name):
    try:
        tests = importlib.import_module(f"tests.compare.test_{name}")
    except ModuleNotFoundError:
        pytest.fail(f"comparator {name} has no table: write tests/compare/test_{name}.py with ROWS")
    rows = getattr(tests, "ROWS", None)
    assert rows, f"tests/compare/test_{name}.py has no ROWS table"
    assert len(rows) >= MIN_ROWS, f"{name}: {len(rows)} rows, want at least {MIN_ROWS}"
    assert any(r[-1] for r in rows), f"{name}: no row that should be flagged"
    assert any(r[-1] is None for r in rows), f"{name}: no look-alike row that must not be flagged"
