"""Tests for analysis.corpus.loader: the seed event, every input format and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.loader import (
    ARTICLE_COLUMNS,
    BLOCK_COLUMNS,
    SENTENCE_COLUMNS,
    Corpus,
    decode_bytes,
    load_corpus,
)
from analysis.errors import CorpusError
from tests.conftest import A_ID, B_ID, ROOT

ARTICLE_A = (
    "Officials met in Brussels on Monday. They agreed on a plan.\nThe plan costs $5 million.\n"
)
ARTICLE_B = "Ministers gathered in Brussels. A plan was agreed.\nIt will cost $5 million.\n"


def _original(corpus: Corpus, article_id: str) -> str:
    path = corpus.article(article_id)["path"]
    return (ROOT / "corpus" / "ukraine-security-force" / path).read_text(encoding="utf-8")


# --- the seed event ---------------------------------------------------------------------------


def test_seed_tables_have_the_contract_columns(seed_corpus: Corpus) -> None:
    assert list(seed_corpus.articles.columns) == ARTICLE_COLUMNS
    assert list(seed_corpus.blocks.columns) == BLOCK_COLUMNS
    assert list(seed_corpus.sentences.columns) == SENTENCE_COLUMNS
    assert seed_corpus.events() == ["ukraine-security-force"]
    assert seed_corpus.articles["id"].tolist() == [A_ID, B_ID]


def test_seed_metadata_from_manifest(seed_corpus: Corpus) -> None:
    b = seed_corpus.article(B_ID)
    assert (b["outlet"], b["author"], b["dateline"], b["date"]) == (
        "Newslooks",
        "J. Mansour",
        "WASHINGTON",
        "2025-02",
    )
    assert b["title"].startswith("Europe Quietly Plans Troop Deployment")
    assert seed_corpus.article(A_ID)["outlet"] == ""


@pytest.mark.parametrize("article_id", [A_ID, B_ID])
def test_every_sentence_slices_its_original_file(seed_corpus: Corpus, article_id: str) -> None:
    original = _original(seed_corpus, article_id)
    assert seed_corpus.article(article_id)["text"] == original
    for row in seed_corpus.sentences_of(article_id).itertuples():
        assert original[row.start : row.end] == row.text
    for row in seed_corpus.blocks[seed_corpus.blocks["article"] == article_id].itertuples():
        assert original[row.start : row.end] == row.text


def test_packed_first_line_lead_is_first_body_sentence(seed_corpus: Corpus) -> None:
    body = seed_corpus.sentences_of(B_ID, body_only=True)
    assert body.iloc[0]["text"].startswith("A group of European countries, led by Britain")
    assert body.iloc[0]["block_type"] == "paragraph"
    assert body.iloc[0]["position"] == 0.0
    blocks = seed_corpus.blocks[seed_corpus.blocks["article"] == B_ID]
    assert blocks.iloc[0]["block_type"] == "headline"
    assert blocks.iloc[1:5]["text"].tolist() == [
        "Newslooks",
        "WASHINGTON",
        "J. Mansour",
        "Morning Edition",
    ]
    assert set(blocks.iloc[1:5]["block_type"]) == {"byline"}


def test_image_and_comment_prompt_are_not_sentences(seed_corpus: Corpus) -> None:
    texts = " ".join(seed_corpus.sentences_of(B_ID)["text"])
    assert "newslooks.com/wp-content" not in texts
    assert "Register or Login" not in texts
    blocks = seed_corpus.blocks[seed_corpus.blocks["article"] == B_ID]
    assert "image" in set(blocks["block_type"])
    prompt = blocks[blocks["text"].str.contains("Register or Login")]
    assert prompt["block_type"].tolist() == ["boilerplate"]


@pytest.mark.parametrize(
    ("article_id", "heading"),
    [
        (A_ID, "UK and France at the Forefront"),
        (A_ID, "Ukraine\u2019s Position and Future Alliances"),
        (B_ID, "Why Is This Plan Emerging Now?"),
        (B_ID, "Conclusion: A Shifting Security Landscape"),
        (B_ID, "The U.S. Position: No Troops, But Possible Support"),
    ],
)
def test_sub_headings_are_heading_blocks(
    seed_corpus: Corpus, article_id: str, heading: str
) -> None:
    blocks = seed_corpus.blocks[seed_corpus.blocks["article"] == article_id]
    assert blocks.loc[blocks["text"] == heading, "block_type"].tolist() == ["heading"]
    body = seed_corpus.sentences_of(article_id, body_only=True)
    assert heading not in body["text"].tolist()


def test_quick_looks_items_are_summary_blocks(seed_corpus: Corpus) -> None:
    blocks = seed_corpus.blocks[seed_corpus.blocks["article"] == B_ID]
    summary = blocks[blocks["block_type"] == "summary"]
    assert len(summary) == 7
    assert summary.iloc[0]["text"].startswith("European Strategy:")
    assert blocks["block_type"].eq("list_item").sum() == 12


def test_positions_and_paragraphs(seed_corpus: Corpus) -> None:
    for article_id in (A_ID, B_ID):
        s = seed_corpus.sentences_of(article_id)
        assert s["sentence"].tolist() == list(range(len(s)))
        body = s[s["is_body"]]
        assert body["position"].is_monotonic_increasing
        assert body["position"].iloc[0] == 0.0
        assert body["position"].iloc[-1] == 1.0
        assert (body["paragraph"] >= 0).all()
        assert (s.loc[~s["is_body"], "paragraph"] == -1).all()
    counts = seed_corpus.articles.set_index("id")["n_sentences"]
    assert counts[A_ID] == len(seed_corpus.sentences_of(A_ID, body_only=True))


def test_event_subset_and_unknown_names(seed_corpus: Corpus) -> None:
    assert seed_corpus.event("ukraine-security-force").articles.shape == seed_corpus.articles.shape
    with pytest.raises(CorpusError, match="no event"):
        seed_corpus.event("nope")
    with pytest.raises(CorpusError, match="no article 'x'"):
        seed_corpus.article("x")


def test_collection_folder_reads_every_event() -> None:
    corpus = load_corpus(ROOT / "corpus")
    assert corpus.events() == ["ukraine-security-force"]
    assert corpus.articles["path"].str.startswith("ukraine-security-force/").all()


# --- formats ------------------------------------------------------------------------------------


def test_plain_folder_without_manifest(make_event) -> None:
    folder = make_event({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "README.md": "# notes"})
    corpus = load_corpus(folder)
    assert corpus.articles["id"].tolist() == ["a", "b"]
    assert corpus.articles["event"].unique().tolist() == ["event"]
    assert corpus.sentences_of("a")["text"].tolist() == [
        "Officials met in Brussels on Monday.",
        "They agreed on a plan.",
        "The plan costs $5 million.",
    ]


def test_markdown_structure(make_event) -> None:
    md = (
        "# Big Headline\n\nBy Jane Doe\n\nFirst paragraph here. Second sentence.\n\n"
        "## A sub-heading\n\n- item one is here\n- item two is here\n\n![alt](pic.png)\n"
    )
    corpus = load_corpus(make_event({"a.md": md, "b.txt": ARTICLE_B}))
    blocks = corpus.blocks[corpus.blocks["article"] == "a"]
    assert blocks["block_type"].tolist() == [
        "headline",
        "byline",
        "paragraph",
        "heading",
        "list_item",
        "list_item",
        "image",
    ]
    assert blocks["text"].tolist()[0] == "Big Headline"
    assert corpus.article("a")["title"] == "Big Headline"
    assert corpus.article("a")["author"] == "Jane Doe"


def test_html_main_text(make_event) -> None:
    html = """<html><head><title>T</title><script>alert(1)</script></head><body>
    <nav><a href="/">Home</a></nav>
    <article><h1>Leaders Meet</h1><p>Leaders met on <b>Monday</b>. They agreed.</p>
    <h2>Details</h2><ul><li>One item.</li></ul><figure><img src="x.jpg" alt="A photo">
    <figcaption>The leaders.</figcaption></figure></article>
    <footer>Copyright</footer></body></html>"""
    corpus = load_corpus(make_event({"a.html": html, "b.txt": ARTICLE_B}))
    blocks = corpus.blocks[corpus.blocks["article"] == "a"]
    assert blocks["block_type"].tolist() == [
        "headline",
        "paragraph",
        "heading",
        "list_item",
        "image",
        "caption",
    ]
    text = corpus.article("a")["text"]
    assert "alert" not in text
    assert "Home" not in text
    assert "Copyright" not in text
    for row in corpus.sentences_of("a").itertuples():
        assert text[row.start : row.end] == row.text
    assert "Leaders met on Monday." in corpus.sentences_of("a")["text"].tolist()


def test_json_and_jsonl_records(make_event) -> None:
    records = [
        {"id": "x1", "title": "One", "text": ARTICLE_A, "outlet": "Daily"},
        {"id": "x2", "title": "Two", "text": ARTICLE_B, "outlet": "Weekly"},
    ]
    jsonl = "\n".join(json.dumps(r) for r in records)
    corpus = load_corpus(make_event({"records.jsonl": jsonl}))
    assert corpus.articles["id"].tolist() == ["x1", "x2"]
    assert corpus.articles["outlet"].tolist() == ["Daily", "Weekly"]
    single = load_corpus(make_event({"a.json": json.dumps(records[0]), "b.txt": ARTICLE_B}, "e2"))
    assert single.article("x1")["title"] == "One"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_collection_file(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame(
        {
            "event": ["e1", "e1", "e2", "e2"],
            "outlet": ["Daily", "Weekly", "Daily", "Weekly"],
            "title": ["a", "b", "c", "d"],
            "text": [ARTICLE_A, ARTICLE_B, ARTICLE_B, ARTICLE_A],
        }
    )
    path = tmp_path / f"collection{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")))
    corpus = load_corpus(path)
    assert corpus.events() == ["e1", "e2"]
    assert corpus.articles["id"].tolist() == ["e1-Daily", "e1-Weekly", "e2-Daily", "e2-Weekly"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("caf\u00e9 na\u00efve".encode(), "caf\u00e9 na\u00efve"),
        ("\ufeffBOM text".encode(), "BOM text"),
        ("UTF-16 text \u00e9".encode("utf-16"), "UTF-16 text \u00e9"),
        (
            "Le pr\u00e9sident fran\u00e7ais a d\u00e9clar\u00e9 que la s\u00e9curit\u00e9 "
            "de l'Europe \u00e9tait en jeu.".encode("latin-1"),
            "Le pr\u00e9sident fran\u00e7ais a d\u00e9clar\u00e9 que la s\u00e9curit\u00e9 "
            "de l'Europe \u00e9tait en jeu.",
        ),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, name="x") == expected


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "holds no articles"),
        ({"a.txt": "", "b.txt": ARTICLE_B}, "is empty"),
        ({"a.txt": "   \n\t  \n", "b.txt": ARTICLE_B}, "is empty"),
        ({"a.txt": b"\x00\x01\x02binary\x00" * 10, "b.txt": ARTICLE_B}, "binary"),
        ({"a.txt": ARTICLE_A}, "needs at least 2"),
        ({"a.json": '{"title": "x"}', "b.txt": ARTICLE_B}, "no 'text' field"),
        ({"a.json": "{not json", "b.txt": ARTICLE_B}, "not valid JSON"),
        (
            {
                "manifest.toml": '[[articles]]\nfile = "a.txt"\n[[articles]]\nfile = "gone.txt"\n',
                "a.txt": ARTICLE_A,
            },
            "does not exist",
        ),
        (
            {
                "manifest.toml": '[[articles]]\nid = "x"\nfile = "a.txt"\n'
                '[[articles]]\nid = "x"\nfile = "b.txt"\n',
                "a.txt": ARTICLE_A,
                "b.txt": ARTICLE_B,
            },
            "used twice",
        ),
        (
            {
                "manifest.toml": '[[articles]]\nfile = "../../etc/passwd"\n'
                '[[articles]]\nfile = "b.txt"\n',
                "b.txt": ARTICLE_B,
            },
            "outside the corpus folder|does not exist",
        ),
        ({"manifest.toml": "articles = [", "a.txt": ARTICLE_A}, "not valid TOML"),
    ],
)
def test_bad_input_raises_corpus_error(make_event, files, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        load_corpus(make_event(files))


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_symlink_out_of_corpus_is_refused(make_event, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret text that must not be read. Really.")
    folder = make_event({"b.txt": ARTICLE_B})
    (folder / "a.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        load_corpus(folder)


def test_loading_does_not_change_the_files(seed_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in seed_path.iterdir()}
    load_corpus(seed_path)
    assert {p.name: p.read_bytes() for p in seed_path.iterdir()} == before


@pytest.mark.parametrize("control", ["\x07", "\x1b", "\x7f", "\x85", "\x9b", "\x0c", "\x0b"])
def test_control_characters_become_spaces_and_offsets_hold(tmp_path: Path, control: str) -> None:
    event = tmp_path / "event"
    event.mkdir()
    (event / "a.txt").write_text(f"The dam{control} broke on Monday. Water rose.\n", "utf-8")
    (event / "b.txt").write_text("Ministers met on Monday. They agreed.\n", encoding="utf-8")
    corpus = load_corpus(event)
    article = corpus.articles.set_index("id").loc["a", "text"]
    assert control not in article
    assert article.startswith("The dam  broke")
    for row in corpus.sentences.itertuples():
        source = corpus.articles.set_index("id").loc[row.article, "text"]
        assert source[row.start : row.end] == row.text


def _write_collection(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")))
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
def test_collection_titles_are_headline_blocks_once(tmp_path: Path, suffix: str) -> None:
    """A record's title is its headline block; a text that already opens with it is not doubled."""
    title = "Brussels agrees on a $5 million plan, officials say."
    frame = pd.DataFrame(
        {
            "event": ["e1", "e1"],
            "outlet": ["Daily", "Weekly"],
            "title": [title, title],
            "text": [ARTICLE_A, f"# {title}\n\n{ARTICLE_B}"],
        }
    )
    path = tmp_path / f"collection{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(frame.to_dict("records")))
    else:
        _write_collection(frame, path)
    corpus = load_corpus(path)
    for article in corpus.articles.itertuples():
        blocks = corpus.blocks[corpus.blocks["article"] == article.id]
        headlines = blocks[blocks["block_type"] == "headline"]
        assert headlines["text"].tolist() == [title]
        assert article.text.count(title) == 1
        assert article.title == title
        sentences = corpus.sentences_of(article.id)
        for row in sentences.itertuples():
            assert article.text[row.start : row.end] == row.text
        assert sentences.iloc[0]["block_type"] == "headline"
        assert not sentences.iloc[0]["is_body"]
    daily = corpus.article("e1-Daily")
    assert daily["text"] == f"{title}\n\n{ARTICLE_A}"
    assert daily["n_sentences"] == 3  # the headline is not a body sentence


