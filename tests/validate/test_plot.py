"""The agreement figure draws what the score table holds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.errors import ConfigError
from analysis.validate.plot import plot_agreement


def _scores() -> pd.DataFrame:
    rows = [
        ("gaps", "coders", "alpha", 0.7, 0.5, 0.85),
        ("gaps", "toolkit_vs_majority", "f1", 0.8, 0.6, 0.9),
        ("gaps", "toolkit_vs_majority", "accuracy", 0.75, 0.6, 0.9),
        ("gaps", "coders_and_toolkit", "alpha", 0.65, 0.5, 0.8),
        ("tone", "coders", "alpha", np.nan, np.nan, np.nan),
        ("tone", "toolkit_vs_majority", "accuracy", 0.6, 0.4, 0.7),
    ]
    return pd.DataFrame(
        rows, columns=["measure", "comparison", "statistic", "value", "ci_low", "ci_high"]
    )


def test_one_row_per_measure_and_statistic() -> None:
    ax = plot_agreement(_scores())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [
        "gaps: alpha among coders",
        "gaps: alpha, toolkit as a coder",
        "gaps: toolkit F1 vs majority",
        "tone: alpha among coders",
        "tone: toolkit accuracy vs majority",
    ]
    assert len(ax.containers) == 4  # the NaN alpha is not drawn
    assert ax.get_title() == "Agreement with human coders"


def test_draws_on_the_axes_given() -> None:
    ax = Figure().subplots()
    assert plot_agreement(_scores(), ax=ax) is ax


def test_a_table_without_scores_is_refused() -> None:
    with pytest.raises(ConfigError, match="lacks"):
        plot_agreement(pd.DataFrame({"measure": ["gaps"]}))
