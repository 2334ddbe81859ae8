"""Reader of the ECB+ sentence-alignment gold (``benchmarks/gold/ecbplus_*.tsv``).

The gold stores identifiers only (ECB+ file stems and ECB+ sentence numbers); the texts are read
from ``../shared/benchmarks/ecbplus``. The annotation rule is in ``benchmarks/gold/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.align.evaluation import GoldError

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ALIGNMENT_TSV",
    "GOLD_DIR",
    "KEY",
    "LABELS",
    "PAIRS_COLUMNS",
    "PAIRS_TSV",
    "SPLITS",
    "read_ecbplus_gold",
    "read_ecbplus_pairs",
    "split_of_topic",
]

GOLD_DIR = Path(__file__).resolve().parent / "gold"
ALIGNMENT_TSV = GOLD_DIR / "ecbplus_alignment.tsv"
PAIRS_TSV = GOLD_DIR / "ecbplus_pairs.tsv"
ALIGNMENT_COLUMNS = ("pair_id", "split", "a_doc", "b_doc", "a_sentence", "b_sentence", "label")
PAIRS_COLUMNS = (
    "pair_id",
    "split",
    "topic",
    "a_doc",
    "b_doc",
    "a_outlet",
    "b_outlet",
    "n_a_sentences",
    "n_b_sentences",
    "n_sure",
    "n_possible",
)
KEY = ("a_doc", "a_sentence", "b_doc", "b_sentence")
LABELS = ("sure", "possible")
SPLITS = ("dev", "test")
_INT_COLUMNS = ("a_sentence", "b_sentence", "topic", "n_a_sentences", "n_b_sentences")
_DEV_TOPICS = range(36, 41)


def split_of_topic(topic: int) -> str:
    """The split of an ECB+ topic: ``dev`` for topics 36-40, ``test`` for 41-45.

    Parameters
    ----------
    topic : int
        ECB+ topic number.

    Returns
    -------
    str
        ``"dev"`` or ``"test"``.
    """
    return "dev" if topic in _DEV_TOPICS else "test"


def _read_tsv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    if tuple(table.columns) != columns:
        raise GoldError(
            f"{path} has columns {list(table.columns)}; expected {list(columns)} in that order"
        )
    for column in set(columns) & {*_INT_COLUMNS, "n_sure", "n_possible"}:
        bad = table.loc[~table[column].str.fullmatch(r"\d+"), column]
        if not bad.empty:
            raise GoldError(f"{path}: column {column} holds {bad.iloc[0]!r}; expected a number")
        table[column] = table[column].astype(int)
    bad_split = table.loc[~table["split"].isin(SPLITS), "split"]
    if not bad_split.empty:
        raise GoldError(f"{path}: split {bad_split.iloc[0]!r} is not one of {list(SPLITS)}")
    return table


def read_ecbplus_pairs(path: str | Path) -> pd.DataFrame:
    """The annotated article pairs, one row each (also the pairs with no gold link).

    Parameters
    ----------
    path : str or Path
        ``ecbplus_pairs.tsv``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PAIRS_COLUMNS`, indexed by ``pair_id``; counts are integers.
    """
    path = Path(path)
    pairs = _read_tsv(path, PAIRS_COLUMNS)
    duplicated = pairs.loc[pairs["pair_id"].duplicated(), "pair_id"]
    if not duplicated.empty:
        raise GoldError(f"{path}: pair_id {duplicated.iloc[0]!r} is listed twice")
    for row in pairs.itertuples():
        if row.split != split_of_topic(row.topic):
            raise GoldError(
                f"{path}: pair {row.pair_id} of topic {row.topic} is in split {row.split!r}; "
                f"topics 36-40 are dev, 41-45 test"
            )
        for doc in (row.a_doc, row.b_doc):
            if not doc.startswith(f"{row.topic}_"):
                raise GoldError(f"{path}: pair {row.pair_id} holds {doc}, not of topic {row.topic}")
    return pairs.set_index("pair_id")


def read_ecbplus_gold(alignment_path: str | Path, pairs_path: str | Path) -> pd.DataFrame:
    """The gold sentence pairs, checked against the list of annotated article pairs.

    Parameters
    ----------
    alignment_path : str or Path
        ``ecbplus_alignment.tsv``: one row per gold sentence pair.
    pairs_path : str or Path
        ``ecbplus_pairs.tsv``: one row per annotated article pair.

    Returns
    -------
    pandas.DataFrame
        Indexed by :data:`KEY` (ECB+ file stems and ECB+ sentence numbers), columns
        ``pair_id``, ``split``, ``label`` (``sure`` or ``possible``). Sentence pairs absent from
        it, in an annotated article pair, are gold non-links.
    """
    alignment_path = Path(alignment_path)
    pairs = read_ecbplus_pairs(pairs_path)
    gold = _read_tsv(alignment_path, ALIGNMENT_COLUMNS)
    bad_label = gold.loc[~gold["label"].isin(LABELS), "label"]
    if not bad_label.empty:
        raise GoldError(
            f"{alignment_path}: label {bad_label.iloc[0]!r} is not one of {list(LABELS)}"
        )
    unknown = gold.loc[~gold["pair_id"].isin(pairs.index), "pair_id"]
    if not unknown.empty:
        raise GoldError(
            f"{alignment_path}: pair {unknown.iloc[0]!r} is not listed in {pairs_path}; "
            "add it there"
        )
    listed = pairs.loc[gold["pair_id"], ["split", "a_doc", "b_doc"]].to_numpy()
    mismatch = (gold[["split", "a_doc", "b_doc"]].to_numpy() != listed).any(axis=1)
    if mismatch.any():
        row = gold[mismatch].iloc[0]
        raise GoldError(
            f"{alignment_path}: pair {row['pair_id']} has split/documents "
            f"{row['split']}/{row['a_doc']}/{row['b_doc']} unlike {pairs_path}"
        )
    duplicated = gold.duplicated(list(KEY))
    if duplicated.any():
        key = tuple(gold.loc[duplicated, list(KEY)].iloc[0])
        raise GoldError(f"{alignment_path}: sentence pair {key} is listed twice")
    for pair_id, listed_pair in pairs.iterrows():
        labels = gold.loc[gold["pair_id"] == pair_id, "label"]
        found = ((labels == "sure").sum(), (labels == "possible").sum())
        expected = (listed_pair["n_sure"], listed_pair["n_possible"])
        if found != expected:
            raise GoldError(
                f"{pairs_path}: pair {pair_id} counts n_sure, n_possible = {expected}, but "
                f"{alignment_path} holds {found[0]}, {found[1]}"
            )
    return gold.set_index(list(KEY)).sort_index()
