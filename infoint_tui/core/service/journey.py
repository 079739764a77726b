"""The whole journey: who referred whom, what the numbers say, what people keep saying, and search.

Read-only views over the workbook, each built from a few queries and
returned as plain objects; the figures carry their own explanation so
the screen only lays them out.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from infoint_tui.core import search
from infoint_tui.core.clock import parse_utc
from infoint_tui.core.enums import (
    FactKind,
    FollowUpKind,
    InterviewStatus,
    ReplyOutcome,
    Source,
    Stage,
    Warmth,
)
from infoint_tui.core.rules import referrals, timing
from infoint_tui.core.service.store import Store
from infoint_tui.core.text import shown
from infoint_tui.core.wording import plural

WEEKS_CHARTED = 12
# How often (in SQLite's virtual machine steps) a search asks whether it is still wanted.
STALE_CHECK_STEPS = 1_000


@dataclass(frozen=True)
class SearchHit:
    """One place a search matched: which contact, which talk, and the words around the match."""

    kind: str
    contact_id: int
    contact_name: str
    interview_id: int | None
    snippet: str  # matches between search.MATCH_START and search.MATCH_END


@dataclass
class NetworkNode:
    """A contact in the referral tree, with what their branch has led to."""

    contact_id: int
    name: str
    warmth: Warmth
    stage: Stage
    interviews: int  # talks held with this person
    waiting: bool  # referred to you and not contacted yet
    children: list[NetworkNode] = field(default_factory=list)
    # Shown as a root although someone referred them: their referrers lead back to them (a loop
    # written by hand), and a loop has no first person to hang it under.
    in_loop: bool = False

    @property
    def branch_interviews(self) -> int:
        return self.interviews + sum(child.branch_interviews for child in self.children)

    @property
    def branch_waiting(self) -> int:
        return int(self.waiting) + sum(child.branch_waiting for child in self.children)

    @property
    def branch_size(self) -> int:
        return 1 + sum(child.branch_size for child in self.children)


@dataclass(frozen=True)
class Figure:
    """A number with its explanation in words."""

    label: str
    value: str
    explanation: str


@dataclass(frozen=True)
class Insights:
    figures: list[Figure]
    per_week: list[int]  # interviews held in each of the last weeks, oldest first
    per_week_explanation: str
    fields: list[tuple[str, int]]
    organizations: list[tuple[str, int]]


@dataclass(frozen=True)
class ThemeAnswer:
    contact_name: str
    held_at: datetime | None
    answer: str


@dataclass(frozen=True)
class Themes:
    """Answers to the same question side by side, and the career direction noted after each talk."""

    questions: list[tuple[str, list[ThemeAnswer]]]
    directions: list[ThemeAnswer]


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def _response_text(counted: int, agreed: int, waiting: int) -> str:
    """What the response rate counts, and the requests it leaves out for now."""
    if not counted and not waiting:
        return "Nobody has been asked yet; mark an outreach sent to start counting."
    if counted == 1:
        answer = "they agreed to one" if agreed else "they have not agreed to one"
        text = f"You asked 1 person for a talk; {answer}."
    else:
        text = f"Of the {counted} people you asked for a talk, {agreed} agreed to one." if counted else ""
    if waiting:
        days = timing.SECOND_CONTACT_AFTER_BUSINESS_DAYS
        text += (
            f"{' ' if text else ''}Not counted yet: {plural(waiting, 'request')} sent less than "
            f"{days} business days ago, with no reply so far (none is late before then)."
        )
    return text


def _median_text(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):.1f} {unit}" if values else "—"


TALK_NOTES_HEADING = "Talk notes (the opening, and what belonged to no question)"


class Journey:
    """Network, insights, themes and search."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- search -----------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 50, *, stale: Callable[[], bool] | None = None
    ) -> list[SearchHit] | None:
        """Contacts, notes, answers, debriefs and prep notes matching every word (the last as a
        prefix), best first; case and accents don't matter.

        ``stale`` says when nobody wants the answer any more (another letter was typed, the
        screen closed): SQLite asks it as it works, and stops; the search then returns None.
        One letter matches most of a big workbook, and ranking all of it takes a while."""
        expression = search.match_expression(query)
        if expression is None:
            return []
        try:
            return self._search(expression, limit, stale)
        except OperationalError as exc:
            if stale is not None and "interrupt" in str(exc):
                return None
            raise

    def _search(self, expression: str, limit: int, stale: Callable[[], bool] | None) -> list[SearchHit]:
        sql = text(
            "SELECT s.kind, s.contact_id, s.interview_id, c.name, "
            "       snippet(search_index, 0, char(2), char(3), '…', 16) AS snippet "
            "  FROM search_index s JOIN contact c ON c.id = s.contact_id "
            " WHERE search_index MATCH :expression ORDER BY rank LIMIT :limit"
        )
        with self.store.engine.connect() as connection:
            if stale is not None:
                raw = connection.connection.dbapi_connection
                raw.set_progress_handler(lambda: 1 if stale() else 0, STALE_CHECK_STEPS)
            try:
                rows = connection.execute(sql, {"expression": expression, "limit": limit}).all()
            finally:
                if stale is not None:
                    raw.set_progress_handler(None, 0)  # the connection goes back to the pool
            talks = {row.interview_id for row in rows if row.kind == search.PREP_KIND}
            prep = {
                r.id: r._mapping
                for r in connection.execute(
                    text(
                        "SELECT id, story, field_notes, org_notes FROM interview "
                        f"WHERE id IN ({', '.join(str(int(i)) for i in talks) or 'NULL'})"
                    )
                )
            }

        def kind(row) -> str:
            if row.kind == search.PREP_KIND and row.interview_id in prep:
                return search.prep_part(row.snippet, prep[row.interview_id])
            return search.KINDS.get(row.kind, "text")

        return [
            SearchHit(
                kind(row),
                row.contact_id,
                shown(row.name),
                row.interview_id,
                row.snippet.replace("\n", " "),  # shown part by part: its match markers are controls
            )
            for row in rows
        ]

    # -- the referral network ------------------------------------------------------------------

    def referral_tree(self) -> list[NetworkNode]:
        """Everyone, under the person who referred them; the roots are the people you know directly."""
        with self.store.engine.connect() as connection:
            contacts = connection.exec_driver_sql(
                "SELECT id, name, warmth, stage, source, referred_by_id FROM contact ORDER BY name"
            ).all()
            held = dict(
                connection.exec_driver_sql(
                    "SELECT contact_id, count(*) FROM interview WHERE status IN ('live', 'done') "
                    "GROUP BY contact_id"
                ).all()
            )
        nodes = {
            row.id: NetworkNode(
                row.id,
                shown(row.name),
                Warmth(row.warmth),
                Stage(row.stage),
                held.get(row.id, 0),
                row.source == Source.REFERRAL.value and row.stage == Stage.PROSPECT.value,
            )
            for row in contacts
        }
        roots = []
        referred_by = {row.id: row.referred_by_id for row in contacts}
        starts = {loop[0] for loop in referrals.loops(referred_by)}
        for row in contacts:
            parent = nodes.get(row.referred_by_id) if row.referred_by_id is not None else None
            if row.id in starts:
                nodes[row.id].in_loop, parent = True, None
            (parent.children if parent is not None else roots).append(nodes[row.id])
        roots.sort(key=lambda n: (-n.branch_size, n.warmth.rank, n.name.casefold()))
        return roots

    # -- insights -----------------------------------------------------------------------------

    def insights(self) -> Insights:
        """The figures of the journey so far, from the facts (whichever path recorded them)."""
        now = self.store.clock()
        with self.store.engine.connect() as connection:
            contacts = connection.exec_driver_sql(
                "SELECT id, stage, warmth, career_field, organization FROM contact"
            ).all()
            acts = connection.exec_driver_sql(
                "SELECT contact_id, kind, at, outcome FROM fact WHERE kind IN ('request_sent', 'reply') "
                "ORDER BY at, id"
            ).all()
            talks = connection.exec_driver_sql(
                "SELECT i.id, i.contact_id, i.status, coalesce(i.started_at, i.scheduled_at) AS held, "
                "       i.ended_at, c.career_field, c.organization "
                "  FROM interview i JOIN contact c ON c.id = i.contact_id"
            ).all()
            thanks = connection.exec_driver_sql(
                "SELECT interview_id, min(done_at) FROM follow_up WHERE kind = :kind AND done_at IS NOT NULL "
                "GROUP BY interview_id",
                {"kind": FollowUpKind.THANK_YOU.value},
            ).all()
        held = [t for t in talks if t.status in ("live", "done") and t.held]
        asked, agreed = _asked_and_agreed(acts, talks)
        stage_now = {c.id: c.stage for c in contacts}
        policy, holidays = self.store.policy, self.store.policy.holiday_dates()
        # A request counts once they answered (a yes, a no, a talk) or the rules' waiting time
        # passed without a reply; one sent a day ago is still waiting, not "no answer".
        waiting = {
            c
            for c, when in asked.items()
            if c not in agreed
            and stage_now.get(c) == Stage.REQUESTED.value
            and now < timing.no_reply_by(when, self.store.tz, policy.workdays, holidays)
        }
        figures = _figures(
            contacts, asked, agreed, waiting, _request_to_talk(asked, held), _talk_to_thanks(talks, thanks)
        )
        per_week = _talks_per_week(held, now)
        return Insights(
            figures,
            per_week,
            f"Talks held per week over the last {WEEKS_CHARTED} weeks, this week on the right "
            f"({sum(per_week)} in all).",
            Counter(shown(t.career_field) for t in held if t.career_field).most_common(5),
            Counter(shown(t.organization) for t in held if t.organization).most_common(5),
        )

    # -- themes -------------------------------------------------------------------------------

    def theme_choices(self) -> tuple[list[str], list[str]]:
        """The career fields and organizations you have talked to someone in."""
        with self.store.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT DISTINCT c.career_field, c.organization FROM interview i "
                "JOIN contact c ON c.id = i.contact_id WHERE i.status IN ('live', 'done')"
            ).all()
        fields = sorted({r.career_field for r in rows if r.career_field}, key=str.casefold)
        organizations = sorted({r.organization for r in rows if r.organization}, key=str.casefold)
        return fields, organizations

    def themes(self, *, career_field: str | None = None, organization: str | None = None) -> Themes:
        """For one field or organization: each question's answers side by side, then the
        career direction written after each talk, oldest first. Exactly one of the two is
        named: themes are one group's answers side by side, never everyone's."""
        if bool(career_field) == bool(organization):
            raise ValueError("themes are for one field or one organization")
        where, params = ["i.status IN ('live', 'done')"], {}
        if career_field:
            where.append("c.career_field = :field")
            params["field"] = career_field
        if organization:
            where.append("c.organization = :organization")
            params["organization"] = organization
        condition = " AND ".join(where)
        with self.store.engine.connect() as connection:
            answers = connection.execute(
                text(
                    "SELECT q.text, q.position, c.name,"
                    "       coalesce(i.started_at, i.scheduled_at) AS held, q.answer "
                    "  FROM interview_question q JOIN interview i ON i.id = q.interview_id "
                    "  JOIN contact c ON c.id = i.contact_id "
                    f" WHERE {condition} AND trim(q.answer) != '' ORDER BY held, i.id"
                ),
                params,
            ).all()
            talks = connection.execute(
                text(
                    "SELECT c.name, coalesce(i.started_at, i.scheduled_at) AS held, i.talk_notes "
                    "  FROM interview i JOIN contact c ON c.id = i.contact_id "
                    f" WHERE {condition} AND trim(i.talk_notes) != '' ORDER BY held, i.id"
                ),
                params,
            ).all()
            directions = connection.execute(
                text(
                    "SELECT c.name, coalesce(i.started_at, i.scheduled_at) AS held, i.debrief_direction "
                    "  FROM interview i JOIN contact c ON c.id = i.contact_id "
                    f" WHERE {condition} AND trim(i.debrief_direction) != '' ORDER BY held, i.id"
                ),
                params,
            ).all()
        by_question: dict[str, list[ThemeAnswer]] = defaultdict(list)
        order: dict[str, int] = {}
        for row in answers:
            by_question[shown(row.text)].append(
                ThemeAnswer(shown(row.name), parse_utc(row.held), shown(row.answer))
            )
            order.setdefault(shown(row.text), row.position)
        # Questions most people answered first: that is where answers can be compared.
        questions = sorted(by_question.items(), key=lambda item: (-len(item[1]), order[item[0]]))
        if talks:  # what was said outside the questions, side by side too
            questions.append(
                (
                    TALK_NOTES_HEADING,
                    [ThemeAnswer(shown(r.name), parse_utc(r.held), shown(r.talk_notes)) for r in talks],
                )
            )
        return Themes(
            questions,
            [ThemeAnswer(shown(r.name), parse_utc(r.held), shown(r.debrief_direction)) for r in directions],
        )


