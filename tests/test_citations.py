"""Tests for analysis.citations: one registry, complete in docs/methods.md."""

from __future__ import annotations

import pytest

from analysis.citations import REGISTRY, Scope, citations
from tests.conftest import ROOT


def _words(text: str) -> str:
    return " ".join(text.split())


def test_docs_list_every_registry_entry() -> None:
    methods = _words((ROOT / "docs" / "methods.md").read_text(encoding="utf-8"))
    for entry in REGISTRY:
        assert _words(f"- `{entry.name}`: {entry.text}") in methods, entry


@pytest.mark.parametrize("scope", ["report", "batch"])
def test_names_are_unique_within_an_output(scope: Scope) -> None:
    names = [entry.name for entry in REGISTRY if entry.scope == scope]
    assert len(names) == len(set(names))
    assert list(citations(scope)) == names
    assert all(citations(scope).values())


def test_docs_show_every_validation_number() -> None:
    from analysis.citations import VALIDATIONS

    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    for v in VALIDATIONS:
        assert f"| `{v.name}` | {v.reference} | {v.agreement} | `{v.command}` |" in methods, v


def test_every_validation_names_a_report_measure() -> None:
    from analysis.citations import NOT_MEASURES, VALIDATIONS

    names = [v.name for v in VALIDATIONS]
    assert len(names) == len(set(names))
    assert set(names) <= set(citations("report")) - NOT_MEASURES
    assert set(citations("report")) >= NOT_MEASURES
