"""The toolkit's judgements as units to code: one row per judgement, with its stratum and answer.

Every builder takes a :class:`~analysis.validate.source.Source` and returns a table with the
measure's reference columns (where the unit comes from), the columns a coder reads
(:attr:`Measure.shows`), :data:`STRATUM` and :data:`TOOLKIT` (the toolkit's code). The strata
of each measure are described in ``docs/methods.md``, "Validation workbench".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from analysis.align.scorers import DETAIL_THRESHOLDS, get_scorer
from analysis.diff.frames import load_frame_dictionary, sentence_frames
from analysis.diff.modality import load_modality_lexicon, sentence_modality
from analysis.errors import ConfigError
from analysis.extract.actors import extract_mentions
from analysis.extract.quotes import UNKNOWN
from analysis.text.lexicon import Lexicon
from analysis.validate.measures import get_measure
from analysis.validate.source import Source

__all__ = ["NEAR_CUT", "STRATUM", "TOOLKIT", "UNIT_BUILDERS", "build_units"]

#: Column: the stratum a unit is sampled from.
STRATUM = "stratum"
#: Column: the toolkit's code for the unit (never shown to coders).
TOOLKIT = "toolkit"
#: Unaligned pairs with a similarity of at least this share of the alignment cut are the
#: ``near_cut`` stratum of the alignment measure.
NEAR_CUT = 0.5
#: Most mention sentences shown for one actor (actor tone).
_MAX_SENTENCES = 5
_SENTENCE_KEY = ["article", "sentence"]


def _table(source: Source, name: str, measure: str) -> pd.DataFrame:
    if name not in source.tables:
        where = (
            "a batch folder stores only alignment pairs and quotes"
            if source.kind == "batch"
            else f"{source.path}/tables/{name}.csv is missing"
        )
        raise ConfigError(
            f"measure {measure!r} needs the table {name!r} and {where}; sample it from a report "
            "folder written by `python -m analysis report`"
        )
    return source.tables[name]


def _texts(sentences: pd.DataFrame) -> dict[tuple[str, int], str]:
    return {
        (str(a), int(s)): str(t)
        for a, s, t in sentences[["article", "sentence", "text"]].itertuples(index=False)
    }


def _body(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences.loc[sentences["is_body"].astype(bool)].reset_index(drop=True)


def _yes_no(flags: pd.Series) -> pd.Series:
    return flags.map({True: "yes", False: "no"})


def _pairs(source: Source, table: pd.DataFrame, a: str, b: str) -> list[tuple[str, str]]:
    listed = source.run.get("pairs")
    if listed:
        return [(str(x), str(y)) for x, y in listed]
    return sorted({(str(x), str(y)) for x, y in table[[a, b]].itertuples(index=False)})


def _alignment_report(source: Source) -> pd.DataFrame:
    sentences = _table(source, "sentences", "alignment")
    aligned = _table(source, "alignment", "alignment")
    params = source.parameters
    scorer = get_scorer(str(params.get("method") or "lexical"))
    cut = params.get("align_partial") or DETAIL_THRESHOLDS.get(scorer.name, 0.0)
    relation = {
        (r.a_article, r.b_article, int(r.a_sentence), int(r.b_sentence)): r.relation
        for r in aligned.itertuples(index=False)
    }
    parts = []
    for a, b in _pairs(source, aligned, "a_article", "b_article"):
        left = sentences.loc[sentences["article"] == a]
        right = sentences.loc[sentences["article"] == b]
        similarity = scorer.score(left["text"].tolist(), right["text"].tolist()).similarity
        i, j = np.indices(similarity.shape)
        grid = pd.DataFrame(
            {
                "a_article": a,
                "b_article": b,
                "a_sentence": left["sentence"].to_numpy()[i.ravel()],
                "b_sentence": right["sentence"].to_numpy()[j.ravel()],
                "similarity": similarity.ravel(),
                "a_text": left["text"].to_numpy()[i.ravel()],
                "b_text": right["text"].to_numpy()[j.ravel()],
            }
        )
        keys = zip(grid["a_sentence"], grid["b_sentence"], strict=True)
        grid[STRATUM] = [relation.get((a, b, int(x), int(y)), "near_cut") for x, y in keys]
        near = grid["similarity"] >= NEAR_CUT * float(cut)
        parts.append(grid.loc[(grid[STRATUM] != "near_cut") | near])
    units = pd.concat(parts, ignore_index=True)
    units[TOOLKIT] = _yes_no(units[STRATUM] != "near_cut")
    return units


def _alignment_batch(source: Source) -> pd.DataFrame:
    pairs = _table(source, "pairs", "alignment")
    columns = ["event", "a_article", "b_article", "a_sentence", "b_sentence", "similarity"]
    units = pairs[[*columns, "a_text", "b_text"]].copy()
    units[STRATUM] = pairs["relation"].to_numpy()
    units[TOOLKIT] = "yes"
    return units


def alignment_units(source: Source) -> pd.DataFrame:
    """Aligned sentence pairs (strata ``equivalent``, ``partial``; toolkit ``yes``) and, in a
    report, unaligned pairs near the cut (``near_cut``; toolkit ``no``).

    Parameters
    ----------
    source : Source
        A report (every sentence pair is scored again with the report's scorer) or a batch
        (aligned pairs only: a batch stores no sentences).

    Returns
    -------
    pandas.DataFrame
        ``a_article, b_article, a_sentence, b_sentence, similarity, a_text, b_text, stratum,
        toolkit`` (a batch adds ``event``).
    """
    return _alignment_batch(source) if source.kind == "batch" else _alignment_report(source)


def gap_units(source: Source) -> pd.DataFrame:
    """Body sentences of each article of each pair: gaps (``gap``; toolkit ``yes``) and
    sentences the other article also reports (``shared``; toolkit ``no``).

    Returns
    -------
    pandas.DataFrame
        ``a, b, article, sentence, text, other_article, stratum, toolkit``.
    """
    gaps = _table(source, "coverage_gaps", "gaps")
    body = _body(_table(source, "sentences", "gaps"))
    gap_keys = {
        (r.a, r.b, r.article, int(r.sentence))
        for r in gaps.loc[gaps["kind"] == "sentence"].itertuples(index=False)
    }
    parts = []
    for a, b in _pairs(source, gaps, "a", "b"):
        for article, other in ((a, b), (b, a)):
            rows = body.loc[body["article"] == article, ["article", "sentence", "text"]].copy()
            rows.insert(0, "b", b)
            rows.insert(0, "a", a)
            rows["other_article"] = other
            is_gap = [(a, b, article, int(s)) in gap_keys for s in rows["sentence"]]
            rows[STRATUM] = np.where(is_gap, "gap", "shared")
            parts.append(rows)
    units = pd.concat(parts, ignore_index=True)
    units[TOOLKIT] = _yes_no(units[STRATUM] == "gap")
    return units


def _first_pair(pairs: str) -> tuple[int, int]:
    first = str(pairs).split(";")[0]
    left, right = first.split("-")
    return int(left), int(right)


def word_choice_units(source: Source) -> pd.DataFrame:
    """Phrase pairs of the word-choice table (strata: ``substitution``, ``rewrite``,
    ``variant``; toolkit ``yes``), shown in their first sentence pair.

    Returns
    -------
    pandas.DataFrame
        ``rank, a_article, b_article, a_sentence, b_sentence, a_phrase, b_phrase,
        a_sentence_text, b_sentence_text, stratum, toolkit``.
    """
    table = _table(source, "word_choice", "word_choice")
    texts = _texts(_table(source, "sentences", "word_choice"))
    paired = table.loc[table["kind"].isin(["substitution", "rewrite", "variant"])]
    first = [_first_pair(p) for p in paired["pairs"]]
    units = paired[["rank", "a_article", "b_article"]].copy()
    units["a_sentence"] = [x for x, _ in first]
    units["b_sentence"] = [y for _, y in first]
    units["a_phrase"] = paired["a_phrase"].to_numpy()
    units["b_phrase"] = paired["b_phrase"].to_numpy()
    units["a_sentence_text"] = [
        texts.get((a, s), "") for a, s in zip(units["a_article"], units["a_sentence"], strict=True)
    ]
    units["b_sentence_text"] = [
        texts.get((b, s), "") for b, s in zip(units["b_article"], units["b_sentence"], strict=True)
    ]
    units[STRATUM] = paired["kind"].to_numpy()
    units[TOOLKIT] = "yes"
    return units.reset_index(drop=True)


def _decoy(candidates: list[str], speaker: str, rng: np.random.Generator) -> str | None:
    others = sorted(set(candidates) - {speaker})
    return str(others[rng.integers(len(others))]) if others else None


def quote_units(source: Source, *, seed: int = 0) -> pd.DataFrame:
    """Every quotation twice: with the toolkit's speaker (``toolkit_speaker``; toolkit ``yes``)
    and with another person of the same article, drawn with *seed* (``other_person``; toolkit
    ``no``). A quotation without a speaker has only the second row.

    Parameters
    ----------
    source : Source
        A report (other persons from ``actors.csv``) or a batch (other speakers of the event).
    seed : int, optional
        Seed of the draw of the other person.

    Returns
    -------
    pandas.DataFrame
        ``[event,] article, quote, sentence, passage, sentence_text, candidate, stratum,
        toolkit``.
    """
    quotes = _table(source, "quotes", "quotes")
    rng = np.random.default_rng(seed)
    group = "event" if source.kind == "batch" else "article"
    if source.kind == "batch":
        texts: dict[tuple[str, int], str] = {}
        named = quotes.loc[quotes["speaker"] != UNKNOWN]
        people = named.groupby(group)["speaker"].apply(list).to_dict()
    else:
        texts = _texts(_table(source, "sentences", "quotes"))
        actors = _table(source, "actors", "quotes")
        persons = actors.loc[actors["type"] == "person"]
        people = persons.groupby("article")["actor"].apply(list).to_dict()
    refs = [c for c in ("event", "article", "quote", "sentence") if c in quotes.columns]
    rows = []
    for quote in quotes.to_dict("records"):
        base = {c: quote[c] for c in refs}
        base["passage"] = quote["text"]
        base["sentence_text"] = texts.get((quote["article"], int(quote["sentence"])), "")
        speaker = str(quote["speaker"])
        if speaker != UNKNOWN:
            rows.append({**base, "candidate": speaker, STRATUM: "toolkit_speaker", TOOLKIT: "yes"})
        decoy = _decoy(people.get(quote[group], []), speaker, rng)
        if decoy is not None:
            rows.append({**base, "candidate": decoy, STRATUM: "other_person", TOOLKIT: "no"})
    columns = [*refs, "passage", "sentence_text", "candidate", STRATUM, TOOLKIT]
    return pd.DataFrame(rows, columns=columns)


def actor_units(source: Source) -> pd.DataFrame:
    """Every actor of every article, shown in its first sentence; stratum and toolkit code are
    the toolkit's actor type.

    Returns
    -------
    pandas.DataFrame
        ``article, first_sentence, name, sentence_text, stratum, toolkit``.
    """
    actors = _table(source, "actors", "actors")
    texts = _texts(_table(source, "sentences", "actors"))
    units = pd.DataFrame(
        {
            "article": actors["article"].to_numpy(),
            "first_sentence": actors["first_sentence"].astype(int).to_numpy(),
            "name": actors["actor"].to_numpy(),
        }
    )
    units["sentence_text"] = [
        texts.get((a, s), "")
        for a, s in zip(units["article"], units["first_sentence"], strict=True)
    ]
    units[STRATUM] = actors["type"].to_numpy()
    units[TOOLKIT] = actors["type"].to_numpy()
    return units


def _lexicon_units(
    source: Source,
    measure: str,
    matched: Callable[[pd.DataFrame, Lexicon], pd.DataFrame],
    lexicon: Lexicon,
    category: str,
    count: str,
) -> pd.DataFrame:
    body = _body(_table(source, "sentences", measure))
    marks = matched(body, lexicon)
    texts = _texts(body)
    units = marks[["article", "sentence", category]].copy()
    units["text"] = [
        texts[(a, int(s))] for a, s in zip(units["article"], units["sentence"], strict=True)
    ]
    meta = lexicon.metadata
    units[category] = [meta.get(c, {}).get("label", c) for c in marks[category]]
    units["definition"] = [
        " ".join(meta.get(c, {}).get("description", "").split()) for c in marks[category]
    ]
    present = marks[count].astype(float) > 0
    units[STRATUM] = np.where(present, "match", "no_match")
    units[TOOLKIT] = _yes_no(present)
    return units


def frame_units(source: Source) -> pd.DataFrame:
    """Every body sentence with every frame of the report's dictionary: matched (``match``;
    toolkit ``yes``) or not (``no_match``; toolkit ``no``).

    Returns
    -------
    pandas.DataFrame
        ``article, sentence, frame, text, definition, stratum, toolkit``.
    """
    dictionary = load_frame_dictionary(source.parameters.get("frames_dictionary") or None)
    return _lexicon_units(
        source,
        "frames",
        lambda s, lex: sentence_frames(s, dictionary=lex),
        dictionary,
        "frame",
        "n_matches",
    )


def modality_units(source: Source) -> pd.DataFrame:
    """Every body sentence with every modality category: with a marker (``match``; toolkit
    ``yes``) or without (``no_match``; toolkit ``no``).

    Returns
    -------
    pandas.DataFrame
        ``article, sentence, category, text, definition, stratum, toolkit``.
    """
    lexicon = load_modality_lexicon(source.parameters.get("modality_lexicon") or None)
    return _lexicon_units(
        source,
        "modality",
        lambda s, lex: sentence_modality(s, lexicon=lex),
        lexicon,
        "category",
        "count",
    )


def tone_units(source: Source) -> pd.DataFrame:
    """Body sentences with their VADER tone band (stratum and toolkit code: ``negative``,
    ``neutral``, ``positive``).

    Returns
    -------
    pandas.DataFrame
        ``article, sentence, compound, text, stratum, toolkit``.
    """
    scored = _body(_table(source, "sentiment_sentences", "tone"))
    units = scored[["article", "sentence", "compound", "text"]].copy()
    units[STRATUM] = scored["label"].to_numpy()
    units[TOOLKIT] = scored["label"].to_numpy()
    return units


def _majority_label(row: Mapping[str, int]) -> str:
    counts = {label: int(row[f"n_{label}"]) for label in ("negative", "neutral", "positive")}
    top = max(counts.values())
    winners = [label for label, n in counts.items() if n == top]
    return winners[0] if len(winners) == 1 else "neutral"


def actor_tone_units(source: Source) -> pd.DataFrame:
    """Actors of each article with the label most of their mentions got (ties: ``neutral``),
    shown in the sentences that mention them (rule-based mentions, as in the report).

    Returns
    -------
    pandas.DataFrame
        ``article, mean_tone, actor, sentences, stratum, toolkit``.
    """
    table = _table(source, "actor_tone", "actor_tone")
    sentences = _table(source, "sentences", "actor_tone")
    mentions = extract_mentions(sentences)
    texts = _texts(sentences)
    where = mentions.groupby(["article", "actor"])["sentence"].apply(
        lambda s: sorted(set(map(int, s)))
    )
    shown = []
    for article, actor in table[["article", "actor"]].itertuples(index=False):
        numbers = where.get((article, actor), [])[:_MAX_SENTENCES]
        shown.append(" … ".join(f"[{n}] {texts[(article, n)]}" for n in numbers))
    labels = [_majority_label(r) for r in table.to_dict("records")]
    units = table[["article", "mean_tone", "actor"]].copy()
    units["sentences"] = shown
    units[STRATUM] = labels
    units[TOOLKIT] = labels
    return units


#: The unit builder of every measure (quotes also take the sample's seed).
UNIT_BUILDERS: Mapping[str, Callable[[Source], pd.DataFrame]] = {
    "alignment": alignment_units,
    "gaps": gap_units,
    "word_choice": word_choice_units,
    "quotes": quote_units,
    "actors": actor_units,
    "frames": frame_units,
    "modality": modality_units,
    "tone": tone_units,
    "actor_tone": actor_tone_units,
}


def build_units(source: Source, measure: str, *, seed: int = 0) -> pd.DataFrame:
    """The toolkit's units of *measure* in *source*.

    Parameters
    ----------
    source : Source
        The report or batch.
    measure : str
        A name of :data:`analysis.validate.measures.MEASURES`.
    seed : int, optional
        Seed of the random parts of the units (the other person of the quotes measure).

    Returns
    -------
    pandas.DataFrame
        The builder's table (see each ``*_units`` function); every value of the shown columns
        as text.

    Raises
    ------
    ConfigError
        When *measure* is unknown or *source* lacks a table it needs, or holds no unit.
    """
    spec = get_measure(measure)
    units = (
        quote_units(source, seed=seed) if measure == "quotes" else UNIT_BUILDERS[measure](source)
    )
    if units.empty:
        raise ConfigError(
            f"{source.path} holds no {measure} units to sample; choose another measure"
        )
    units = units.reset_index(drop=True)
    for column in spec.shows:
        units[column] = units[column].fillna("").astype(str)
    return units
