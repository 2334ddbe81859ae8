"""Sample and results folders: their files, their run.json, and what is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.errors import ConfigError
from analysis.validate import read_coding, score_coding, score_files, write_sample, write_scores
from tests.validate.conftest import CODERS, MEASURES, SEED, fill_all


def test_the_sample_records_seed_strata_and_versions(pristine_sample: Path) -> None:
    run = json.loads((pristine_sample / "run.json").read_text(encoding="utf-8"))
    assert run["kind"] == "validation-sample"
    assert run["seed"] == SEED
    assert run["coders"] == list(CODERS)
    assert run["measures"] == list(MEASURES)
    assert set(run["strata"]["gaps"]) <= {"gap", "shared"}
    assert {"krippendorff", "openpyxl", "pandas"} <= set(run["libraries"])
    assert (pristine_sample / "codebook.md").read_text(encoding="utf-8").startswith("# Codebook")
    assert sorted(p.name for p in (pristine_sample / "texts").iterdir()) == [
        "alpha.txt",
        "beta.txt",
    ]


def test_a_sample_folder_is_never_replaced(pristine_sample: Path) -> None:
    with pytest.raises(ConfigError, match="never replaced"):
        write_sample({"run.json": b"{}"}, pristine_sample)


def test_results_are_written_and_replaced_but_nothing_else(sample_dir: Path) -> None:
    fill_all(sample_dir)
    coding = read_coding(sample_dir)
    scores, units = score_coding(coding.codes, coding.keys, n_resamples=20, seed=1)
    files = score_files(coding, scores, units, n_resamples=20, confidence_level=0.95, seed=1)
    assert {
        "tables/scores.csv",
        "tables/scores.tex",
        "tables/units.md",
        "figures/agreement.svg",
        "index.html",
        "run.json",
    } <= set(files)
    assert b'id="validation"' in files["index.html"]
    run = json.loads(files["run.json"])
    assert run["sample"]["seed"] == SEED
    assert set(run["sheets"]) == {f"sheets/{c}_{m}.csv" for c in CODERS for m in MEASURES} | {
        f"sheets/{c}_{m}.xlsx" for c in CODERS for m in MEASURES
    }
    out = write_scores(files, sample_dir / "results")
    write_scores(files, out)  # earlier results are replaced
    with pytest.raises(ConfigError, match="does not hold validation results"):
        write_scores(files, sample_dir / "sheets")


def test_article_ids_cannot_name_files_outside_the_sample(report_dir: Path) -> None:
    """A hostile article id becomes a safe file name under texts/, never a path that escapes."""
    import dataclasses

    from analysis.validate import read_source, sample_files, sample_measures

    source = read_source(report_dir)
    sentences = source.tables["sentences"].copy()
    first = sentences["article"].astype(str).iloc[0]
    sentences["article"] = sentences["article"].astype(str).replace(first, "../../evil")
    hostile = dataclasses.replace(source, tables={**source.tables, "sentences": sentences})
    samples = sample_measures(source, ("tone",), n=4, seed=1)
    files = sample_files(samples, hostile, coders=("coder1",), seed=1, n=4)
    texts = [name for name in files if name.startswith("texts/")]
    assert texts
    assert all(".." not in Path(name).parts and name.count("/") == 1 for name in texts)
