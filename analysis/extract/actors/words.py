"""Word lists the rule-based mention finder reads: titles, role modifiers, type keywords, non-names.

Every list is matched against lower-cased tokens.
"""

from __future__ import annotations

__all__ = [
    "CONNECTORS",
    "FUNCTION_WORDS",
    "NEVER_NAMES",
    "OPENERS",
    "ORG_KEYWORDS",
    "OTHER_KEYWORDS",
    "PARTY_WORDS",
    "PLACE_KEYWORDS",
    "ROLE_MODIFIERS",
    "TITLE_WORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that introduce a person (matched case-insensitively); a name right after one is a person.
TITLE_WORDS: frozenset[str] = _words(
    """
    president president-elect vice-president premier minister secretary secretary-general
    chancellor commander general gen. admiral adm. colonel col. lieutenant lt. captain capt.
    major maj. sergeant sgt. officer chief director ambassador envoy spokesman spokeswoman
    spokesperson senator sen. representative rep. congressman congresswoman lawmaker legislator
    mp governor gov. mayor judge justice king queen prince princess pope cardinal archbishop
    bishop rev. reverend dr. doctor mr. mrs. ms. prof. professor chairman chairwoman chairperson
    ceo founder co-founder leader speaker diplomat analyst expert coach actor actress singer
    rapper star sheriff detective lawyer attorney prosecutor inspector superintendent lord lady
    sir dame sheikh ayatollah emir manager economist author writer journalist reporter
    correspondent editor researcher scientist investigator commissioner councillor councilman
    official adviser advisor aide counsel player striker quarterback goalkeeper activist
    candidate nominee filmmaker producer comedian host anchor boss owner tycoon billionaire
    magnate
    """
)
# Lower-case words that may start or sit inside a role ("former U.S. Army Europe commander").
ROLE_MODIFIERS = _words(
    """
    former then acting deputy vice interim retired late outgoing incoming top senior assistant
    associate executive new ex-
    """
)
ORG_KEYWORDS = _words(
    """
    agency alliance army assembly association authority bank board brigade bureau cabinet center
    centre church club coalition college command commission committee company conference
    congress corp corp. corporation council court department directorate division federation
    force forces foundation front fund government group guard guards inc inc. institute league
    ltd ltd. media ministry movement navy network news office organization organisation
    parliament party police press regiment school service services society times union
    university journal herald tribune airlines airways motors studios records hospital team
    embassy consulate
    """
)
PLACE_KEYWORDS = _words(
    """
    city county province street avenue road river lake mountain mountains island islands valley
    bay sea ocean park square airport bridge beach hills region district village town peninsula
    coast gulf strait stadium arena
    """
)
OTHER_KEYWORDS = _words(
    """
    war act treaty agreement accord accords olympics games awards award prize cup festival day
    week summit
    """
)
# Party and camp labels before a name ("Republican Mitt Romney"): a role, not part of the name.
PARTY_WORDS = _words(
    """
    republican republicans democrat democratic democrats gop labour conservative tory liberal
    independent socialist green
    """
)
# Capitalised words that are never names on their own (calendar words and the like).
NEVER_NAMES = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan. feb. mar. apr. aug. sep. sept.
    oct. nov. dec. i god internet
    """
)
# Capitalised sentence openers that are not stop words.
OPENERS = _words(
    """
    despite during following according amid instead meanwhile however although though while
    yesterday today tomorrow earlier later now still yet also many several most both each every
    such no not some other others another this that these those why what how who where when
    which whether if unless until because since after before
    """
)
CONNECTORS = _words(
    """
    of de da del della van von der den du la le al bin ibn y for
    """
)
FUNCTION_WORDS = _words(
    """
    i he she we they it you me him her them who what which there here this that
    """
)
