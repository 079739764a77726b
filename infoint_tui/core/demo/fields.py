"""The demo's three fields: the jobs in each, and what people doing them said.

Exists so that a demo person's answers fit who they are. An editor at a press
talks about manuscripts, not grid models; two people in different jobs never
describe the same day's work; and the same question asked of several people in
one field reads like a real comparison (the Themes view), in that field's words
only. ``tests/test_demo.py`` checks all of it on generated demos.

The answers are what the student jotted during the talk (short, about the
person); the lessons and directions are the student's own debrief.
"""

from __future__ import annotations

from dataclasses import dataclass

from infoint_tui.core.seed import WHO_ELSE

# The bank's questions a held talk asks (``demo.ASKED``), by what they ask about.
DAY = "What does a typical day or week look like for you, hours and take-home work included?"
PROBLEMS = "What problems do you solve for your organization?"
EVALUATED = "How is your work evaluated?"
MOST = "What do you enjoy most about your job?"
LEAST = "What do you enjoy least, and what drives you up the wall?"
MEETINGS = "How much of your time goes to meetings, calls and e-mail compared with working alone?"
TRAINING = "What training or learning opportunities does your organization offer?"
ADVANCE = "How do people advance here if they want to?"
THRIVE = "Who thrives in this kind of job, and who struggles?"
START = "If you were starting out in this field today, what would you do?"

Three = tuple[str, str, str]


@dataclass(frozen=True)
class Job:
    """One job in a field, and how the people doing it describe their days and their problems."""

    organization: str
    title: str
    day: Three
    problems: Three


