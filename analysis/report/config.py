"""Every parameter of the report pipeline in one frozen :class:`ReportConfig`, with its default.

:class:`AlignConfig` and :class:`ResamplingConfig` group the parameters handed to the aligner and
to the resampling statistics; :meth:`ReportConfig.from_toml` is the only place a configuration
file is read. :data:`SETTING_CONSTRAINTS` bounds every numeric setting of the config and of the
command line, and :func:`check_settings` enforces it.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.align.alignment import DEFAULT_EQUIVALENT, DEFAULT_K, DEFAULT_MARGIN
from analysis.diff.resampling import DEFAULT_N_RESAMPLES, DEFAULT_SEED
from analysis.diff.tone import TARGET_METHODS
from analysis.errors import ConfigError

__all__ = [
    "DEFAULT_CONFIDENCE_LEVEL",
    "SETTING_CONSTRAINTS",
    "SETTING_OPTIONS",
    "AlignConfig",
    "Interval",
    "ReportConfig",
    "ResamplingConfig",
    "check_settings",
]

#: Confidence level of the bootstrap intervals.
DEFAULT_CONFIDENCE_LEVEL = 0.95


@dataclass(frozen=True)
class Interval:
    """Numbers of one kind between two bounds, as in scikit-learn's ``Interval`` constraint.

    Parameters
    ----------
    kind : type
        ``int`` (whole numbers only; a bool is not one) or ``float`` (any real number; ints
        are accepted, NaN never).
    low, high : float
        The bounds.
    closed : {"both", "left", "right", "neither"}, optional
        Which bounds belong to the interval.
    """

    kind: type
    low: float
    high: float
    closed: str = "both"

    def holds(self, value: Any) -> bool:
        """Tell whether *value* lies in the interval.

        Parameters
        ----------
        value : Any
            A setting's value.

        Returns
        -------
        bool
            True for a number of :attr:`kind` within the bounds.
        """
        kinds = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or math.isnan(value):
            return False
        above = value >= self.low if self.closed in ("both", "left") else value > self.low
        below = value <= self.high if self.closed in ("both", "right") else value < self.high
        return above and below

    def describe(self) -> str:
        """Word the interval for an error message (``a whole number from 1 to 100000``)."""
        noun = "a whole number" if self.kind is int else "a number"
        low, high = _number(self.low), _number(self.high)
        if self.closed == "both":
            return f"{noun} from {low} to {high}"
        if self.closed == "neither":
            return f"{noun} strictly between {low} and {high}"
        if self.closed == "left":
            return f"{noun} from {low} up to but not including {high}"
        return f"{noun} above {low} and up to {high}"


def _number(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"


#: Every numeric setting of :class:`ReportConfig` and of the command line (config key or option
#: without ``--``), with the values it may take: a value passes when one constraint holds
#: (``None`` admits an unset value, any other plain value admits itself). The upper bounds keep
#: time and memory within reach of one machine; raise them here, in one place, if needed.
SETTING_CONSTRAINTS: dict[str, tuple[Any, ...]] = {
    "align_equivalent": (Interval(float, 0, 1),),
    "align_partial": (None, Interval(float, 0, 1)),
    "align_margin": (Interval(float, 0, 100),),
    "align_k": (Interval(int, 1, 1000),),
    "seed": (Interval(int, 0, 2**32 - 1),),
    "n_resamples": (Interval(int, 1, 100_000),),
    "confidence_level": (Interval(float, 0, 1, closed="neither"),),
    "quote_min_similarity": (Interval(float, 0, 1),),
    "n_lead": (Interval(int, 1, 1000),),
    "tone_bins": (Interval(int, 1, 1000),),
    "n_terms": (Interval(int, 1, 1000),),
    "n_findings_items": (Interval(int, 1, 100),),
    "max_pairs": (Interval(int, 1, 100_000),),
    # Command-line settings that are not report parameters.
    "jobs": (-1, Interval(int, 1, 1024)),
    "min_articles": (Interval(int, 1, 100_000),),
    "sentences": (Interval(int, 0, 100_000),),
    "n": (Interval(int, 1, 100_000),),
    "coders": (Interval(int, 1, 100),),
}
#: The command-line option of each setting that has one, named in errors beside the key.
SETTING_OPTIONS: dict[str, str] = {
    "seed": "--seed",
    "n_resamples": "--n-resamples",
    "jobs": "--jobs",
    "min_articles": "--min-articles",
    "sentences": "--sentences",
    "n": "--n",
    "coders": "--coders",
}


def _describe(constraint: Any) -> str:
    if constraint is None:
        return "none (leave the key out)"
    return constraint.describe() if isinstance(constraint, Interval) else repr(constraint)


def _holds(constraint: Any, value: Any) -> bool:
    if isinstance(constraint, Interval):
        return constraint.holds(value)
    return value is constraint if constraint is None else value == constraint


def check_settings(values: Mapping[str, Any]) -> None:
    """Check settings against :data:`SETTING_CONSTRAINTS` (names it does not know pass).

    Parameters
    ----------
    values : Mapping[str, Any]
        Setting names (config keys, or command-line options without ``--`` and with ``_`` for
        ``-``) and their values.

    Raises
    ------
    ConfigError
        For the first value outside its bounds, naming the key (and option) and the bounds.
    """
    for name, value in values.items():
        constraints = SETTING_CONSTRAINTS.get(name, ())
        if constraints and not any(_holds(c, value) for c in constraints):
            allowed = " or ".join(_describe(c) for c in constraints)
            option = f" (option {SETTING_OPTIONS[name]})" if name in SETTING_OPTIONS else ""
            raise ConfigError(f"{name} = {value!r}{option} is out of range; use {allowed}")


@dataclass(frozen=True)
class AlignConfig:
    """Keyword arguments of :func:`analysis.align.alignment.align_articles`, by their names there.

    Parameters
    ----------
    method : {"lexical", "embeddings", "hybrid"}
        The similarity scorer.
    equivalent : float
        Calibrated probability (0..1) at or above which a kept pair is ``equivalent``.
    partial : float or None
        Similarity (0..1) a pair needs to be kept; None takes the scorer's STS-calibrated cut.
    margin : float
        Minimum ratio margin, >= 0.
    k : int
        Neighbours in the margin, >= 1.
    merges : bool or None
        Accepted for existing configurations, without effect.
    """

    method: str = "lexical"
    equivalent: float = DEFAULT_EQUIVALENT
    partial: float | None = None
    margin: float = DEFAULT_MARGIN
    k: int = DEFAULT_K
    merges: bool | None = None

    def kwargs(self) -> dict[str, Any]:
        """Return ``{keyword: value}`` for ``align_articles(corpus, a, b, **config.kwargs())``.

        Returns
        -------
        dict of str to Any
            Every field by name, in declaration order.
        """
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ResamplingConfig:
    """Seed, resamples and confidence level of the bootstrap intervals and permutation tests.

    Parameters
    ----------
    seed : int
        Seed of the random generator (:mod:`analysis.diff.resampling`).
    n_resamples : int
        Resamples of each bootstrap and permutation test, >= 1.
    confidence_level : float
        Level of the bootstrap intervals, strictly between 0 and 1.
    """

    seed: int = DEFAULT_SEED
    n_resamples: int = DEFAULT_N_RESAMPLES
    confidence_level: float = DEFAULT_CONFIDENCE_LEVEL

    def kwargs(self) -> dict[str, Any]:
        """Return ``{keyword: value}`` for the functions of :mod:`analysis.diff` taking all three.

        Returns
        -------
        dict of str to Any
            ``seed``, ``n_resamples`` and ``confidence_level``.
        """
        return dataclasses.asdict(self)


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float,),
    "bool": (bool,),
    "float | None": (float, type(None)),
}
_PATHS = ("codebook", "frames_dictionary", "modality_lexicon")


@dataclass(frozen=True)
class ReportConfig:
    """Every parameter of the report pipeline, with its default (one place for all of them).

    The table of parameters and the sections they affect is in ``docs/methods.md``; the bounds
    of every numeric parameter are in :data:`SETTING_CONSTRAINTS`.

    Parameters
    ----------
    method, align_equivalent, align_partial, align_margin, align_k
        The aligner's ``method``, ``equivalent``, ``partial``, ``margin`` and ``k``, as in
        :class:`AlignConfig`; grouped as :attr:`align`.
    seed, n_resamples, confidence_level
        As in :class:`ResamplingConfig`; grouped as :attr:`resampling`.
    actor_method : {"rules", "spacy"}
        Actor recognition (``spacy`` needs a user-installed spaCy model).
    codebook : str
        Path of an alias codebook CSV (``alias, actor, type``), "" for none.
    quote_min_similarity : float
        Jaccard overlap (0..1) of content-word stems at which quotations of A and B match.
    logodds_prior : {"corpus", "wordfreq", "uniform"}
        Prior of the distinguishing-terms log-odds.
    n_lead : int
        Lead sentences of the emphasis table, >= 1.
    frames_dictionary, modality_lexicon : str
        Paths of user YAML lexicons, "" for the shipped ones.
    tone_bins : int
        Position bins of the tone arc, >= 1.
    actor_tone_method : {"classifier", "lexical", "vader"}
        Tone toward actors: lexical and MiniLM features trained on NewsMTSC, the faster
        lexical part alone, or the sentence's VADER label.
    n_terms : int
        Distinguishing terms labelled per side in the figure, >= 1.
    n_findings_items : int
        Names or figures listed per finding line, >= 1.
    max_pairs : int
        Most article pairs one event may have (each pair is aligned and compared, about a
        second or more each); an event with more is refused, naming this key.

    Raises
    ------
    ConfigError
        For a value of the wrong type or outside its :data:`SETTING_CONSTRAINTS`, or an
        unknown actor tone method.
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
    max_pairs: int = 435

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            expected = _FIELD_TYPES[str(item.type)]
            if float in expected and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, item.name, float(value))
            elif not isinstance(value, expected) or isinstance(value, bool) != (bool in expected):
                names = " or ".join("none" if t is type(None) else t.__name__ for t in expected)
                raise ConfigError(f"parameter {item.name} = {value!r} must be of type {names}")
        check_settings(self.to_dict())
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
        """Build a config from ``{parameter: value}``.

        Parameters
        ----------
        values : Mapping[str, Any]
            Parameter names (the field names) and their values.
        source : str, optional
            Where *values* come from, named in errors.

        Returns
        -------
        ReportConfig
            Validated like the constructor.

        Raises
        ------
        ConfigError
            For an unknown key or a bad value.
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

        Raises
        ------
        ConfigError
            When the file is missing, is not valid TOML, or holds an unknown key or bad value.
        """
        path = Path(path)
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {path} does not exist; give a TOML file") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
        except (RecursionError, ValueError):  # nesting or integers beyond Python's limits
            raise ConfigError(
                f"config file {path} nests too deeply or holds a too long number; "
                "give flat key = value settings"
            ) from None
        except OSError as exc:
            raise ConfigError(f"config file {path} cannot be read: {exc.strerror}") from None
        if set(values) == {"report"} and isinstance(values["report"], dict):
            values = values["report"]
        for key in _PATHS:
            if isinstance(values.get(key), str) and values[key]:
                candidate = Path(values[key])
                if not candidate.is_absolute():
                    values[key] = str(path.parent / candidate)
        return cls.from_mapping(values, source=str(path))

    def replace(self, **changes: Any) -> ReportConfig:
        """Return a copy with *changes* applied (validated like the constructor).

        Parameters
        ----------
        **changes
            New values by parameter name.

        Returns
        -------
        ReportConfig
            The new config; *self* is unchanged.

        Raises
        ------
        ConfigError
            For an unknown parameter or a bad value.
        """
        return self.from_mapping({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        """Return every parameter and its value, in declaration order.

        Returns
        -------
        dict of str to Any
            ``{parameter: value}``, the form ``run.json`` records and :meth:`from_mapping` reads.
        """
        return dataclasses.asdict(self)
