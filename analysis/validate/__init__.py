"""Validation workbench: sample the toolkit's judgements for human coding and score them."""

from analysis.validate.agreement import score_coding
from analysis.validate.measures import MEASURES, Measure
from analysis.validate.sample import DEFAULT_SEED, draw_sample, sample_measures
from analysis.validate.sheets import Coding, read_coding
from analysis.validate.source import Source, read_source
from analysis.validate.write import sample_files, score_files, write_sample, write_scores

__all__ = [
    "DEFAULT_SEED",
    "MEASURES",
    "Coding",
    "Measure",
    "Source",
    "draw_sample",
    "read_coding",
    "read_source",
    "sample_files",
    "sample_measures",
    "score_coding",
    "score_files",
    "write_sample",
    "write_scores",
]
