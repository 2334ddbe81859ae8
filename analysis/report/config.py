"""Every parameter of the report pipeline in one frozen :class:`ReportConfig`, with its default.

:class:`AlignConfig` and :class:`ResamplingConfig` group the parameters handed to the aligner and
to the resampling statistics; :meth:`ReportConfig.from_toml` is the only place a configuration
file is read.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.align.alignment import DEFAULT_EQUIVALENT, DEFAULT_K, DEFAULT_MARGIN
from analysis.diff.resampling import DEFAULT_N_RESAMPLES, DEFAULT_SEED
from analysis.diff.tone import TARGET_METHODS
from analysis.errors import ConfigError

__all__ = ["DEFAULT_CONFIDENCE_LEVEL", "AlignConfig", "ReportConfig", "ResamplingConfig"]

#: Confidence level of the bootstrap intervals.
DEFAULT_CONFIDENCE_LEVEL = 0.95


@dataclass(frozen=True)
class AlignConfig:
    """Keyword arguments of :func:`analysis.align.alignment.align_articles`, by their names there.

    ``method`` is the similarity scorer (lexical, embeddings, hybrid), ``equivalent`` the
    calibrated probability of an equivalent pair, ``partial`` the similarity a pair needs (None:
    the scorer's STS-calibrated cut), ``margin`` the minimum ratio margin, ``k`` the neighbours
    in the margin and ``merges`` whether one-to-many pairs are kept (None: the scorer's choice).
    """

    method: str = "lexical"
    equivalent: float = DEFAULT_EQUIVALENT
    partial: float | None = None
    margin: float = DEFAULT_MARGIN
    k: int = DEFAULT_K
    merges: bool | None = None

    def kwargs(self) -> dict[str, Any]:
        """``{keyword: value}`` for ``align_articles(corpus, a, b, **config.kwargs())``."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ResamplingConfig:
    """Seed, resamples and confidence level of the bootstrap intervals and permutation tests."""

    seed: int = DEFAULT_SEED
    n_resamples: int = DEFAULT_N_RESAMPLES
    confidence_level: float = DEFAULT_CONFIDENCE_LEVEL

    def kwargs(self) -> dict[str, Any]:
        """``{keyword: value}`` for the functions of :mod:`analysis.diff` that take all three."""
        return dataclasses.asdict(self)


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float,),
    "bool": (bool,),
    "float | None": (float, type(None)),
}
_AT_LEAST_ONE = ("align_k", "n_lead", "tone_bins", "n_terms", "n_findings_items")
_PATHS = ("codebook", "frames_dictionary", "modality_lexicon")


