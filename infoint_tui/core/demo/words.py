"""The demo's words: names, organizations, places, and what people said.

Kept apart from ``demo`` (the story as acts), which draws from them.
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
FIELDS = {
    "clean energy": (
        ("Sunridge Power", "Project engineer"),
        ("GridWorks", "Energy analyst"),
        ("Helio Storage, Inc.", "Battery scientist"),
        ("City Utilities", "Planning lead"),
    ),
    "science writing": (
        ("The Quantum Ledger", "Staff writer"),
        ("Field Notes Press", "Editor"),
        ("Caltech News Office", "Science communicator"),
        ("Podcast Lab", "Producer"),
    ),
    "product design": (
        ("Pixelhaus", "UX designer"),
        ("Northwind Health", "Design researcher"),
        ("Loop Mobility", "Product manager"),
        ("Studio Fern", "Design director"),
    ),
}
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
ANSWERS = (
    "Most days start with a stand-up, then deep work until lunch; meetings cluster in the afternoon.",
    "They said the best way in is a strong portfolio and an internship, not the job boards.",
    "Evaluation is by project outcomes twice a year; peers weigh in.",
    "Advice: learn to write clearly, everyone underestimates it.",
    "Likes: the people and seeing the work used. Dislikes: slow approvals.",
    "Thinks the field will grow for a decade; policy is the big unknown.",
)
# What people say to the bank's questions, so that the same question asked of several
# people reads like a real comparison (the Themes view); others fall back to ANSWERS.
ANSWERS_BY_QUESTION = {
    "What does a typical day or week look like for you, hours and take-home work included?": (
        "Stand-up at nine, then modelling until lunch; site visits twice a month. Rarely takes work home.",
        "Mostly writing and calls; deadlines bunch up on Thursdays, so evenings then.",
        "Half meetings, half design reviews. Forty-five hours in a normal week.",
    ),
    "What do you enjoy most about your job?": (
        "Seeing a project they worked on actually switched on.",
        "The people: everyone is curious and nobody hoards what they know.",
        "Explaining hard ideas to readers who then write back.",
    ),
    "What do you enjoy least, and what drives you up the wall?": (
        "Permitting. Months of waiting for one signature.",
        "Slow approvals and meetings that could have been an e-mail.",
        "Chasing invoices as a freelancer.",
    ),
    "What training or learning opportunities does your organization offer?": (
        "Training is mostly on the job; they pay for one course a year.",
        "A mentoring scheme for the first year, and conference money.",
        "Nothing formal; you learn from the senior people if you ask.",
    ),
    "Where do you see this line of work going in the next few years?": (
        "Thinks the field will grow for a decade; policy is the big unknown.",
        "Storage is where the jobs will be; generation is getting crowded.",
        "AI tools will change the routine parts; judgement stays human.",
    ),
    "If you were starting out in this field today, what would you do?": (
        "Get an internship before graduating, even an unpaid-looking one that pays in contacts.",
        "Build a portfolio of three real projects rather than ten exercises.",
        "Learn to write clearly, everyone underestimates it.",
    ),
    "What is the best way into this field or into your organization?": (
        "They said the best way in is a strong portfolio and an internship, not the job boards.",
        "Referrals: almost everyone on the team was introduced by someone.",
        "The summer fellowship; most fellows are hired afterwards.",
    ),
    "What problems do you solve for your organization?": (
        "Making the grid models agree with what the meters actually say.",
        "Turning research papers into stories people outside the lab will read.",
        "Finding out why users abandon the sign-up flow, then fixing it.",
    ),
    "How much of your time goes to meetings, calls and e-mail compared with working alone?": (
        "About a third in meetings; mornings are protected for focused work.",
        "Mostly alone, with a long call on Mondays.",
        "Meetings most afternoons; it gets worse with seniority.",
    ),
    "How do people advance here if they want to?": (
        "By leading a small project early; titles follow responsibility.",
        "Moving between teams every two or three years.",
        "There is no ladder; you grow by picking bigger clients.",
    ),
    "Who thrives in this kind of job, and who struggles?": (
        "People who like ambiguity thrive; people who need a fixed plan struggle.",
        "Good listeners do well; lone geniuses don't last.",
        "Those who can keep deadlines without being chased.",
    ),
    "Who else do you know that I might talk to?": (
        "Named two people: a colleague in storage and a former student now at a startup.",
        "Suggested the head of the fellowship programme, and said to mention her name.",
        "Offered to introduce me to someone on the policy side.",
    ),
    "How is your work evaluated?": (
        "Evaluation is by project outcomes twice a year; peers weigh in.",
        "Reader numbers and editor feedback, informally every week.",
        "Client renewals, mostly.",
    ),
}
NOTES = (
    "Mentioned a summer program for students, deadline in February.",
    "Offered to look at my résumé later, when I'm job hunting.",
    "Recommended the book 'The Design of Everyday Things'.",
    "Their team is moving to a new building next year.",
)


# The student whose workbook the demo is: they sign its letters (the demo's own settings file).
STUDENT = {
    "name": "Alex Rivera",
    "situation": "a third-year physics student at Caltech",
    "field": "clean energy",
}
LIVE_STORY = (
    "A summer project on solar microgrids got me hooked; now I want to see how the work looks "
    "day to day before choosing courses for next year."
)
LIVE_TALK_NOTES = (
    "Thanked her for the half hour. She has a hard stop at the top of the hour; prefers e-mail after."
)
STORY = "A summer project on solar microgrids got me hooked."
DIRECTION = "More sure that I want hands-on work before graduate school."
COFFEE = "Coffee near their office; they asked how the search is going."
