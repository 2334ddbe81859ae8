"""Tests for analysis.text.segment: news-style sentence splits and span invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.segment import ABBREVIATIONS, split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# (case id, text, expected sentences)
CASES = [
    # --- from the seed articles ---
    (
        "seed-quote-two-sentences-attributed",
        "“Without the Ukrainian army, European armies will not be enough to stop Russia. "
        "This is the reality,” Zelenskyy stated.",
        [
            "“Without the Ukrainian army, European armies will not be enough to stop Russia. "
            "This is the reality,” Zelenskyy stated."
        ],
    ),
    (
        "seed-question-lowercase-attribution",
        "“If we had 150 to 160 F-16 fighter jets and over 25 Patriot missile systems, why would "
        "we need U.S. or European troops?” he questioned.",
        [
            "“If we had 150 to 160 F-16 fighter jets and over 25 Patriot missile systems, why "
            "would we need U.S. or European troops?” he questioned."
        ],
    ),
    (
        "seed-comma-quote-attribution",
        "“I won’t get into the particular capabilities, but I do accept that if there is peace, "
        "then there needs to be some sort of security guarantee for Ukraine,” Starmer said.",
        [
            "“I won’t get into the particular capabilities, but I do accept that if there is "
            "peace, then there needs to be some sort of security guarantee for Ukraine,” Starmer "
            "said."
        ],
    ),
    (
        "seed-unattributed-quote-splits",
        "“It has to be a real force so that the Russians know that if they test it, they will "
        "get crushed. If they go in there with blue helmets and rifles, they will get crushed.”",
        [
            "“It has to be a real force so that the Russians know that if they test it, they "
            "will get crushed.",
            "If they go in there with blue helmets and rifles, they will get crushed.”",
        ],
    ),
    (
        "seed-range-with-suspended-hyphen",
        "Ukrainian President Volodymyr Zelenskyy has made clear that he envisions a force of "
        "100,000 to 150,000 troops securing a post-war peace, while media reports suggest a "
        "smaller 30,000- to 40,000-strong European contingent. No final figure has been "
        "confirmed by European officials.",
        [
            "Ukrainian President Volodymyr Zelenskyy has made clear that he envisions a force of "
            "100,000 to 150,000 troops securing a post-war peace, while media reports suggest a "
            "smaller 30,000- to 40,000-strong European contingent.",
            "No final figure has been confirmed by European officials.",
        ],
    ),
    (
        "seed-us-lowercase-follows",
        "Ukraine’s best security guarantee would be NATO membership, but the U.S. has ruled out "
        "that option under Trump’s leadership. Instead, European nations are looking for "
        "alternative ways to ensure Ukraine’s sovereignty.",
        [
            "Ukraine’s best security guarantee would be NATO membership, but the U.S. has ruled "
            "out that option under Trump’s leadership.",
            "Instead, European nations are looking for alternative ways to ensure Ukraine’s "
            "sovereignty.",
        ],
    ),
    (
        "seed-packed-lead-with-initial",
        "Europe Quietly Plans Troop Deployment/ Newslooks/ WASHINGTON/ J. Mansour/ Morning "
        "Edition/ A group of European countries is quietly developing plans. With U.S. "
        "priorities shifting, European leaders fear President Trump may broker a deal.",
        [
            "Europe Quietly Plans Troop Deployment/ Newslooks/ WASHINGTON/ J. Mansour/ Morning "
            "Edition/ A group of European countries is quietly developing plans.",
            "With U.S. priorities shifting, European leaders fear President Trump may broker a "
            "deal.",
        ],
    ),
    (
        "seed-em-dash",
        "Zelenskyy has insisted that an alternative security structure must be "
        "created—potentially involving European troops on the ground.",
        [
            "Zelenskyy has insisted that an alternative security structure must be "
            "created—potentially involving European troops on the ground."
        ],
    ),
    (
        "seed-us-before-and",
        "European leaders negotiate while managing relations with both the U.S. and Russia.",
        ["European leaders negotiate while managing relations with both the U.S. and Russia."],
    ),
    (
        "seed-uk-before-lowercase",
        "“There needs to be some sort of security guarantee for Ukraine, and the U.K. will play "
        "its part in that.”",
        [
            "“There needs to be some sort of security guarantee for Ukraine, and the U.K. will "
            "play its part in that.”"
        ],
    ),
    ("seed-heading", "UK and France at the Forefront", ["UK and France at the Forefront"]),
    ("seed-question-heading", "Why Is This Plan Emerging Now?", ["Why Is This Plan Emerging Now?"]),
    (
        "seed-us-before-capitalised-noun",
        "Former U.S. Army Europe commander Ben Hodges warned that any force must be strong:",
        ["Former U.S. Army Europe commander Ben Hodges warned that any force must be strong:"],
    ),
    (
        "seed-list-item",
        "- Military Force Size: Ukraine requests 100,000+ troops; reports suggest 30,000-40,000",
        ["- Military Force Size: Ukraine requests 100,000+ troops; reports suggest 30,000-40,000"],
    ),
    (
        "seed-article-number",
        "NATO members in the force would not receive NATO protection under Article 5. Hegseth "
        "said so.",
        [
            "NATO members in the force would not receive NATO protection under Article 5.",
            "Hegseth said so.",
        ],
    ),
    (
        "seed-roman-numeral",
        "Poland remains cautious, given tensions dating back to World War II. The talks go on.",
        [
            "Poland remains cautious, given tensions dating back to World War II.",
            "The talks go on.",
        ],
    ),
    # --- abbreviations and initials ---
    (
        "title-gen",
        "Gen. Mark Milley spoke first. He left early.",
        ["Gen. Mark Milley spoke first.", "He left early."],
    ),
    (
        "title-sen-with-state",
        "Sen. Lindsey Graham, R-S.C., objected. Dr. Jane Doe agreed.",
        ["Sen. Lindsey Graham, R-S.C., objected.", "Dr. Jane Doe agreed."],
    ),
    (
        "mr-and-mrs",
        "Mr. and Mrs. Smith left for St. Petersburg on Monday.",
        ["Mr. and Mrs. Smith left for St. Petersburg on Monday."],
    ),
    (
        "two-initials",
        "The report, by J. R. Smith, was published.",
        ["The report, by J. R. Smith, was published."],
    ),
    (
        "us-ends-sentence",
        "He has lived in the U.S. He moved there in 1990.",
        ["He has lived in the U.S.", "He moved there in 1990."],
    ),
    (
        "uk-adjective",
        "The U.K. government disagreed with the U.N. Security Council.",
        ["The U.K. government disagreed with the U.N. Security Council."],
    ),
    (
        "ussr",
        "He cited the U.S.S.R. as an example.",
        ["He cited the U.S.S.R. as an example."],
    ),
    (
        "dc-ends-sentence",
        "The summit was held in Washington, D.C. The president spoke.",
        ["The summit was held in Washington, D.C.", "The president spoke."],
    ),
    (
        "pm-before-day",
        "Dr. Jane Smith arrived at 3 p.m. Monday for talks.",
        ["Dr. Jane Smith arrived at 3 p.m. Monday for talks."],
    ),
    (
        "pm-ends-sentence",
        "The meeting ended at 5 p.m. The talks resume today.",
        ["The meeting ended at 5 p.m.", "The talks resume today."],
    ),
    (
        "inc-ends-sentence",
        "The deal was signed by Apple Inc. The company declined to comment.",
        ["The deal was signed by Apple Inc.", "The company declined to comment."],
    ),
    (
        "corp-mid-sentence",
        "Shares of Acme Corp. fell 2.5 percent, wiping $1.5 billion off its value.",
        ["Shares of Acme Corp. fell 2.5 percent, wiping $1.5 billion off its value."],
    ),
    (
        "month-before-date",
        "The vote is set for Jan. 20. Lawmakers will meet on Feb. 3 in Brussels.",
        ["The vote is set for Jan. 20.", "Lawmakers will meet on Feb. 3 in Brussels."],
    ),
    (
        "number-abbreviation",
        "He lives at No. 10 Downing St. in London.",
        ["He lives at No. 10 Downing St. in London."],
    ),
    (
        "word-no-ends-sentence",
        "The answer was no. Trump disagreed.",
        ["The answer was no.", "Trump disagreed."],
    ),
    (
        "no-as-answer",
        "Is this the end? No. It is the beginning!",
        ["Is this the end?", "No.", "It is the beginning!"],
    ),
    (
        "state-abbreviation",
        "He was born Sept. 11, 1970, in Fresno, Calif. and moved. Los Angeles, Calif. The city "
        "grew.",
        [
            "He was born Sept. 11, 1970, in Fresno, Calif. and moved.",
            "Los Angeles, Calif.",
            "The city grew.",
        ],
    ),
    (
        "etc-ends-sentence",
        "They brought food, water, etc. The list goes on.",
        ["They brought food, water, etc.", "The list goes on."],
    ),
    # --- quotations ---
    (
        "question-capitalised-attribution",
        "“Why now?” Trump asked. “Why not?”",
        ["“Why now?” Trump asked.", "“Why not?”"],
    ),
    (
        "quote-then-new-quote",
        "“We will win,” he said. “We have no choice.”",
        ["“We will win,” he said.", "“We have no choice.”"],
    ),
    (
        "split-after-closing-quote",
        "“It is over.” He walked away.",
        ["“It is over.”", "He walked away."],
    ),
    (
        "straight-quotes-attributed",
        '"Without the army, we lose. This is the reality," Zelenskyy said. Then he left.',
        ['"Without the army, we lose. This is the reality," Zelenskyy said.', "Then he left."],
    ),
    (
        "straight-quote-split-after",
        '"It is over." He left.',
        ['"It is over."', "He left."],
    ),
    (
        "exclamation-lowercase-attribution",
        "“Get out now!” she shouted at the crowd.",
        ["“Get out now!” she shouted at the crowd."],
    ),
    (
        "colon-introduced-quote",
        "He said: “I will go. We will see.”",
        ["He said: “I will go.", "We will see.”"],
    ),
    (
        "quote-inside-sentence",
        "He called for an “Armed Forces of Europe” to counter Russia. It was new.",
        ["He called for an “Armed Forces of Europe” to counter Russia.", "It was new."],
    ),
    (
        "single-curly-closer",
        "He called it ‘a disaster.’ Officials disagreed.",
        ["He called it ‘a disaster.’", "Officials disagreed."],
    ),
    (
        "parenthesis-closer",
        "(The figures are estimates.) Officials declined to comment.",
        ["(The figures are estimates.)", "Officials declined to comment."],
    ),
    # --- figures, ellipses, URLs ---
    (
        "decimal-and-percent",
        "Growth slowed to 2.5 percent. Inflation rose 3.5% in Q1.",
        ["Growth slowed to 2.5 percent.", "Inflation rose 3.5% in Q1."],
    ),
    (
        "score-then-sentence",
        "The vote was 52-48. Senators then adjourned.",
        ["The vote was 52-48.", "Senators then adjourned."],
    ),
    (
        "ellipsis-lowercase",
        "He paused... and then left.",
        ["He paused... and then left."],
    ),
    (
        "ellipsis-char-uppercase",
        "He paused… Then he left.",
        ["He paused…", "Then he left."],
    ),
    (
        "spaced-ellipsis",
        "Wait . . . what happened?",
        ["Wait . . . what happened?"],
    ),
    (
        "url-and-email",
        "Visit https://www.example.com/news. Then email info@example.org for details.",
        ["Visit https://www.example.com/news.", "Then email info@example.org for details."],
    ),
    (
        "multiple-marks",
        "This is big!!! Really?! Yes.",
        ["This is big!!!", "Really?!", "Yes."],
    ),
    (
        "trailing-ellipsis",
        "And so it goes...",
        ["And so it goes..."],
    ),
    # --- blocks, white space, other scripts ---
    (
        "no-punctuation",
        "troops talks peace deal Europe",
        ["troops talks peace deal Europe"],
    ),
    (
        "newline-ends-sentence",
        "First line without a stop\nSecond line.",
        ["First line without a stop", "Second line."],
    ),
    ("blank-line", "One.\n\nTwo.", ["One.", "Two."]),
    ("crlf", "One line\r\nAnother line", ["One line", "Another line"]),
    (
        "surrounding-space",
        "  Leading and trailing space.  ",
        ["Leading and trailing space."],
    ),
    (
        "german-umlaut",
        "Der Vertrag wurde unterzeichnet. Über die Details wurde nicht gesprochen.",
        ["Der Vertrag wurde unterzeichnet.", "Über die Details wurde nicht gesprochen."],
    ),
    ("cjk", "这是第一句。这是第二句。", ["这是第一句。", "这是第二句。"]),
    (
        "numeral-starts-sentence",
        "The attack came in 2024. 30,000 troops were deployed.",
        ["The attack came in 2024.", "30,000 troops were deployed."],
    ),
]


def _check_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert isinstance(start, int)
        assert isinstance(end, int)
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert piece
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split_sentences_cases(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == expected
    _check_invariants(text, spans)


def test_case_table_is_large_and_unique() -> None:
    assert len(CASES) >= 45
    assert len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n\u00a0\u2028\u3000"])
def test_whitespace_only_gives_no_spans(text: str) -> None:
    assert split_sentences(text) == []


@pytest.mark.parametrize(
    "abbreviation", ["U.S.", "U.K.", "Gen.", "Sen.", "Dr.", "No.", "Jan.", "Feb.", "Inc.", "etc."]
)
def test_abbreviations_listed(abbreviation: str) -> None:
    assert abbreviation in ABBREVIATIONS
    assert isinstance(ABBREVIATIONS, frozenset)


@pytest.mark.parametrize("name", ["000_be64a6195f283d29.txt", "001_d5e9e8b23a71df24.txt"])
def test_seed_files_invariants(name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    _check_invariants(text, spans)
    sentences = [text[start:end] for start, end in spans]
    assert not any("\n" in sentence for sentence in sentences)
    assert all(not sentence.endswith((" U.S.", " J.", " U.K.")) for sentence in sentences)


@pytest.mark.parametrize(
    "text",
    [
        ". " * 50_000,
        "a.b" * 50_000,
        '"“ ' * 50_000,
        "“" + "Word. " * 50_000,
        ". . ." * 30_000,
        "x" * 200_000,
        "U.S. " * 50_000,
        "“A. B,” he said. " * 20_000,
    ],
    ids=["dots", "no-space", "quotes", "unclosed-quote", "ellipses", "one-word", "us", "quotes-ok"],
)
def test_pathological_inputs_run_and_keep_invariants(text: str) -> None:
    _check_invariants(text, split_sentences(text))


def test_repetition_scales_linearly() -> None:
    block = "Gen. Smith said the U.S. will act. “It is over. We won,” he said. Why? Because.\n"
    one = split_sentences(block)
    many = split_sentences(block * 1000)
    assert len(many) == 1000 * len(one)


_NEWSY = st.lists(
    st.sampled_from(
        [
            *"aAbBjJsSuU.,;:?!…-—“”‘’\"'()$0123456789 \n\t\u00a0\u2028。",
            "U.S.",
            "Gen.",
            "No.",
            " he said",
            " Trump asked",
            "...",
            ". . .",
            "p.m.",
            " The",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check_invariants(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_newsy_text_keeps_invariants(text: str) -> None:
    _check_invariants(text, split_sentences(text))
