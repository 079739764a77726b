"""The demo's words: names, places, the student, and what is said outside any one field.

Kept apart from ``demo`` (the story as acts), which draws from them; what the
people in each field said is in ``fields``.
"""

from infoint_tui.core.enums import Source
from infoint_tui.core.rules.warmth import KNOWN_DIRECTLY

FIRST = (
    "Maya",
    "Jonah",
    "Priya",
    "Tomás",
    "Aiko",
    "Deshawn",
    "Leila",
    "Mateus",
    "Ingrid",
    "Kwame",
    "Sofia",
    "Ravi",
    "Hannah",
    "Obi",
    "Camille",
    "Yusuf",
    "Elena",
    "Noah",
    "Zara",
    "Felix",
    "Amara",
    "Lucas",
    "Mei",
    "Samir",
    "Greta",
    "Diego",
    "Nadia",
    "Owen",
    "Ines",
    "Theo",
)
LAST = (
    "Okafor",
    "Lindqvist",
    "Raman",
    "Herrera",
    "Takahashi",
    "Brooks",
    "Haddad",
    "Costa",
    "Nilsen",
    "Mensah",
    "Rossi",
    "Iyer",
    "Weber",
    "Adeyemi",
    "Laurent",
    "Demir",
    "Petrova",
    "Kim",
    "Ahmed",
    "Schulz",
    "Nwosu",
    "Moreau",
    "Chen",
    "Farah",
    "Berg",
    "Ortiz",
    "Novak",
    "Walsh",
    "Silva",
    "Fischer",
)
PLACES = (
    "Pasadena, CA",
    "Los Angeles, CA",
    "San Francisco, CA",
    "Seattle, WA",
    "Boston, MA",
    "Austin, TX",
    "Denver, CO",
    "New York, NY",
)
HOT_SOURCES = tuple(source for source in Source if source in KNOWN_DIRECTLY)  # in a fixed order
COLD_SOURCES = (Source.ALUMNI_DATABASE, Source.LIST_OR_WEBSITE, Source.LINKEDIN)
# The student whose workbook the demo is: they sign its letters (the demo's own settings file).
STUDENT = {
    "name": "Alex Rivera",
    "situation": "a third-year physics student at Caltech",
    "field": "clean energy",
}
LIVE_TALK_NOTES = (
    "Thanked her for the half hour. She has a hard stop at the top of the hour; prefers e-mail after."
)
COFFEE = "Coffee near their office; they asked how the search is going."
