"""Tests for analysis.report.build (and the ``report`` command): config, build, files, reproducibility."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.cli import main
from analysis.corpus.loader import Corpus, load_corpus
from analysis.errors import ConfigError
from analysis.report.build import (
    CITATIONS,
    STEPS,
    Report,
    ReportConfig,
    build_report,
    write_report,
)
from tests.conftest import A_ID, B_ID, ROOT
from tests.report_data import HOSTILE_ARTICLES, PWN, THREE_ARTICLES

FAST = ReportConfig(n_resamples=99)
CONTRACT_TABLES = (
    "alignment",
    "coverage_gaps",
    "sentences",
    "summary",
    "actors",
    "quotes",
    "numbers",
    "coverage_summary",
    "coverage_matrix",
    "distinguishing_terms",
    "word_choice",
    "frames",
    "emphasis",
    "modality",
    "sentiment_sentences",
    "sentiment_summary",
    "sentiment_pairs",
    "actor_tone",
)
FIGURES = (
    "alignment",
    "similarity",
    "coverage",
    "distinguishing_terms",
    "frames",
    "modality",
    "tone",
    "tone_arc",
    "tone_shifts",
)
ALIGNMENT_COLUMNS = [
    "a_article",
    "b_article",
    "a_sentence",
    "b_sentence",
    "a_text",
    "b_text",
    "similarity",
    "relation",
]


def _write_event(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


BUILD_LOG: dict[str, object] = {}


@pytest.fixture(scope="module")
def seed_report(seed_corpus: Corpus) -> Report:
    """The seed report; records the progress steps and whether the corpus stayed unchanged."""
    before = {name: getattr(seed_corpus, name).copy() for name in ("articles", "sentences")}
    steps: list[str] = []
    report = build_report(seed_corpus, config=FAST, progress=steps.append)
    BUILD_LOG["steps"] = tuple(steps)
    BUILD_LOG["unchanged"] = all(
        getattr(seed_corpus, name).equals(table) for name, table in before.items()
    )
    return report


@pytest.fixture(scope="module")
def light_report(seed_report: Report) -> Report:
    """The seed report without figures: quick to write, for the file-handling tests."""
    return dataclasses.replace(seed_report, figures=MappingProxyType({}))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """The seed report written by the command line (a second, independent build)."""
    out = tmp_path_factory.mktemp("cli") / "seed"
    assert main(["report", str(seed_path), "--out", str(out), "--n-resamples", "99"]) == 0
    return out


# --------------------------------------------------------------------------- config


def test_config_defaults_and_round_trip() -> None:
    config = ReportConfig()
    assert config.method == "lexical"
    assert config.n_resamples == 9999
    assert ReportConfig.from_mapping(config.to_dict()) == config
    assert config.replace(seed=1).seed == 1
    assert config.seed != 1


def test_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    path.write_text(
        '[report]\nmethod = "lexical"\nseed = 7\nconfidence_level = 0.9\nn_resamples = 199\n'
        'codebook = "codes.csv"\nalign_partial = 0.4\n',
        encoding="utf-8",
    )
    config = ReportConfig.from_toml(path)
    assert (config.seed, config.confidence_level, config.n_resamples) == (7, 0.9, 199)
    assert config.codebook == str(tmp_path / "codes.csv")
    assert config.align_partial == 0.4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sead = 3\n", "unknown parameter 'sead'"),
        ('seed = "three"\n', "seed = 'three' must be of type int"),
        ("n_resamples = 0\n", "n_resamples = 0"),
        ("confidence_level = 95\n", "confidence_level = 95.0"),
        ("align_k = true\n", "align_k = True"),
        ("seed = \n", "not valid TOML"),
        ('actor_tone_method = "embeddings"\n', "the former 'embeddings' is now 'classifier'"),
    ],
)
def test_bad_config_raises_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        ReportConfig.from_toml(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReportConfig.from_toml(tmp_path / "missing.toml")


# --------------------------------------------------------------------------- build


def test_build_computes_contract_tables_and_figures(seed_report: Report) -> None:
    assert seed_report.articles == (A_ID, B_ID)
    assert seed_report.pairs == ((A_ID, B_ID),)
    assert (seed_report.a, seed_report.b) == (A_ID, B_ID)
    for name in CONTRACT_TABLES:
        assert name in seed_report.tables, name
    assert list(seed_report.tables["alignment"].columns[:8]) == ALIGNMENT_COLUMNS
    assert set(seed_report.tables["alignment"]["relation"]) <= {"equivalent", "partial"}
    assert tuple(seed_report.figures) == FIGURES
    for name in FIGURES:
        assert "(" in seed_report.captions[name]  # names its citation, e.g. (Cox 1958)


def test_sentences_table_has_every_sentence_and_tone(
    seed_report: Report, seed_corpus: Corpus
) -> None:
    sentences = seed_report.tables["sentences"]
    assert len(sentences) == len(seed_corpus.sentences)
    assert sentences["compound"].between(-1, 1).all()
    pairs = seed_report.tables["alignment"]
    a_matched = sentences[(sentences["article"] == A_ID) & (sentences["n_counterparts"] > 0)]
    assert set(a_matched["sentence"]) == set(pairs["a_sentence"])


def test_findings_state_the_alignment_in_plain_words(seed_report: Report) -> None:
    summary = seed_report.tables["summary"].iloc[0]
    first = (
        f"{summary.a_matched} of {summary.a_body_sentences} body sentences in A have a "
        "counterpart in B"
    )
    assert any(line.startswith(first) for line in seed_report.findings)
    assert summary.a_body_sentences == 24
    assert any(line.startswith("Mean sentence tone") for line in seed_report.findings)
    assert any("quotes" in line for line in seed_report.findings)


def test_build_leaves_the_corpus_unchanged_and_reports_progress(seed_report: Report) -> None:
    assert BUILD_LOG["steps"] == STEPS
    assert BUILD_LOG["unchanged"]


def test_metadata_has_versions_hashes_and_no_timestamps(
    seed_report: Report, seed_corpus: Corpus
) -> None:
    meta = seed_report.metadata
    assert meta["parameters"] == FAST.to_dict()
    hashes = {item["id"]: item["sha256"] for item in meta["articles"]}
    expected = seed_corpus.articles.set_index("id")["sha256"].to_dict()
    assert hashes == expected
    for library in ("pandas", "numpy", "scipy", "scikit-learn", "nltk", "matplotlib"):
        assert meta["libraries"][library]
    assert meta["citations"] == dict(CITATIONS)
    text = json.dumps(dict(meta))
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text)


def test_unknown_event_is_refused(seed_corpus: Corpus) -> None:
    with pytest.raises(ConfigError, match="'nope' is not in the corpus"):
        build_report(seed_corpus, "nope", FAST)


def test_three_articles_compare_every_pair(tmp_path: Path) -> None:
    corpus = load_corpus(_write_event(tmp_path / "flood", THREE_ARTICLES))
    report = build_report(corpus, config=FAST)
    pairs = {("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma")}
    assert set(report.pairs) == pairs
    alignment = report.tables["alignment"]
    assert set(alignment[["a_article", "b_article"]].itertuples(index=False)) <= pairs
    assert len(report.tables["summary"]) == 3
    assert set(report.tables["frames"][["a", "b"]].itertuples(index=False)) == pairs
    matrix = report.tables["coverage_matrix"]
    assert {"alpha", "beta", "gamma"} <= set(matrix.columns)
    assert 'id="pair-select"' in report.as_html()


# --------------------------------------------------------------------------- renderings


def test_html_escapes_hostile_articles(tmp_path: Path) -> None:
    corpus = load_corpus(_write_event(tmp_path / "hostile", HOSTILE_ARTICLES))
    page = build_report(corpus, config=FAST).as_html()
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert PWN not in scripts[1].string
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            assert "javascript:" not in str(value).lower(), (tag.name, name)
    assert not soup.find_all("img")
    text = soup.get_text()
    assert f"<script>{PWN}</script>" in text  # shown as text
    data = json.loads(scripts[0].string)
    assert data["links"]
    assert "<" not in scripts[0].string  # '</script>' in article text cannot end the block


def test_markdown_and_latex_renderings(seed_report: Report) -> None:
    markdown = seed_report.as_markdown()
    assert markdown.startswith("# ukraine-security-force\n")
    assert "## Findings" in markdown
    assert "### alignment" in markdown
    latex = seed_report.as_latex()
    assert latex.startswith("\\documentclass")
    assert latex.rstrip().endswith("\\end{document}")
    assert "\\includegraphics[width=\\linewidth]{figures/alignment.pdf}" in latex
    html = seed_report._repr_html_()
    assert "<svg" in html
    assert "Report: ukraine-security-force" in html


# --------------------------------------------------------------------------- files


def test_written_layout(written: Path, seed_report: Report) -> None:
    page = (written / "index.html").read_text(encoding="utf-8")
    assert "single mentions are often misjudged" in page  # the actor tone caveat
    for name in seed_report.tables:
        for suffix in ("csv", "tex", "md"):
            assert (written / "tables" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in FIGURES:
        for suffix in ("pdf", "svg", "png", "caption.txt"):
            assert (written / "figures" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in ("index.html", "run.json", "report.md", "report.tex"):
        assert (written / name).is_file()
    alignment = pd.read_csv(written / "tables" / "alignment.csv")
    assert list(alignment.columns[:8]) == ALIGNMENT_COLUMNS
    run = json.loads((written / "run.json").read_text(encoding="utf-8"))
    assert run["generator"] == "storydiff-news"
    assert run["parameters"]["n_resamples"] == 99
    shipped = Path(analysis.__file__).parent / "data" / "minilm_l6_v2.npz"
    assert (
        run["package_data"]["minilm_l6_v2.npz"] == hashlib.sha256(shipped.read_bytes()).hexdigest()
    )
    assert not list(written.parent.glob(".seed.*"))


def test_figure_files_keep_text_and_carry_no_dates(written: Path) -> None:
    svg = (written / "figures" / "alignment.svg").read_text(encoding="utf-8")
    assert "<text" in svg
    assert "Sentence alignment" in svg
    assert "<dc:date>" not in svg
    pdf = (written / "figures" / "alignment.pdf").read_bytes()
    assert b"/CreationDate" not in pdf
    assert b"/FontFile2" in pdf  # TrueType (Type 42) fonts: text stays text
    png = (written / "figures" / "alignment.png").read_bytes()
    index = png.index(b"pHYs")
    x_ppm, y_ppm = struct.unpack(">II", png[index + 4 : index + 12])
    assert round(x_ppm * 0.0254) == round(y_ppm * 0.0254) == 300
    caption = (written / "figures" / "alignment.caption.txt").read_text(encoding="utf-8")
    assert "Artetxe & Schwenk 2019" in caption


def test_build_twice_gives_identical_bytes(
    written: Path, seed_report: Report, tmp_path: Path
) -> None:
    """The CLI's build and an independent library build write byte-identical files."""
    again = write_report(seed_report, tmp_path / "again")
    files = sorted(p.relative_to(written) for p in written.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    different = [str(p) for p in files if (written / p).read_bytes() != (again / p).read_bytes()]
    assert different == []


def test_write_replaces_a_previous_report_in_place(light_report: Report, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "run.json").write_text('{"generator": "storydiff-news"}', encoding="utf-8")
    (out / "stale.txt").write_text("old", encoding="utf-8")
    write_report(light_report, out)
    assert not (out / "stale.txt").exists()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_write_refuses_a_folder_that_is_not_a_report(light_report: Report, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a storydiff report folder"):
        write_report(light_report, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_interrupted_write_keeps_the_previous_report(
    light_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "run.json").write_text('{"generator": "storydiff-news"}', encoding="utf-8")
    calls = {"n": 0}
    original = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 5:
            raise KeyboardInterrupt
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(KeyboardInterrupt):
        write_report(light_report, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert [p.name for p in out.iterdir()] == ["run.json"]


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_every_latex_table_compiles(written: Path) -> None:
    from analysis.report.tables import LATEX_PREAMBLE

    inputs = "".join(
        f"\\section*{{{p.stem.replace('_', ' ')}}}\n\\input{{tables/{p.name}}}\n"
        for p in sorted((written / "tables").glob("*.tex"))
    )
    document = (
        "\\documentclass[a4paper]{article}\n"
        + LATEX_PREAMBLE
        + "\\usepackage[margin=1.5cm,landscape]{geometry}\n\\begin{document}\n\\scriptsize\n"
        + inputs
        + "\\end{document}\n"
    )
    (written / "all_tables.tex").write_text(document, encoding="utf-8")
    try:
        for source in ("all_tables.tex", "report.tex"):
            result = subprocess.run(
                ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source],
                cwd=written,
                capture_output=True,
                text=True,
                check=False,
                timeout=180,
            )
            assert result.returncode == 0, result.stdout[-3000:]
    finally:
        for path in written.glob("all_tables.*"):
            path.unlink()
        for path in written.glob("report.*"):
            if path.suffix not in (".md", ".tex"):
                path.unlink()


# --------------------------------------------------------------------------- command line


def test_cli_writes_one_folder_per_event_of_a_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analysis.report.build

    real = analysis.report.build.write_report

    def without_figures(report: Report, out_dir: Path) -> Path:  # rendering figures is slow
        return real(dataclasses.replace(report, figures=MappingProxyType({})), out_dir)

    monkeypatch.setattr(analysis.report.build, "write_report", without_figures)
    collection = tmp_path / "collection"
    _write_event(collection / "flood", {k: THREE_ARTICLES[k] for k in ("alpha.txt", "beta.txt")})
    _write_event(collection / "lonely", {"only.txt": THREE_ARTICLES["gamma.txt"]})
    out = tmp_path / "reports"
    assert main(["report", str(collection), "--out", str(out), "--n-resamples", "19"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flood"]
    assert (out / "flood" / "index.html").is_file()


def test_cli_error_is_one_line_with_status_2(tmp_path: Path, seed_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "analysis", "report", str(seed_path)),
            *("--out", str(tmp_path), "--config", "missing.toml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: config file missing.toml does not exist")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--method", "telepathy"], "telepathy"),
        (["--event", "nope"], "'nope' is not in"),
        (["--n-resamples", "0"], "n_resamples = 0"),
    ],
)
def test_cli_bad_options(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    assert main(["report", str(seed_path), "--out", str(tmp_path / "o"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "o").exists()


def test_methods_doc_covers_every_parameter_and_table(seed_report: Report) -> None:
    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    for name in ReportConfig().to_dict():
        assert f"| `{name}` |" in methods, name
    for name in seed_report.tables:
        assert f"{name}.csv" in methods, name