@dataclass(frozen=True)
class Field:
    """A field the student explores: its jobs, what anyone in it says, and the student's debriefs."""

    jobs: tuple[Job, Job, Job, Job]
    said: dict[str, Three]  # the other questions, answered as anyone in this field might
    notes: tuple[str, str, str, str]  # jotted during a talk
    lessons: tuple[str, str, str, str, str, str]  # the debrief: what I learned
    directions: Three  # the debrief: my career direction now
    story: str  # the student's story of how this field caught their interest

    def answer(self, job: Job, question: str, number: int, voice: int) -> str:
        """What the ``voice``-th person with a talk in this field (0 the first) said to the
        ``number``-th question: the job's own words where the question is about the job itself,
        the field's elsewhere. Of the first nine people no two give more than a third of the
        same answers, and the first three none."""
        pool = job.day if question == DAY else job.problems if question == PROBLEMS else self.said[question]
        # Voices in one block of three differ at every question; blocks differ at two of three.
        return pool[(voice + voice // 3 * (number + 1)) % len(pool)]

    def jotted(self, voice: int) -> tuple[str, str]:
        """The two notes jotted in a talk: never the same one twice."""
        return self.notes[voice % len(self.notes)], self.notes[(voice + 1) % len(self.notes)]

    def debrief(self, voice: int) -> tuple[str, str]:
        """What the student learned from the talk, and their career direction after it."""
        return self.lessons[voice % len(self.lessons)], self.directions[voice % len(self.directions)]


FIELDS = {
    "clean energy": Field(
        jobs=(
            Job(
                "Sunridge Power",
                "Project engineer",
                day=(
                    "Two days a week on the solar farm being built, the rest at a desk; about 45 hours.",
                    "Mornings are calls with contractors, afternoons drawings and schedules.",
                    "Long days while a plant is commissioned, normal ones otherwise; the phone stays on.",
                ),
                problems=(
                    "Keeping a 50-megawatt build on schedule when the panels arrive late.",
                    "Getting the contractors, the landowner and the inspectors to agree on one plan.",
                    "Working out why a finished array makes less power than the model promised.",
                ),
            ),
            Job(
                "GridWorks",
                "Energy analyst",
                day=(
                    "Stand-up at nine, modelling until lunch, client calls after. Rarely takes work home.",
                    "Mostly spreadsheets and Python; the quarterly report means two late weeks.",
                    "Forty hours most weeks: mornings on data, afternoons explaining the numbers.",
                ),
                problems=(
                    "Making the grid models agree with what the meters actually say.",
                    "Forecasting how much solar the region can take before prices go negative.",
                    "Telling clients which projects still pay off when the rules change.",
                ),
            ),
            Job(
                "Helio Storage, Inc.",
                "Battery scientist",
                day=(
                    "In the lab most mornings, cycling test cells; group meeting on Wednesdays.",
                    "Experiments run overnight, so the day starts by reading the results; about 45 hours.",
                    "Half bench work, half analysis; takes papers home to read, never experiments.",
                ),
                problems=(
                    "Why battery cells lose capacity faster in the heat than the datasheet says.",
                    "Finding a cheaper cathode material that survives thousands of cycles.",
                    "Turning a lab result into something the factory can make at scale.",
                ),
            ),
            Job(
                "City Utilities",
                "Planning lead",
                day=(
                    "Meetings most mornings with engineers and the city; afternoons on the ten-year plan.",
                    "A strict 40-hour week, except the public hearings twice a month.",
                    "Reads interconnection requests, then decides which upgrades come first.",
                ),
                problems=(
                    "Deciding where to upgrade substations before the new housing arrives.",
                    "Fitting rooftop solar and electric cars into a network built for neither.",
                    "Explaining to the council why rates have to rise to pay for it.",
                ),
            ),
        ),
        said={
            EVALUATED: (
                "Projects delivered on time and on budget; a review twice a year.",
                "By the numbers: megawatts built, or how close last year's forecasts came.",
                "The manager and peers weigh in each spring; the safety record counts too.",
            ),
            MOST: (
                "Seeing a project they worked on actually switched on.",
                "Knowing the work cuts emissions you can measure.",
                "The mix of engineers, economists and field crews.",
            ),
            LEAST: (
                "Permitting. Months of waiting for one signature.",
                "Interconnection queues: projects wait years to connect.",
                "Policy that swings after every election.",
            ),
            MEETINGS: (
                "About a third in meetings; mornings are protected for focused work.",
                "More calls than expected: contractors, regulators, the utility.",
                "Mostly alone with the models, with one long team meeting on Mondays.",
            ),
            TRAINING: (
                "Training is mostly on the job; they pay for one course a year.",
                "They pay for the engineering licence exam and its prep course.",
                "A first year rotating through field, office and lab.",
            ),
            ADVANCE: (
                "By leading a small project early; titles follow responsibility.",
                "A professional engineering licence opens the senior roles.",
                "Moving between developers every few years is the usual way up.",
            ),
            THRIVE: (
                "People who like ambiguity thrive; people who need a fixed plan struggle.",
                "Those at home with both spreadsheets and muddy boots.",
                "Anyone who needs quick results struggles: projects take years.",
            ),
            START: (
                "Get an internship at a developer or a utility before graduating.",
                "Learn Python and the basics of power systems; everyone models.",
                "Spend a summer on a construction site; it changes how you design.",
            ),
            WHO_ELSE: (
                "Named two people: a colleague in storage and a former student now at a startup.",
                "Offered to introduce me to someone on the policy side at the state energy office.",
                "Suggested a friend who runs field crews for a wind developer.",
            ),
        },
        notes=(
            "Mentioned a summer internship at a solar developer, deadline in February.",
            "Recommended the newsletter 'Heatmap' for keeping up with energy policy.",
            "Offered a tour of the battery lab next month.",
            "The state energy office hires summer analysts; applications open in January.",
        ),
        lessons=(
            "Projects take years from first survey to switch-on; patience is part of the job.",
            "Permits and connection queues, not technology, decide what gets built.",
            "Python and power-systems basics matter more than I thought.",
            "Time in the field makes the office work better; I should get some.",
            "Storage is where the hiring is right now.",
            "Utilities plan ten years ahead; the pace is slower than at a startup.",
        ),
        directions=(
            "More sure that I want hands-on work before graduate school.",
            "Leaning towards analysis rather than lab work.",
            "Curious about the policy side now, not only engineering.",
        ),
        story=(
            "A summer project on solar microgrids got me hooked; now I want to see what the work "
            "looks like day to day before choosing next year's courses."
        ),
    ),
    "science writing": Field(
        jobs=(
            Job(
                "The Quantum Ledger",
                "Staff writer",
                day=(
                    "Two stories a week: interviews in the morning, writing after lunch; Thursdays run late.",
                    "Reads new papers first thing, pitches at the ten o'clock meeting, writes until six.",
                    "About 45 hours; evenings only when a big paper comes out under embargo.",
                ),
                problems=(
                    "Turning a dense physics paper into 800 words people finish.",
                    "Finding the story in a result before anyone else does.",
                    "Checking a claim with scientists who were not on the paper.",
                ),
            ),
            Job(
                "Field Notes Press",
                "Editor",
                day=(
                    "Manuscripts in the morning, authors and production in the afternoon; proposals at home.",
                    "Edits two or three books at once: a long read of each, then line edits.",
                    "Forty hours in the office, plus reading at weekends; that part never stops.",
                ),
                problems=(
                    "Helping a scientist turn a lecture course into a book people buy.",
                    "Choosing the few proposals the press can sell out of hundreds.",
                    "Keeping a book on schedule when the author's research comes first.",
                ),
            ),
            Job(
                "Caltech News Office",
                "Science communicator",
                day=(
                    "Interviews researchers about new papers, writes the release, then takes press calls.",
                    "A steady 40 hours; the weeks after a big announcement are the busy ones.",
                    "Half writing, half video and social posts; every piece goes back to the lab to check.",
                ),
                problems=(
                    "Explaining a new result accurately before journalists call.",
                    "Getting busy researchers to say in one sentence why their work matters.",
                    "Deciding which of fifty papers a month deserve a story.",
                ),
            ),
            Job(
                "Podcast Lab",
                "Producer",
                day=(
                    "Books guests, records on Tuesdays, edits audio the rest of the week.",
                    "One episode a week: research, an outline, two hours of tape cut to thirty minutes.",
                    "Hours follow the guests' time zones; often edits at home.",
                ),
                problems=(
                    "Finding scientists who explain as well on tape as on paper.",
                    "Cutting two hours of conversation into a story listeners follow.",
                    "Growing the audience without making the show shallower.",
                ),
            ),
        ),
        said={
            EVALUATED: (
                "Audience numbers and the editor's feedback, informally every week.",
                "Whether the scientists say the piece got it right, and whether people read it.",
                "A yearly review of the pieces they are proudest of.",
            ),
            MOST: (
                "Explaining hard ideas to readers who then write back.",
                "Talking to a different scientist every week; always learning.",
                "Finding the human story inside a technical result.",
            ),
            LEAST: (
                "Slow approvals: every quote checked by a press office.",
                "Chasing invoices as a freelancer.",
                "Hype: headlines promising a cure from a study in mice.",
            ),
            MEETINGS: (
                "Mostly alone, writing, with a pitch meeting on Monday mornings.",
                "Lots of calls, since every piece starts with interviews.",
                "One short team meeting a day; e-mail with sources all the time.",
            ),
            TRAINING: (
                "A mentoring scheme for the first year, and money for conferences.",
                "Nothing formal; you learn from the senior writers if you ask.",
                "They send people to the science writers' conference each autumn.",
            ),
            ADVANCE: (
                "Bigger stories, then a column or an editing job.",
                "There is no ladder; freelancers grow by landing bigger outlets.",
                "Moving between newsrooms every two or three years.",
            ),
            THRIVE: (
                "Curious people who can take an edit without sulking thrive.",
                "Those who keep deadlines without being chased.",
                "People who need certainty struggle: a piece changes until the last day.",
            ),
            START: (
                "Write every week somewhere, a blog even, and keep clips of the best.",
                "Do a science journalism course or internship after the degree.",
                "Learn to interview: ask, then be quiet.",
            ),
            WHO_ELSE: (
                "Suggested the head of the science writing fellowship, and said to mention her name.",
                "Named an editor at a magazine who hires students as fact-checkers.",
                "Offered to introduce me to a freelancer who covers climate.",
            ),
        },
        notes=(
            "Mentioned a science writing fellowship; applications open in March.",
            "Offered to read a draft of my first article.",
            "Recommended 'The Best American Science and Nature Writing' as a start.",
            "Their newsroom takes fact-checking interns every summer.",
        ),
        lessons=(
            "Every piece starts with interviews; the writing is the second half.",
            "Clips matter more than the degree: I need to publish something.",
            "Checking the facts with the scientists takes longer than the writing.",
            "Freelancing pays unevenly; staff jobs are few and sought after.",
            "Audio and video are growing; writing alone may not be enough.",
            "The pitch matters as much as the finished piece.",
        ),
        directions=(
            "Want to try writing for the student paper this term.",
            "Less sure about freelancing; a staff job or a press office appeals more.",
            "Science communication at a university sounds like a good fit.",
        ),
        story=(
            "Explaining my physics labs to my roommates turned out to be the best part of my week; "
            "I'd like to find out whether that can be a job."
        ),
    ),
    "product design": Field(
        jobs=(
            Job(
                "Pixelhaus",
                "UX designer",
                day=(
                    "Half meetings, half design reviews and drawing screens; 45 hours in a normal week.",
                    "Sketches in the morning, tests a prototype with two people after lunch, then fixes it.",
                    "Works in two-week sprints; the last days of each run late.",
                ),
                problems=(
                    "Finding out why users abandon the sign-up flow, then fixing it.",
                    "Making a client's app easy for people who have never seen it.",
                    "Turning a long list of feature requests into one simple screen.",
                ),
            ),
            Job(
                "Northwind Health",
                "Design researcher",
                day=(
                    "Two or three patient interviews a week, the rest making sense of them.",
                    "Plans studies, watches usability sessions, writes up what to change.",
                    "A calm 40 hours, with the odd research trip to a clinic.",
                ),
                problems=(
                    "Learning how nurses really use the scheduling tool, not how the spec says.",
                    "Showing the team evidence before they build the wrong thing.",
                    "Making the patient app work for people who rarely use a phone.",
                ),
            ),
            Job(
                "Loop Mobility",
                "Product manager",
                day=(
                    "Back-to-back meetings until three, then the roadmap and customer calls.",
                    "Plans with engineering on Mondays, reviews the numbers on Fridays; e-mail in between.",
                    "Fifty hours some weeks; takes the laptop home more than she would like.",
                ),
                problems=(
                    "Deciding what the team builds next, and what it doesn't.",
                    "Why riders stop using the scooter app after a week.",
                    "Keeping design, engineering and sales pointed at the same goal.",
                ),
            ),
            Job(
                "Studio Fern",
                "Design director",
                day=(
                    "Reviews the team's work every morning; client meetings in the afternoon.",
                    "Little hands-on design now: mostly hiring, feedback and proposals to clients.",
                    "Forty hours, protected; the studio does not do late nights.",
                ),
                problems=(
                    "Winning the right clients and turning down the wrong ones.",
                    "Growing junior designers into people who lead a project.",
                    "Keeping the quality steady across six projects at once.",
                ),
            ),
        ),
        said={
            EVALUATED: (
                "Client renewals, mostly.",
                "Whether the numbers move after launch: sign-ups and who stays.",
                "Critique from peers every week, a formal review once a year.",
            ),
            MOST: (
                "Watching someone use a thing they designed without needing help.",
                "The people: everyone is curious and nobody hoards what they know.",
                "Solving a messy problem with one simple screen.",
            ),
            LEAST: (
                "Meetings that could have been an e-mail.",
                "Features shipped against the research because a deadline said so.",
                "Clients who redesign by committee at the last minute.",
            ),
            MEETINGS: (
                "Meetings most afternoons; it gets worse with seniority.",
                "Critiques and stand-ups take about half the week.",
                "Mornings alone in the design tool, afternoons with the team.",
            ),
            TRAINING: (
                "A yearly budget for courses and one conference.",
                "Pairing with a senior designer for the first six months.",
                "Lunch talks every Friday from someone in the company.",
            ),
            ADVANCE: (
                "From designer to lead by running a project end to end.",
                "Moving between teams every two or three years.",
                "You grow by taking bigger clients and leading them.",
            ),
            THRIVE: (
                "People who can hear critique of their work without taking it personally.",
                "Those who like talking to people as much as making things.",
                "Perfectionists struggle; shipping something good beats polishing forever.",
            ),
            START: (
                "Build a portfolio of three real projects rather than ten exercises.",
                "Take a human-computer interaction class and do one study with real people.",
                "Redesign something at school that annoys everyone; show the before and after.",
            ),
            WHO_ELSE: (
                "Named a researcher at a hospital who started out in physics.",
                "Offered to introduce me to the head of the design internship programme.",
                "Suggested a former colleague who now runs design at a startup.",
            ),
        },
        notes=(
            "Recommended the book 'The Design of Everyday Things'.",
            "Offered to look at my portfolio later, when I'm job hunting.",
            "Mentioned a design internship; applications close in January.",
            "Their team runs an open critique night once a month.",
        ),
        lessons=(
            "A portfolio shows the process, not just finished screens.",
            "Research with real people is most of the job, not an extra.",
            "Physics helps: designers who can read data are rare.",
            "Product managers decide more than designers do; I should understand both.",
            "Agencies teach fast; in-house teams go deep on one product.",
            "Critique is daily; I need to get used to showing unfinished work.",
        ),
        directions=(
            "Want to try a design research project this summer.",
            "Product management sounds closer to what I like than pure design.",
            "Keeping design as a second option behind clean energy.",
        ),
        story=(
            "Redesigning our lab's clumsy booking form for a class project made me wonder what "
            "designing things full time is like."
        ),
    ),
}
