"""Integrity of the ECB+ alignment gold and errors of its reader (benchmarks/ecbplus_gold.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.align.evaluation import GoldError
from analysis.corpus.ecbplus import read_ecbplus_document
from benchmarks.ecbplus_gold import (
    ALIGNMENT_COLUMNS,
    ALIGNMENT_TSV,
    KEY,
    LABELS,
    PAIRS_COLUMNS,
    PAIRS_TSV,
    read_ecbplus_gold,
    read_ecbplus_pairs,
)
from tests.conftest import SHARED

ECB = SHARED / "benchmarks" / "ecbplus" / "ECB+"
needs_ecb = pytest.mark.skipif(not ECB.is_dir(), reason="../shared/benchmarks/ecbplus is absent")


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return read_ecbplus_gold(ALIGNMENT_TSV, PAIRS_TSV)


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return read_ecbplus_pairs(PAIRS_TSV)


def test_columns_and_labels(gold: pd.DataFrame, pairs: pd.DataFrame) -> None:
    assert tuple(pd.read_csv(ALIGNMENT_TSV, sep="\t", nrows=0).columns) == ALIGNMENT_COLUMNS
    assert tuple(pd.read_csv(PAIRS_TSV, sep="\t", nrows=0).columns) == PAIRS_COLUMNS
    assert gold.index.names == list(KEY)
    assert set(gold["label"]) == set(LABELS)
    assert not gold.index.duplicated().any()


def test_splits_by_topic_with_six_pairs_each(pairs: pd.DataFrame) -> None:
    assert set(pairs.loc[pairs["topic"].between(36, 40), "split"]) == {"dev"}
    assert set(pairs.loc[pairs["topic"].between(41, 45), "split"]) == {"test"}
    assert pairs["topic"].between(36, 45).all()
    assert (pairs["split"].value_counts() >= 6).all()
    assert set(pairs["split"]) == {"dev", "test"}


def test_pairs_are_one_sub_event_from_two_outlets(pairs: pd.DataFrame) -> None:
    assert not pairs[["a_doc", "b_doc"]].apply(frozenset, axis=1).duplicated().any()
    assert (pairs["a_outlet"] != pairs["b_outlet"]).all()
    same_half = pairs["a_doc"].str.endswith("ecbplus") == pairs["b_doc"].str.endswith("ecbplus")
    assert same_half.all()


@needs_ecb
def test_documents_sentences_and_outlets_exist(gold: pd.DataFrame, pairs: pd.DataFrame) -> None:
    for pair_id, row in pairs.iterrows():
        for side in ("a", "b"):
            doc = row[f"{side}_doc"]
            sentences, url = read_ecbplus_document(ECB / str(row["topic"]) / f"{doc}.xml")
            assert len(sentences) == row[f"n_{side}_sentences"], (pair_id, doc)
            assert f"{row[f'{side}_outlet']}/" in url.replace(" ", ""), (pair_id, doc)
            used = gold.loc[gold["pair_id"] == pair_id].index.get_level_values(f"{side}_sentence")
            assert set(used) <= set(sentences), (pair_id, doc, set(used) - set(sentences))


def _write(tmp_path: Path, alignment_rows: list[str], pairs_rows: list[str]) -> tuple[Path, Path]:
    alignment, pairs = tmp_path / "alignment.tsv", tmp_path / "pairs.tsv"
    alignment.write_text("\n".join(["\t".join(ALIGNMENT_COLUMNS), *alignment_rows]) + "\n")
    pairs.write_text("\n".join(["\t".join(PAIRS_COLUMNS), *pairs_rows]) + "\n")
    return alignment, pairs


PAIR = "36-1-2\tdev\t36\t36_1ecbplus\t36_2ecbplus\tx.com\ty.com\t5\t6\t1\t0"
LINK = "36-1-2\tdev\t36_1ecbplus\t36_2ecbplus\t3\t4\tsure"


def test_valid_gold_reads_with_key(tmp_path: Path) -> None:
    gold = read_ecbplus_gold(*_write(tmp_path, [LINK], [PAIR]))
    assert list(gold.index) == [("36_1ecbplus", 3, "36_2ecbplus", 4)]
    assert gold["label"].tolist() == ["sure"]


@pytest.mark.parametrize(
    ("alignment_rows", "pairs_rows", "message"),
    [
        ([LINK.replace("sure", "maybe")], [PAIR], "label 'maybe'"),
        ([LINK.replace("\t3\t", "\tthree\t")], [PAIR], "column a_sentence"),
        ([LINK, LINK], [PAIR.replace("\t1\t0", "\t2\t0")], "listed twice"),
        ([LINK.replace("36-1-2", "36-1-9")], [PAIR], "not listed"),
        ([LINK], [PAIR.replace("dev", "test")], "topics 36-40 are dev"),
        ([LINK], [PAIR.replace("\t1\t0", "\t0\t1")], "counts n_sure"),
        ([LINK.replace("36_2ecbplus", "36_3ecbplus")], [PAIR], "unlike"),
        ([LINK], [PAIR, PAIR], "pair_id '36-1-2' is listed twice"),
    ],
)
def test_bad_gold_names_the_problem(
    tmp_path: Path, alignment_rows: list[str], pairs_rows: list[str], message: str
) -> None:
    with pytest.raises(GoldError, match=message):
        read_ecbplus_gold(*_write(tmp_path, alignment_rows, pairs_rows))


def test_wrong_columns_are_named(tmp_path: Path) -> None:
    alignment, pairs = _write(tmp_path, [LINK], [PAIR])
    alignment.write_text(alignment.read_text().replace("a_sentence", "a_sent"))
    with pytest.raises(GoldError, match=r"expected .*a_sentence"):
        read_ecbplus_gold(alignment, pairs)