@dataclass(frozen=True)
class ReportConfig:
    """Every parameter of the report pipeline, with its default (one place for all of them).

    - Alignment (:mod:`analysis.align.alignment`): ``method`` (similarity scorer: lexical,
      embeddings, hybrid), ``align_equivalent`` (calibrated probability for an equivalent pair),
      ``align_partial`` (similarity a pair needs; unset = the scorer's STS-calibrated cut),
      ``align_margin`` (minimum ratio margin), ``align_k`` (neighbours in the margin); grouped
      as :attr:`align`.
    - Resampling statistics (:mod:`analysis.diff.resampling`): ``seed``, ``n_resamples``,
      ``confidence_level``; grouped as :attr:`resampling`.
    - Actors and quotes: ``actor_method`` (rules or spacy), ``codebook`` (path of an alias
      codebook, "" = none), ``quote_min_similarity`` (word overlap for matching quotations).
    - Framing: ``logodds_prior`` (corpus, wordfreq, uniform), ``n_lead`` (lead sentences),
      ``frames_dictionary`` / ``modality_lexicon`` (paths of user lexicons, "" = shipped).
    - Sentiment: ``tone_bins`` (position bins of the tone arc), ``actor_tone_method``
      (``classifier``: lexical and MiniLM features trained on NewsMTSC; ``lexical``: its faster
      lexical part alone; ``vader``: the sentence's VADER label).
    - Figures and findings: ``n_terms`` (distinguishing terms labelled per side),
      ``n_findings_items`` (names or figures listed per finding line).
    """

    method: str = AlignConfig.method
    align_equivalent: float = AlignConfig.equivalent
    align_partial: float | None = AlignConfig.partial
    align_margin: float = AlignConfig.margin
    align_k: int = AlignConfig.k
    seed: int = ResamplingConfig.seed
    n_resamples: int = ResamplingConfig.n_resamples
    confidence_level: float = ResamplingConfig.confidence_level
    actor_method: str = "rules"
    codebook: str = ""
    quote_min_similarity: float = 0.3
    logodds_prior: str = "corpus"
    n_lead: int = 3
    frames_dictionary: str = ""
    modality_lexicon: str = ""
    tone_bins: int = 10
    actor_tone_method: str = "classifier"
    n_terms: int = 15
    n_findings_items: int = 3

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            expected = _FIELD_TYPES[str(item.type)]
            if float in expected and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, item.name, float(value))
            elif not isinstance(value, expected) or isinstance(value, bool) != (bool in expected):
                names = " or ".join("none" if t is type(None) else t.__name__ for t in expected)
                raise ConfigError(f"parameter {item.name} = {value!r} must be of type {names}")
        if self.n_resamples < 1:
            raise ConfigError(f"n_resamples = {self.n_resamples} must be at least 1")
        if not 0 < self.confidence_level < 1:
            raise ConfigError(
                f"confidence_level = {self.confidence_level} must lie between 0 and 1, e.g. 0.95"
            )
        for name in _AT_LEAST_ONE:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} = {getattr(self, name)} must be at least 1")
        if self.actor_tone_method not in TARGET_METHODS:
            raise ConfigError(
                f"actor_tone_method = {self.actor_tone_method!r} is unknown; use one of"
                f" {', '.join(TARGET_METHODS)} (the former 'embeddings' is now 'classifier')"
            )

    @property
    def align(self) -> AlignConfig:
        """The aligner's parameters."""
        return AlignConfig(
            method=self.method,
            equivalent=self.align_equivalent,
            partial=self.align_partial,
            margin=self.align_margin,
            k=self.align_k,
        )

    @property
    def resampling(self) -> ResamplingConfig:
        """The parameters of the bootstrap intervals and permutation tests."""
        return ResamplingConfig(
            seed=self.seed, n_resamples=self.n_resamples, confidence_level=self.confidence_level
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, source: str = "config") -> ReportConfig:
        """A config from ``{parameter: value}``.

        Parameters
        ----------
        values : Mapping[str, Any]
            Parameter names (the field names) and their values.
        source : str, optional
            Where *values* come from, named in errors.

        Returns
        -------
        ReportConfig
            Validated; an unknown key or a bad value raises :class:`ConfigError`.
        """
        known = {item.name for item in dataclasses.fields(cls)}
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"{source}: unknown parameter {key!r}; known parameters: "
                    + ", ".join(sorted(known))
                )
        return cls(**dict(values))

    @classmethod
    def from_toml(cls, path: str | Path) -> ReportConfig:
        """Read a TOML file of parameters (flat ``key = value``, or all under ``[report]``).

        Parameters
        ----------
        path : str or Path
            The TOML file. Relative lexicon and codebook paths in it are resolved against its
            folder.

        Returns
        -------
        ReportConfig
            The parameters of the file, the defaults for the others.
        """
        path = Path(path)
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist; give a TOML file") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        if set(values) == {"report"} and isinstance(values["report"], dict):
            values = values["report"]
        for key in _PATHS:
            if isinstance(values.get(key), str) and values[key]:
                candidate = Path(values[key])
                if not candidate.is_absolute():
                    values[key] = str(path.parent / candidate)
        return cls.from_mapping(values, source=str(path))

    def replace(self, **changes: Any) -> ReportConfig:
        """A copy with *changes* applied (validated like the constructor)."""
        return self.from_mapping({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        """Every parameter and its value, in declaration order."""
        return dataclasses.asdict(self)
