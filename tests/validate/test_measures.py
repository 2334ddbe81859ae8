"""The measures' questions and codes."""

from __future__ import annotations

import pytest

from analysis.errors import ConfigError
from analysis.validate.measures import MEASURES, get_measure


@pytest.mark.parametrize("measure", list(MEASURES.values()), ids=list(MEASURES))
def test_every_measure_is_well_formed(measure) -> None:
    assert measure.question.endswith("?")
    assert len(measure.allowed) >= 2
    assert measure.positive is None or measure.positive in measure.allowed
    assert measure.level in ("nominal", "ordinal")
    assert not {"toolkit", "stratum"} & set(measure.shows)


def test_an_unknown_measure_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="choose one of alignment, gaps"):
        get_measure("sentiment")
