"""Fixtures of the plot tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_pyplot_figures() -> Iterator[None]:
    """No test leaves a pyplot figure open: the plot modules never touch pyplot."""
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before == []
