"""Files shipped in ``analysis/data``: the one module that reads them (text, arrays, hashes).

Every model and word list the package uses ships inside it (no download at run time).
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np

from analysis.errors import AnalysisError

__all__ = ["data_hashes", "read_arrays", "read_template", "read_text"]


def _data_file(file_name: str, fix: str) -> Traversable:
    resource = resources.files("analysis").joinpath("data", file_name)
    if not resource.is_file():
        raise AnalysisError(f"{file_name} is missing from analysis/data; {fix}")
    return resource


def read_text(file_name: str, *, fix: str) -> str:
    """Read the text of ``analysis/data/<file_name>`` (UTF-8).

    Parameters
    ----------
    file_name : str
        Name of the file inside ``analysis/data`` (``"gazetteer.toml"``).
    fix : str
        How to get the file back, named in the error when it is missing.

    Returns
    -------
    str
        The decoded file contents.

    Raises
    ------
    AnalysisError
        When the file is not shipped.
    """
    return _data_file(file_name, fix).read_text(encoding="utf-8")


def read_arrays(file_name: str, *, fix: str) -> tuple[dict[str, np.ndarray], str]:
    """Read the arrays of the ``.npz`` archive ``analysis/data/<file_name>``, read without pickle.

    Parameters
    ----------
    file_name : str
        Name of the archive inside ``analysis/data`` (``"minilm_l6_v2.npz"``).
    fix : str
        How to get the file back, named in the error when it is missing.

    Returns
    -------
    arrays : dict of str to numpy.ndarray
        The archive's arrays by name.
    sha256 : str
        Hex sha256 of the file's bytes, so that a model fitted on another model's output can
        check it gets the same one.

    Raises
    ------
    AnalysisError
        When the file is not shipped.
    """
    data = _data_file(file_name, fix).read_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        return {name: arrays[name] for name in arrays.files}, hashlib.sha256(data).hexdigest()


def read_template(name: str) -> str:
    """Read the template ``analysis/templates/<name>`` (UTF-8, line endings as stored).

    Parameters
    ----------
    name : str
        File name inside ``analysis/templates`` (``"report.html"``).

    Returns
    -------
    str
        The decoded file contents.

    Raises
    ------
    AnalysisError
        When the template is not shipped (reinstall the package).
    """
    resource = resources.files("analysis").joinpath("templates", name)
    if not resource.is_file():
        raise AnalysisError(f"{name} is missing from analysis/templates; reinstall the package")
    return resource.read_bytes().decode("utf-8")


@cache
def data_hashes() -> dict[str, str]:
    """Hash every file in ``analysis/data`` (models, lexicons, gazetteer), by file name.

    Returns
    -------
    dict of str to str
        Hex sha256 by file name, in file-name order; ``run.json`` records it, since a package
        version alone does not pin the shipped files in a source checkout.
    """
    folder = resources.files("analysis").joinpath("data")
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file()
    }
