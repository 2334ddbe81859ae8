"""Files shipped in ``analysis/data``: model arrays read without pickle, and their hashes.

Every model the package uses ships inside it (no download at run time). :func:`read_arrays`
reads one ``.npz`` archive into plain numpy arrays, with the sha256 of its bytes so that a model
fitted on another model's output can check it gets the same one; :func:`data_hashes` gives the
sha256 of every shipped file, which ``run.json`` records.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from importlib import resources

import numpy as np

from analysis.errors import AnalysisError

__all__ = ["data_hashes", "read_arrays"]


def read_arrays(file_name: str, *, fix: str) -> tuple[dict[str, np.ndarray], str]:
    """The arrays of ``analysis/data/<file_name>`` and the sha256 of the file's bytes.

    Raises :class:`AnalysisError` naming the file and *fix* (how to get it back) when it is
    missing.
    """
    resource = resources.files("analysis").joinpath("data", file_name)
    if not resource.is_file():
        raise AnalysisError(f"{file_name} is missing from analysis/data; {fix}")
    data = resource.read_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        return {name: arrays[name] for name in arrays.files}, hashlib.sha256(data).hexdigest()


@cache
def data_hashes() -> dict[str, str]:
    """sha256 of every file in ``analysis/data`` (models, lexicons, gazetteer), by file name.

    A result can be traced to the exact shipped models and word lists, which a package version
    alone does not pin in a source checkout.
    """
    folder = resources.files("analysis").joinpath("data")
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file()
    }