def _asked_and_agreed(acts, talks) -> tuple[dict[int, datetime], set[int]]:
    """Who was asked (when the first request went out) and who of them agreed: they said
    yes, or a talk with them was arranged or held."""
    asked: dict[int, datetime] = {}
    said_yes: set[int] = set()
    for act in acts:
        if act.kind == FactKind.REQUEST_SENT.value:
            asked.setdefault(act.contact_id, parse_utc(act.at))
        elif act.outcome == ReplyOutcome.AGREED.value:
            said_yes.add(act.contact_id)
    talked = {t.contact_id for t in talks if t.status != InterviewStatus.CANCELLED.value}
    return asked, {c for c in asked if c in said_yes or c in talked}


def _request_to_talk(asked: dict[int, datetime], held) -> list[float]:
    """Days from the first request to the first talk, per person who had both in that order."""
    first_talk: dict[int, datetime] = {}
    for talk in held:
        when = parse_utc(talk.held)
        if talk.contact_id not in first_talk or when < first_talk[talk.contact_id]:
            first_talk[talk.contact_id] = when
    return [_days(first_talk[c] - asked[c]) for c in asked if c in first_talk and first_talk[c] >= asked[c]]


def _talk_to_thanks(talks, thanks) -> list[float]:
    """Hours from the end of each talk to its thank-you sent."""
    thanked_at = {row[0]: parse_utc(row[1]) for row in thanks}
    return [
        _days(thanked_at[t.id] - parse_utc(t.ended_at)) * 24
        for t in talks
        if t.ended_at and t.id in thanked_at and thanked_at[t.id] >= parse_utc(t.ended_at)
    ]


