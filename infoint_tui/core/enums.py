"""The closed vocabularies of the workbook.

Values are what is stored in the database (and guarded there by CHECK
constraints); ``label`` is what a person reads.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Warmth(_Labelled):
    """How well you know a contact; the guide says to start with the warmest."""

    HOT = "hot"
    WARM = "warm"
    COLD = "cold"

    @property
    def rank(self) -> int:
        return _WARMTH_RANK[self]


_WARMTH_RANK = {Warmth.HOT: 0, Warmth.WARM: 1, Warmth.COLD: 2}


class Source(_Labelled):
    """How you found a contact."""

    FRIEND = "friend"
    FAMILY = "family"
    FACULTY = "faculty"
    STAFF = "staff"
    COACH = "coach"
    ROOMMATE = "roommate"
    COLLEAGUE = "colleague"
    ALUMNI_DATABASE = "alumni_database"
    EVENT_OR_CLASS = "event_or_class"
    LIST_OR_WEBSITE = "list_or_website"
    REFERRAL = "referral"
    LINKEDIN = "linkedin"
    OTHER = "other"


class Stage(_Labelled):
    """Where a contact is in the pipeline; PARKED is off the main line."""

    PROSPECT = "prospect"
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    MET = "met"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    PARKED = "parked"

    @property
    def rank(self) -> int:
        return list(Stage).index(self)

    @property
    def short_label(self) -> str:
        return "in touch" if self is Stage.KEEPING_IN_TOUCH else self.label


PIPELINE: tuple[Stage, ...] = tuple(s for s in Stage if s is not Stage.PARKED)


class Intent(_Labelled):
    """Why you are talking to someone: the guide keeps the two apart."""

    INFORMATIONAL = "informational"
    JOB_SEARCH = "job_search"


class Mode(_Labelled):
    """How an interview happens, best first according to the guide."""

    IN_PERSON_WORKPLACE = "in_person_workplace"
    IN_PERSON_ELSEWHERE = "in_person_elsewhere"
    VIDEO = "video"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def in_person(self) -> bool:
        return self in (Mode.IN_PERSON_WORKPLACE, Mode.IN_PERSON_ELSEWHERE)


class InterviewStatus(_Labelled):
    """The life of one interview."""

    PLANNED = "planned"
    LIVE = "live"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUpKind(_Labelled):
    """Things the guide says to do after (or while waiting for) a talk."""

    JOT_NOTES = "jot_notes"
    THANK_YOU = "thank_you"
    REACH_REFERRAL = "reach_referral"
    SCHEDULE_TALK = "schedule_talk"  # they agreed: find the time before the yes goes cold
    SECOND_CONTACT = "second_contact"
    FOLLOW_UP_REQUEST = "follow_up_request"
    RECONNECT = "reconnect"


class FactKind(_Labelled):
    """Acts the person did; stages and follow-ups are derived from them (``rules.progress``).

    Talks are facts too, but they live in the interview table (scheduled,
    held, cancelled), which already records when.
    """

    REQUEST_SENT = "request_sent"  # the first message asking for a talk (or to a referral)
    REQUEST_FOLLOWED_UP = "request_followed_up"  # the one follow-up after 7 business days
    SECOND_CONTACT_TRIED = "second_contact_tried"  # wrote to someone else at the organization
    REPLY = "reply"  # they answered the request (outcome says how)
    NOTES_JOTTED = "notes_jotted"  # notes written down after a talk (elsewhere than the debrief)
    THANK_YOU_SENT = "thank_you_sent"
    RECONNECTED = "reconnected"  # weeks later, separately: asked about a job search
    INTERACTION = "interaction"  # any other contact: a call, coffee, an event...
    PARKED = "parked"  # set aside for now
    UNPARKED = "unparked"  # back on the pipeline


class ReplyOutcome(_Labelled):
    """How someone answered an outreach request."""

    AGREED = "agreed"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"  # you stopped waiting


class Channel(_Labelled):
    """How a message went out or how you were in touch."""

    EMAIL = "email"
    LINKEDIN = "linkedin"  # a LinkedIn note or message
    CALL = "call"
    MESSAGE = "message"
    COFFEE = "coffee"
    EVENT = "event"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {Channel.EMAIL: "e-mail", Channel.LINKEDIN: "LinkedIn"}.get(self, self.value)


class SendChannel(_Labelled):
    """How the person sends a composed message: it decides its form (a subject or not) and checks."""

    EMAIL = "email"
    LINKEDIN = "linkedin"  # a LinkedIn note: no subject, LinkedIn's length limit
    COPY = "copy"  # copied, to paste anywhere (a text, a form, another site)

    @property
    def label(self) -> str:
        return {"email": "e-mail", "linkedin": "LinkedIn note", "copy": "copy (any other way)"}[self.value]


class ClosedBy(_Labelled):
    """Who closed a follow-up: the rules (a fact fulfilled it or made it pointless,
    reversible when the fact is taken back) or the person (kept as they left it)."""

    RULE = "rule"
    PERSON = "person"


class TemplateKind(_Labelled):
    """The messages the workbook drafts for you, one for each situation in the guide."""

    OUTREACH = "outreach"  # asking for an informational talk
    OUTREACH_JOB = "outreach_job"  # looking for a job, said up front
    REFERRAL_INTRO = "referral_intro"  # "X suggested I talk to you"
    REFERRAL_UNNAMED = "referral_unnamed"  # referred by someone who may not be named
    ASK_AROUND = "ask_around"  # "do you know someone who works in ___?" to people you know
    FOLLOW_UP_REQUEST = "follow_up_request"  # the one follow-up on a request (3B7)
    SECOND_CONTACT = "second_contact"  # someone else at the same organization (3B7)
    THANK_YOU = "thank_you"
    RECONNECT = "reconnect"  # weeks later, about a job search

    @property
    def label(self) -> str:
        return _TEMPLATE_LABELS[self]


_TEMPLATE_LABELS = {
    TemplateKind.OUTREACH: "request (informational)",
    TemplateKind.OUTREACH_JOB: "request (job search, said up front)",
    TemplateKind.REFERRAL_INTRO: "referral introduction",
    TemplateKind.REFERRAL_UNNAMED: "referral (referrer not named)",
    TemplateKind.ASK_AROUND: "ask around: who works in the field?",
    TemplateKind.FOLLOW_UP_REQUEST: "follow-up on your request",
    TemplateKind.SECOND_CONTACT: "a second person there",
    TemplateKind.THANK_YOU: "thank-you",
    TemplateKind.RECONNECT: "reconnect about a job search",
}


class AppliesTo(_Labelled):
    """Which interviews a prep checklist item concerns."""

    ALL = "all"
    IN_PERSON = "in_person"


class StageAct(StrEnum):
    """What a stage key records (``]``, forward) or takes back (``[``): the act behind
    each step of ``rules.progress.stage_step``, done by the service's acts. Never stored."""

    REQUEST_SENT = "request_sent"
    SCHEDULE = "schedule"
    TALK_HELD = "talk_held"
    THANK_YOU_SENT = "thank_you_sent"
    RECONNECTED = "reconnected"
    UNPARK = "unpark"
    TAKE_BACK_REQUEST = "take_back_request"
    CANCEL_TALK = "cancel_talk"
    REOPEN_TALK = "reopen_talk"
    TAKE_BACK_THANK_YOU = "take_back_thank_you"
    TAKE_BACK_RECONNECT = "take_back_reconnect"


def sql_in(column: str, enum: type[StrEnum]) -> str:
    """A CHECK expression limiting ``column`` to the values of ``enum``."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"