def test_record_without_title_keeps_its_text(make_event) -> None:
    records = [{"id": "x1", "text": ARTICLE_A}, {"id": "x2", "title": " ", "text": ARTICLE_B}]
    corpus = load_corpus(make_event({"records.jsonl": "\n".join(json.dumps(r) for r in records)}))
    assert corpus.articles["text"].tolist() == [ARTICLE_A, ARTICLE_B]
    assert "headline" not in set(corpus.blocks["block_type"])


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.txt", "Flood Hits Town\nWASHINGTON (AP) - The river rose two metres. It fell later.\n"),
        ("a.md", "# Flood hits town\n\nWashington (AFP) - The river rose two metres. It fell.\n"),
        (
            "a.html",
            "<html><body><h1>Flood hits town</h1><p>LONDON, Feb 3 (Reuters) - The river rose "
            "two metres. It fell.</p></body></html>",
        ),
        (
            "a.json",
            json.dumps(
                {"title": "Flood hits town", "text": "WASHINGTON (AP) - The river rose. It fell."}
            ),
        ),
    ],
)
def test_dateline_is_not_in_the_first_sentence(make_event, name: str, text: str) -> None:
    corpus = load_corpus(make_event({name: text, "b.txt": ARTICLE_B}))
    article = corpus.article("a")
    sentences = corpus.sentences_of("a", body_only=True)
    assert sentences.iloc[0]["text"].startswith("The river rose")
    datelines = corpus.blocks[(corpus.blocks["article"] == "a")]
    datelines = datelines[datelines["block_type"] == "dateline"]
    assert len(datelines) == 1
    assert article["dateline"] == datelines.iloc[0]["text"]
    assert "(" in article["dateline"] or article["dateline"].isupper()
    for row in corpus.sentences_of("a").itertuples():
        assert article["text"][row.start : row.end] == row.text