def _figures(contacts, asked, agreed, waiting, to_talk, to_thanks) -> list[Figure]:
    stages = Counter(Stage(c.stage) for c in contacts)
    warmths = Counter(Warmth(c.warmth) for c in contacts)
    counted = len(asked) - len(waiting)
    rate = f"{100 * len(agreed) / counted:.0f}%" if counted else "—"
    return [
        Figure(
            "Contacts",
            str(len(contacts)),
            " · ".join(f"{stages[s]} {s.short_label}" for s in Stage if stages[s]) or "no one yet",
        ),
        Figure(
            "Warmth",
            " · ".join(f"{warmths[w]} {w.value}" for w in Warmth),
            "The guide says to start with the warmest: hot contacts say yes most often.",
        ),
        Figure("Response rate", rate, _response_text(counted, len(agreed), len(waiting))),
        Figure(
            "Request to talk",
            _median_text(to_talk, "days"),
            f"Median time from asking to talking, over {plural(len(to_talk), 'talk')}.",
        ),
        Figure(
            "Talk to thank-you",
            _median_text(to_thanks, "hours"),
            f"Median time from the end of a talk to the thank-you sent, over {len(to_thanks)}; "
            "the guide says send it right away.",
        ),
    ]


def _talks_per_week(held, now: datetime) -> list[int]:
    """Talks held in each of the last ``WEEKS_CHARTED`` weeks (Monday to Sunday), this week last."""
    this_week = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    first_week = this_week - timedelta(weeks=WEEKS_CHARTED - 1)
    per_week = [0] * WEEKS_CHARTED
    for talk in held:
        when = parse_utc(talk.held)
        if first_week <= when < this_week + timedelta(weeks=1):
            per_week[int(_days(when - first_week) // 7)] += 1
    return per_week
