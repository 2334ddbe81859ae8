"""Hostile and broken inputs read through the library: event folders, JSON, TOML, Parquet, ECB+
and gold alignments.

Every case ends with a corpus (``"ok"``) or one package error naming the file and the field;
never a RecursionError, ValueError, UnicodeError or RuntimeError from below, and no article is
dropped without a word.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import analysis.corpus.loader as loader
from analysis.align.evaluation import GoldError, read_gold
from analysis.corpus.ecbplus import ecbplus_sources
from analysis.corpus.loader import load_corpus
from analysis.errors import AnalysisError, CorpusError

PROSE = "The council met on Tuesday to discuss the bridge. Engineers warned it could fail.\n"
OTHER = "Ministers met in Brussels on Monday. They agreed on a plan that costs five million.\n"
GOLD_HEADER = "a_article\tb_article\ta_sentence\tb_sentence\tlabel\n"

Make = Callable[[Path], Path]


def _folder(files: dict[str, str | bytes], links: dict[str, str] | None = None) -> Make:
    """An event folder with *files* and symbolic links ``{name: target}``."""

    def make(tmp: Path) -> Path:
        folder = tmp / "event"
        folder.mkdir()
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (folder / name).write_bytes(data)
        for name, target in (links or {}).items():
            (folder / name).symlink_to(target)
        return folder

    return make


def _parquet(columns: dict[str, list[object]]) -> Make:
    def make(tmp: Path) -> Path:
        path = tmp / "collection.parquet"
        pd.DataFrame(columns).to_parquet(path)
        return path

    return make


def _json(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=True)


# (name, input, fragment of the error or "ok")
CASES: list[tuple[str, Make, str]] = [
    # Item 6: lone surrogates, nesting, long integers, symbolic link loops.
    (
        "lone surrogate in JSON text",
        _folder(
            {"a.json": '{"title": "t", "text": "Bridge \\ud800 fails. Again."}', "b.txt": PROSE}
        ),
        "text holds the lone surrogate escape '\\\\ud800'",
    ),
    (
        "low surrogate in a JSONL title",
        _folder({"a.jsonl": _json({"title": "\udfff", "text": PROSE}) + "\n", "b.txt": OTHER}),
        "record 1: title holds the lone surrogate",
    ),
    (
        "JSON nested 5,000 arrays deep",
        _folder({"a.json": "[" * 5000 + "]" * 5000, "b.txt": PROSE}),
        "nests JSON arrays or objects too deeply",
    ),
    (
        "JSONL line 3 nested 3,000 objects deep",
        _folder(
            {
                "a.jsonl": _json({"text": PROSE}) + "\n\n" + '{"a":' * 3000 + "1" + "}" * 3000,
                "b.txt": OTHER,
            }
        ),
        r"too deeply \(line 3\)",
    ),
    (
        "JSON id of 5,000 digits",
        _folder({"a.json": '{"id": ' + "7" * 5000 + ', "text": "x"}', "b.txt": PROSE}),
        "holds a number of over 4300 digits",
    ),
    (
        "manifest integer of 4,400 digits",
        _folder({"manifest.toml": "x = " + "1" * 4400 + "\n", "a.txt": PROSE, "b.txt": OTHER}),
        "too long number",
    ),
    (
        "manifest nested 2,000 arrays deep",
        _folder(
            {"manifest.toml": "x = " + "[" * 2000 + "]" * 2000, "a.txt": PROSE, "b.txt": OTHER}
        ),
        "nests too deeply",
    ),
    (
        "symbolic link to itself",
        _folder({"b.txt": PROSE, "c.txt": OTHER}, {"a.txt": "a.txt"}),
        "a.txt is a symbolic link loop",
    ),
    (
        "two links pointing at each other",
        _folder({"b.txt": PROSE, "c.txt": OTHER}, {"x.md": "y.md", "y.md": "x.md"}),
        "x.md is a symbolic link loop",
    ),
    (
        "folder linking to itself",
        _folder({"a.txt": PROSE, "b.txt": OTHER}, {"again": "."}),
        "ok",
    ),
    (
        "JSONL syntax error names its line",
        _folder({"a.jsonl": _json({"text": PROSE}) + "\n" + "{oops\n", "b.txt": OTHER}),
        r"line 2\)",
    ),
    # Item 8: notes files and articles that look like them.
    (
        "article named like a licence",
        _folder({"license-fee-row.txt": PROSE, "b.txt": OTHER}),
        "ok",
    ),
    (
        "article named readme-first",
        _folder({"readme-first.md": PROSE, "copyingcats.txt": OTHER}),
        "ok",
    ),
    (
        "LICENSE-MIT and README are notes",
        _folder({"LICENSE-MIT.txt": "MIT", "README.md": "# notes", "a.txt": PROSE}),
        "has 1 article",
    ),
    # Item 8: values of the wrong type.
    (
        "manifest outlet is a list",
        _folder(
            {
                "manifest.toml": '[[articles]]\nfile = "a.txt"\noutlet = ["x", "y"]\n'
                '[[articles]]\nfile = "b.txt"\n',
                "a.txt": PROSE,
                "b.txt": OTHER,
            }
        ),
        "article 1: outlet is a list",
    ),
    (
        "manifest title is a table",
        _folder(
            {
                "manifest.toml": '[[articles]]\nfile = "a.txt"\n[[articles]]\nfile = "b.txt"\n'
                "title = { text = 'x' }\n",
                "a.txt": PROSE,
                "b.txt": OTHER,
            }
        ),
        "article 2: title is a table",
    ),
    (
        "manifest event is a list",
        _folder(
            {
                "manifest.toml": 'event = ["a", "b"]\n[[articles]]\nfile = "a.txt"\n'
                '[[articles]]\nfile = "b.txt"\n',
                "a.txt": PROSE,
                "b.txt": OTHER,
            }
        ),
        "event is a list",
    ),
    (
        "manifest id is a boolean",
        _folder(
            {
                "manifest.toml": '[[articles]]\nfile = "a.txt"\nid = true\n'
                '[[articles]]\nfile = "b.txt"\n',
                "a.txt": PROSE,
                "b.txt": OTHER,
            }
        ),
        "id is a bool",
    ),
    (
        "manifest date as a TOML date and id as a number",
        _folder(
            {
                "manifest.toml": '[[articles]]\nfile = "a.txt"\nid = 7\ndate = 2025-02-01\n'
                '[[articles]]\nfile = "b.txt"\n',
                "a.txt": PROSE,
                "b.txt": OTHER,
            }
        ),
        "ok",
    ),
    (
        "JSON outlet is an object",
        _folder({"a.json": _json({"text": PROSE, "outlet": {"name": "x"}}), "b.txt": OTHER}),
        "outlet is a table",
    ),
    (
        "Parquet outlet holds lists",
        _parquet({"event": ["e", "e"], "outlet": [["a"], ["b"]], "text": [PROSE, OTHER]}),
        "row 1: outlet is a list",
    ),
    (
        "Parquet title holds bytes",
        _parquet({"event": ["e", "e"], "title": [b"t", b"u"], "text": [PROSE, OTHER]}),
        "row 1: title is bytes",
    ),
    (
        "Parquet outlet holds structs",
        _parquet({"event": ["e", "e"], "outlet": [{"n": 1}, {"n": 2}], "text": [PROSE, OTHER]}),
        "outlet is a table",
    ),
    (
        "Parquet dates and missing outlets",
        _parquet(
            {
                "event": ["e", "e"],
                "outlet": ["x", None],
                "date": pd.to_datetime(["2025-01-02", "2025-01-03"]),
                "text": [PROSE, OTHER],
            }
        ),
        "ok",
    ),
]


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_corpus_input(tmp_path: Path, make: Make, expected: str) -> None:
    source = make(tmp_path)
    if expected == "ok":
        corpus = load_corpus(source)
        assert len(corpus.articles) == 2
        return
    with pytest.raises(AnalysisError, match=expected):
        load_corpus(source)


def test_notes_and_articles_are_told_apart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _folder(
        {"license-fee-row.txt": PROSE, "b.txt": OTHER, "README.md": "# notes", "COPYING": "GPL"}
    )(tmp_path)
    with caplog.at_level(logging.WARNING, logger="analysis.corpus.loader"):
        corpus = load_corpus(folder)
    assert corpus.articles["id"].tolist() == ["b", "license-fee-row"]
    assert "README.md is taken for the folder's notes" in caplog.text


def test_manifest_names_the_files_it_leaves_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _folder(
        {
            "manifest.toml": '[[articles]]\nfile = "a.txt"\n[[articles]]\nfile = "b.txt"\n',
            "a.txt": PROSE,
            "b.txt": OTHER,
            "c.txt": PROSE + OTHER,
        }
    )(tmp_path)
    with caplog.at_level(logging.WARNING, logger="analysis.corpus.loader"):
        corpus = load_corpus(folder)
    assert corpus.articles["id"].tolist() == ["a", "b"]
    assert "c.txt is not listed in" in caplog.text


def test_manifest_values_of_one_kind_keep_their_text(tmp_path: Path) -> None:
    folder = _folder(
        {
            "manifest.toml": '[[articles]]\nfile = "a.txt"\nid = 7\ndate = 2025-02-01\n'
            '[[articles]]\nfile = "b.txt"\n',
            "a.txt": PROSE,
            "b.txt": OTHER,
        }
    )(tmp_path)
    articles = load_corpus(folder).articles.set_index("id")
    assert articles.loc["7", "date"] == "2025-02-01"


# --- ECB+ ---------------------------------------------------------------------------------------

DOC = '<Document doc_name="1_1ecb.xml"><token t_id="1" sentence="{s}">{word}</token></Document>'


def _ecb(tmp: Path, xml: str, name: str = "1_1ecb.xml") -> Path:
    topic = tmp / "ecb" / "1"
    topic.mkdir(parents=True)
    (topic / name).write_text(xml, encoding="utf-8")
    return tmp / "ecb"


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [("x", "'x'"), ("", "''"), ("-3", "'-3'"), ("1.5", "'1.5'"), ("1" * 5000, "'11111")],
    ids=["letters", "empty", "negative", "fraction", "5000 digits"],
)
def test_ecbplus_bad_sentence_attribute(tmp_path: Path, sentence: str, shown: str) -> None:
    root = _ecb(tmp_path, DOC.format(s=sentence, word="Hi"))
    with pytest.raises(CorpusError, match=re.escape(f"token 1 has sentence={shown}")):
        ecbplus_sources(root)


def test_ecbplus_malformed_source_url_has_no_outlet(tmp_path: Path) -> None:
    xml = (
        '<Document><token sentence="0">http://[::1</token>'
        '<token sentence="1">Hello</token></Document>'
    )
    root = _ecb(tmp_path, xml, "1_1ecbplus.xml")
    (source,) = ecbplus_sources(root)
    assert source.meta["outlet"] == ""


def test_ecbplus_refuses_symlinks_out_and_loops(tmp_path: Path) -> None:
    outside = tmp_path / "secret.xml"
    outside.write_text(DOC.format(s=1, word="secret"), encoding="utf-8")
    topic = tmp_path / "ecb" / "1"
    topic.mkdir(parents=True)
    (topic / "1_1ecb.xml").symlink_to(outside)
    with pytest.raises(CorpusError, match="points outside the corpus folder"):
        ecbplus_sources(tmp_path / "ecb")
    (topic / "1_1ecb.xml").unlink()
    (topic / "1_2ecb.xml").symlink_to("1_2ecb.xml")
    with pytest.raises(CorpusError, match="symbolic link loop"):
        ecbplus_sources(tmp_path / "ecb")


def test_ecbplus_refuses_a_topic_linked_from_outside(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "1"
    elsewhere.mkdir(parents=True)
    (elsewhere / "1_1ecb.xml").write_text(DOC.format(s=1, word="secret"), encoding="utf-8")
    (tmp_path / "ecb").mkdir()
    (tmp_path / "ecb" / "1").symlink_to(elsewhere)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        ecbplus_sources(tmp_path / "ecb" / "1", root=tmp_path / "ecb")


def test_ecbplus_refuses_files_over_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _ecb(tmp_path, DOC.format(s=1, word="word " * 100))
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 200)
    with pytest.raises(CorpusError, match="MiB"):
        ecbplus_sources(root)


# --- gold alignments ----------------------------------------------------------------------------

GOLD_CASES = [
    ("empty", b"", "is empty"),
    ("blank lines only", b"\n\r\n\n", "is empty"),
    ("header only", GOLD_HEADER.encode(), "has a header but no pairs"),
    ("ragged: extra fields", (GOLD_HEADER + "a\tb\t1\t2\tsure\tx\ty\n").encode(), "line 2: 7"),
    ("ragged: short row", (GOLD_HEADER + "a\tb\t1\t2\tsure\na\tb\t1\n").encode(), "line 3: 3"),
    ("Latin-1", (GOLD_HEADER + "caf\xe9\tb\t1\t2\tsure\n").encode("latin-1"), "not UTF-8"),
    ("UTF-16", (GOLD_HEADER + "a\tb\t1\t2\tsure\n").encode("utf-16"), "not UTF-8"),
    ("repeated column", b"label\t" + GOLD_HEADER.encode(), "repeats the column"),
    ("negative index", (GOLD_HEADER + "a\tb\t-1\t2\tsure\n").encode(), "'-1' is not a sentence"),
    ("25-digit index", (GOLD_HEADER + f"a\tb\t{'9' * 25}\t2\tsure\n").encode(), "not a sentence"),
    ("NaN index", (GOLD_HEADER + "a\tb\tnan\t2\tsure\n").encode(), "'nan' is not a sentence"),
]


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in GOLD_CASES], ids=[c[0] for c in GOLD_CASES]
)
def test_bad_gold_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "gold.tsv"
    path.write_bytes(data)
    with pytest.raises(GoldError, match=message):
        read_gold(path)


def test_gold_file_with_windows_line_ends_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_bytes(
        ("\ufeff" + GOLD_HEADER + "a\tb\t1\t2.0\tsure\n").replace("\n", "\r\n").encode()
    )
    gold = read_gold(path)
    assert gold[["a_sentence", "b_sentence"]].to_numpy().tolist() == [[1, 2]]


def test_gold_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.align.evaluation as evaluation

    path = tmp_path / "gold.tsv"
    path.write_text(GOLD_HEADER + "a\tb\t1\t2\tsure\n" * 20, encoding="utf-8")
    monkeypatch.setattr(evaluation, "MAX_FILE_BYTES", 100)
    with pytest.raises(GoldError, match="over 0 MiB"):
        read_gold(path)
