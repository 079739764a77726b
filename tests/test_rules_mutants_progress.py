"""The guide's promises about stages and follow-ups, one at a time, on the pure rule.

Written against mutation testing of ``rules.progress``: each test says one
sentence of the README ("What you did drives everything else") and fails when
the rule stops keeping it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoint_tui.core.enums import (
    ClosedBy,
    FactKind,
    FollowUpKind,
    Intent,
    InterviewStatus,
    ReplyOutcome,
    Stage,
)
from infoint_tui.core.rules import progress
from infoint_tui.core.rules.policy import Policy
from infoint_tui.core.rules.progress import ContactView, FactView, FollowUpView, TalkView

WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
ADDED = WEDNESDAY - timedelta(days=7)


def fact(id: int, kind: FactKind, at: datetime, talk: int | None = None, outcome=None) -> FactView:
    return FactView(id, kind, at, talk, outcome)


def held(id: int, ended: datetime, intent: Intent = Intent.INFORMATIONAL, debrief: bool = False) -> TalkView:
    return TalkView(id, InterviewStatus.DONE, ended - timedelta(days=2), ended, intent, debrief)


def planned_talk(id: int, created: datetime, status: InterviewStatus = InterviewStatus.PLANNED) -> TalkView:
    return TalkView(id, status, created, None, Intent.INFORMATIONAL, False)


def stored(id: int, kind: FollowUpKind, due: datetime, *, fact_id=None, talk=None, **closed) -> FollowUpView:
    return FollowUpView(
        id,
        kind,
        talk,
        fact_id,
        due,
        closed.get("done_at"),
        closed.get("cancelled_at"),
        closed.get("closed_by"),
        closed.get("detail", ""),
    )


def settle(facts=(), talks=(), items=(), *, contact=None, policy=None, now=None):
    return progress.settle(
        contact or ContactView(ADDED),
        list(facts),
        list(talks),
        list(items),
        policy or Policy(),
        now or WEDNESDAY + timedelta(days=30),
        UTC,
    )


def plans(result: progress.Settlement) -> dict[FollowUpKind, progress.Plan]:
    return {p.kind: p for p in result.plan}


def test_trying_a_second_person_completes_that_reminder_and_leaves_the_follow_up_due() -> None:
    tried = WEDNESDAY + timedelta(days=5)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.SECOND_CONTACT_TRIED, tried)]
    )
    by_kind = plans(result)
    assert by_kind[FollowUpKind.SECOND_CONTACT].done_at == tried
    assert by_kind[FollowUpKind.SECOND_CONTACT].reason == "second person tried on 30 November"
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].done_at is None
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].reason == ""
    assert result.stage is Stage.REQUESTED


def test_following_up_completes_the_7_day_reminder_not_the_3_day_one() -> None:
    followed = WEDNESDAY + timedelta(days=9)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.REQUEST_FOLLOWED_UP, followed)]
    )
    by_kind = plans(result)
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].done_at == followed
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].reason == "followed up on 4 December"
    assert by_kind[FollowUpKind.SECOND_CONTACT].done_at is None


def test_the_3b7_reminders_fall_3_and_7_business_days_after_the_request() -> None:
    by_kind = plans(settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)]))
    assert by_kind[FollowUpKind.SECOND_CONTACT].due_at == datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].due_at == datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert by_kind[FollowUpKind.SECOND_CONTACT].fact_id == 1
    assert by_kind[FollowUpKind.FOLLOW_UP_REQUEST].fact_id == 1


def test_being_in_touch_before_the_request_does_not_answer_it() -> None:
    before = WEDNESDAY - timedelta(days=2)
    result = settle(
        [
            fact(1, FactKind.INTERACTION, before),
            fact(2, FactKind.SECOND_CONTACT_TRIED, before),
            fact(3, FactKind.REQUEST_FOLLOWED_UP, before),
            fact(4, FactKind.REQUEST_SENT, WEDNESDAY),
        ]
    )
    by_kind = plans(result)
    for kind in (FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST):
        assert by_kind[kind].done_at is None and by_kind[kind].reason == "", kind


def test_their_answer_after_the_request_stops_its_reminders_saying_when() -> None:
    item = stored(7, FollowUpKind.SECOND_CONTACT, WEDNESDAY + timedelta(days=5), fact_id=1)
    answer = WEDNESDAY + timedelta(days=1)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.INTERACTION, answer)],
        items=[item],
        now=answer,
    )
    assert [(c.follow_up_id, c.done, c.at, c.reason) for c in result.close] == [
        (7, False, answer, "they answered on 26 November")
    ]
    assert FollowUpKind.FOLLOW_UP_REQUEST not in plans(result)  # pointless: never planned


def test_a_talk_arranged_before_the_request_does_not_cancel_its_reminders() -> None:
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY)],
        [
            TalkView(
                1, InterviewStatus.CANCELLED, WEDNESDAY - timedelta(days=1), None, Intent.INFORMATIONAL, False
            )
        ],
    )
    assert plans(result)[FollowUpKind.SECOND_CONTACT].done_at is None


def test_a_talk_arranged_after_the_request_stops_its_reminders_even_if_called_off() -> None:
    arranged = WEDNESDAY + timedelta(days=2)
    item = stored(7, FollowUpKind.FOLLOW_UP_REQUEST, WEDNESDAY + timedelta(days=9), fact_id=1)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY)],
        [planned_talk(1, arranged, InterviewStatus.CANCELLED)],
        [item],
        now=arranged,
    )
    assert [(c.follow_up_id, c.done, c.reason) for c in result.close] == [
        (7, False, "talk arranged on 27 November")
    ]


def test_a_newer_request_has_the_reminders_and_the_older_ones_are_withdrawn() -> None:
    later = WEDNESDAY + timedelta(days=14)
    old = stored(7, FollowUpKind.SECOND_CONTACT, WEDNESDAY + timedelta(days=5), fact_id=1)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.REQUEST_SENT, later)],
        items=[old],
        now=later,
    )
    assert [(c.follow_up_id, c.reason) for c in result.close] == [
        (7, "a newer request has reminders of its own")
    ]
    assert {(p.kind, p.fact_id) for p in result.plan} == {
        (FollowUpKind.SECOND_CONTACT, 2),
        (FollowUpKind.FOLLOW_UP_REQUEST, 2),
    }


def test_no_second_person_to_try_without_an_organization() -> None:
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], contact=ContactView(ADDED, has_organization=False)
    )
    assert set(plans(result)) == {FollowUpKind.FOLLOW_UP_REQUEST}


def test_parking_sets_the_request_reminders_aside() -> None:
    item = stored(7, FollowUpKind.FOLLOW_UP_REQUEST, WEDNESDAY + timedelta(days=9), fact_id=1)
    parked = WEDNESDAY + timedelta(days=1)
    result = settle(
        [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.PARKED, parked)],
        items=[item],
        now=parked,
    )
    assert result.stage is Stage.PARKED
    assert [(c.follow_up_id, c.done, c.reason) for c in result.close] == [(7, False, "set aside (parked)")]
    assert result.plan == ()


# -- referrals ----------------------------------------------------------------------------


REFERRED = ContactView(ADDED, referrer_name="Joe Chameau")


def test_a_referral_is_reached_within_two_days_mentioning_who_suggested_it() -> None:
    reach = plans(settle(contact=REFERRED))[FollowUpKind.REACH_REFERRAL]
    assert reach.due_at == ADDED + timedelta(days=2)
    assert reach.detail == "mention that Joe Chameau suggested it"
    assert reach.done_at is None


def test_a_parked_referral_is_not_asked_to_reach_out() -> None:
    item = stored(7, FollowUpKind.REACH_REFERRAL, ADDED + timedelta(days=2))
    result = settle([fact(1, FactKind.PARKED, WEDNESDAY)], items=[item], contact=REFERRED, now=WEDNESDAY)
    assert [(c.follow_up_id, c.done, c.reason) for c in result.close] == [(7, False, "set aside (parked)")]
    assert plans(settle([fact(1, FactKind.PARKED, WEDNESDAY)], contact=REFERRED)) == {}


def test_writing_to_a_referral_is_reaching_them() -> None:
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], contact=REFERRED)
    reach = plans(result)[FollowUpKind.REACH_REFERRAL]
    assert reach.done_at == WEDNESDAY and reach.reason == "request sent on 25 November"


def test_a_talk_arranged_first_reaches_a_referral() -> None:
    arranged = WEDNESDAY - timedelta(days=1)
    result = settle([fact(1, FactKind.INTERACTION, WEDNESDAY)], [planned_talk(1, arranged)], contact=REFERRED)
    reach = plans(result)[FollowUpKind.REACH_REFERRAL]
    assert reach.done_at == arranged and reach.reason == "talk arranged on 24 November"


# -- they agreed ------------------------------------------------------------------------


def test_a_yes_asks_for_a_time_within_a_day_until_a_talk_is_arranged() -> None:
    yes = WEDNESDAY + timedelta(days=1)
    facts = [
        fact(1, FactKind.REQUEST_SENT, WEDNESDAY),
        fact(2, FactKind.REPLY, yes, outcome=ReplyOutcome.AGREED),
    ]
    schedule = plans(settle(facts))[FollowUpKind.SCHEDULE_TALK]
    assert schedule.due_at == yes + timedelta(days=1)
    assert schedule.detail == "they said yes: agree on a time and how long"
    assert schedule.done_at is None and schedule.fact_id == 2
    arranged = yes + timedelta(hours=3)
    done = plans(settle(facts, [planned_talk(1, arranged)]))[FollowUpKind.SCHEDULE_TALK]
    assert done.done_at == arranged and done.reason == "talk arranged on 26 November"


def test_a_talk_called_off_does_not_answer_a_yes() -> None:
    yes = WEDNESDAY + timedelta(days=1)
    facts = [
        fact(1, FactKind.REQUEST_SENT, WEDNESDAY),
        fact(2, FactKind.REPLY, yes, outcome=ReplyOutcome.AGREED),
    ]
    called_off = planned_talk(1, yes + timedelta(hours=1), InterviewStatus.CANCELLED)
    assert plans(settle(facts, [called_off]))[FollowUpKind.SCHEDULE_TALK].done_at is None


def test_a_declined_request_parks_them_until_something_comes_after() -> None:
    no = WEDNESDAY + timedelta(days=1)
    facts = [
        fact(1, FactKind.REQUEST_SENT, WEDNESDAY),
        fact(2, FactKind.REPLY, no, outcome=ReplyOutcome.DECLINED),
    ]
    assert progress.derive_stage(facts, []) is Stage.PARKED
    asked_again = [*facts, fact(3, FactKind.REQUEST_SENT, no + timedelta(days=20))]
    assert progress.derive_stage(asked_again, []) is Stage.REQUESTED
    brought_back = [*facts, fact(3, FactKind.UNPARKED, no)]
    assert progress.derive_stage(brought_back, []) is Stage.REQUESTED
    talk_after = [planned_talk(1, no + timedelta(days=3))]
    assert progress.derive_stage(facts, talk_after) is Stage.SCHEDULED
    called_off = [planned_talk(1, no + timedelta(days=3), InterviewStatus.CANCELLED)]
    assert progress.derive_stage(facts, called_off) is Stage.PARKED


# -- after a talk -------------------------------------------------------------------------


def test_the_debrief_completes_jot_down_your_notes() -> None:
    ended = WEDNESDAY
    jot = plans(settle(talks=[held(1, ended, debrief=True)]))[FollowUpKind.JOT_NOTES]
    assert jot.reason == "the debrief is written" and jot.done_at is not None


def test_notes_jotted_as_the_talk_ends_count_for_it() -> None:
    ended = WEDNESDAY
    jotted = ended - timedelta(minutes=1)
    jot = plans(settle([fact(1, FactKind.NOTES_JOTTED, jotted, talk=1)], [held(1, ended)]))[
        FollowUpKind.JOT_NOTES
    ]
    assert jot.done_at == jotted and jot.reason == "notes jotted on 25 November"
    too_early = ended - timedelta(minutes=2)
    jot = plans(settle([fact(1, FactKind.NOTES_JOTTED, too_early, talk=1)], [held(1, ended)]))
    assert jot[FollowUpKind.JOT_NOTES].done_at is None


def test_a_thank_you_counts_for_the_talk_it_was_for_when_there_are_two() -> None:
    first, second = WEDNESDAY - timedelta(days=10), WEDNESDAY
    talks = [held(1, first), held(2, second)]
    for_the_first = fact(1, FactKind.THANK_YOU_SENT, second + timedelta(hours=2), talk=1)
    result = settle([for_the_first], talks)
    thanks = {p.interview_id: p for p in result.plan if p.kind is FollowUpKind.THANK_YOU}
    assert thanks[1].done_at == second + timedelta(hours=2)
    assert thanks[2].done_at is None
    assert result.stage is Stage.MET  # the latest talk still wants its thank-you


def test_a_thank_you_not_tied_to_a_talk_counts_for_the_talks_before_it() -> None:
    first, second = WEDNESDAY - timedelta(days=10), WEDNESDAY
    talks = [held(1, first), held(2, second)]
    between = fact(1, FactKind.THANK_YOU_SENT, first + timedelta(hours=1))
    thanks = {p.interview_id: p for p in settle([between], talks).plan if p.kind is FollowUpKind.THANK_YOU}
    assert thanks[1].done_at == first + timedelta(hours=1)
    assert thanks[2].done_at is None
    assert progress.derive_stage([between], talks) is Stage.MET
    after_both = fact(1, FactKind.THANK_YOU_SENT, second + timedelta(hours=1))
    assert progress.derive_stage([after_both], talks) is Stage.THANKED


def test_the_thank_you_is_due_the_hours_the_settings_say() -> None:
    thanks = plans(settle(talks=[held(1, WEDNESDAY)], policy=Policy(thank_you_hours=6)))[
        FollowUpKind.THANK_YOU
    ]
    assert thanks.due_at == WEDNESDAY + timedelta(hours=6)
    assert thanks.detail == "right away: skipping it is rude"


def test_the_reconnect_is_planned_from_the_latest_contact_after_the_talk() -> None:
    coffee = WEDNESDAY + timedelta(days=10)
    reconnect = plans(settle([fact(1, FactKind.INTERACTION, coffee)], [held(1, WEDNESDAY)]))[
        FollowUpKind.RECONNECT
    ]
    assert reconnect.due_at == coffee + timedelta(weeks=4)
    assert reconnect.detail.endswith("; planned from your last contact on 5 December")
    assert reconnect.interview_id == 1
    before = plans(settle([fact(1, FactKind.INTERACTION, WEDNESDAY)], [held(1, WEDNESDAY)]))
    assert before[FollowUpKind.RECONNECT].due_at == WEDNESDAY + timedelta(weeks=4)
    assert "planned from" not in before[FollowUpKind.RECONNECT].detail


def test_only_the_latest_informational_talk_keeps_a_reconnect() -> None:
    first, second = WEDNESDAY - timedelta(days=10), WEDNESDAY
    old = stored(7, FollowUpKind.RECONNECT, first + timedelta(weeks=4), talk=1)
    result = settle(talks=[held(1, first), held(2, second)], items=[old], now=second)
    assert [(c.follow_up_id, c.reason) for c in result.close] == [(7, "planned from the later talk instead")]
    assert [p.interview_id for p in result.plan if p.kind is FollowUpKind.RECONNECT] == [2]


def test_reconnecting_after_the_talk_keeps_in_touch() -> None:
    done = WEDNESDAY + timedelta(weeks=5)
    result = settle([fact(1, FactKind.RECONNECTED, done)], [held(1, WEDNESDAY)])
    assert result.stage is Stage.KEEPING_IN_TOUCH
    reconnect = plans(result)[FollowUpKind.RECONNECT]
    assert reconnect.done_at == done and reconnect.reason == "reconnected on 30 December"


def test_a_parked_contact_is_not_asked_to_reconnect() -> None:
    item = stored(7, FollowUpKind.RECONNECT, WEDNESDAY + timedelta(weeks=4), talk=1)
    result = settle([fact(1, FactKind.PARKED, WEDNESDAY + timedelta(days=1))], [held(1, WEDNESDAY)], [item])
    assert [(c.follow_up_id, c.reason) for c in result.close] == [(7, "set aside (parked)")]


# -- the stored queue ------------------------------------------------------------------


def test_an_item_closed_by_hand_is_left_as_the_person_left_it() -> None:
    by_hand = stored(
        7,
        FollowUpKind.SECOND_CONTACT,
        WEDNESDAY,
        fact_id=1,
        cancelled_at=WEDNESDAY,
        closed_by=ClosedBy.PERSON,
    )
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[by_hand])
    assert result.reopen == () and result.close == () and result.redate == ()
    assert set(plans(result)) == {FollowUpKind.FOLLOW_UP_REQUEST}


def test_an_item_the_rules_closed_reopens_when_the_fact_is_taken_back() -> None:
    due = datetime(2026, 11, 30, 10, tzinfo=UTC)
    detail = "no reply after 3 business days: try a second person at the same organization"
    closed = stored(
        7,
        FollowUpKind.SECOND_CONTACT,
        due,
        fact_id=1,
        cancelled_at=WEDNESDAY,
        closed_by=ClosedBy.RULE,
        detail=detail,
    )
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[closed])
    assert result.reopen == (progress.Reopen(7),)
    assert result.redate == ()
    moved = stored(8, FollowUpKind.SECOND_CONTACT, due - timedelta(days=1), fact_id=1, detail=detail)
    assert settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[moved]).redate == (
        progress.Redate(8, due, detail),
    )


def test_the_queue_never_lists_the_same_thing_twice() -> None:
    due = datetime(2026, 11, 30, 10, tzinfo=UTC)
    one = stored(7, FollowUpKind.SECOND_CONTACT, due, fact_id=1)
    copy = stored(9, FollowUpKind.SECOND_CONTACT, due, fact_id=1)
    now = WEDNESDAY + timedelta(days=1)
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[copy, one], now=now)
    assert [(c.follow_up_id, c.done, c.at, c.reason) for c in result.close] == [
        (9, False, now, progress.A_COPY)
    ]


def test_an_item_no_fact_calls_for_any_more_is_withdrawn() -> None:
    orphan = stored(7, FollowUpKind.THANK_YOU, WEDNESDAY, talk=5)
    now = WEDNESDAY + timedelta(days=1)
    result = settle(items=[orphan], now=now)
    assert [(c.follow_up_id, c.done, c.at, c.reason) for c in result.close] == [
        (7, False, now, progress.NO_LONGER_APPLIES)
    ]
    assert result.changes_follow_ups
    assert not settle().changes_follow_ups


def test_an_item_done_by_a_fact_is_closed_done_when_it_was_done() -> None:
    sent = WEDNESDAY + timedelta(hours=3)
    item = stored(7, FollowUpKind.THANK_YOU, WEDNESDAY + timedelta(hours=24), talk=1)
    result = settle([fact(1, FactKind.THANK_YOU_SENT, sent, talk=1)], [held(1, WEDNESDAY)], [item])
    assert [(c.follow_up_id, c.done, c.at, c.reason) for c in result.close] == [
        (7, True, sent, "thank-you sent on 25 November")
    ]


def test_what_closes_an_item_is_named_to_take_back() -> None:
    followed = fact(2, FactKind.REQUEST_FOLLOWED_UP, WEDNESDAY + timedelta(days=9))
    facts = [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), followed]
    item = stored(7, FollowUpKind.FOLLOW_UP_REQUEST, WEDNESDAY, fact_id=1)
    found = progress.closing_fact(ContactView(ADDED), facts, [], item, Policy(), UTC)
    assert found == (followed, "followed up on 4 December")
    gone = stored(8, FollowUpKind.FOLLOW_UP_REQUEST, WEDNESDAY, fact_id=99)
    assert progress.closing_fact(ContactView(ADDED), facts, [], gone, Policy(), UTC) == (
        None,
        progress.NO_LONGER_APPLIES,
    )


def test_the_reason_an_item_closed_is_dated_in_the_local_zone() -> None:
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")
    late_evening = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # 4 December in Los Angeles
    facts = [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.REQUEST_FOLLOWED_UP, late_evening)]
    item = stored(7, FollowUpKind.FOLLOW_UP_REQUEST, WEDNESDAY, fact_id=1)
    assert progress.closing_fact(ContactView(ADDED), facts, [], item, Policy(), la)[1] == (
        "followed up on 4 December"
    )


# -- the stage keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "to", "act", "needs"),
    [
        (Stage.PROSPECT, Stage.REQUESTED, "request_sent", "confirm"),
        (Stage.REQUESTED, Stage.SCHEDULED, "schedule", "schedule"),
        (Stage.SCHEDULED, Stage.MET, "talk_held", "date"),
        (Stage.MET, Stage.THANKED, "thank_you_sent", "confirm"),
        (Stage.THANKED, Stage.KEEPING_IN_TOUCH, "reconnected", "confirm"),
    ],
)
def test_forward_records_the_next_act_asking_what_it_needs(stage, to, act, needs) -> None:
    step = progress.stage_step(stage, forward=True)
    assert (step.to, step.act, step.needs) == (to, act, needs)
    assert step.question == progress.FORWARD_ACTS[stage][1]


@pytest.mark.parametrize(
    ("stage", "to", "act"),
    [
        (Stage.REQUESTED, Stage.PROSPECT, "take_back_request"),
        (Stage.SCHEDULED, Stage.REQUESTED, "cancel_talk"),
        (Stage.MET, Stage.SCHEDULED, "reopen_talk"),
        (Stage.THANKED, Stage.MET, "take_back_thank_you"),
        (Stage.KEEPING_IN_TOUCH, Stage.THANKED, "take_back_reconnect"),
    ],
)
def test_back_takes_back_the_act_that_led_here_after_asking(stage, to, act) -> None:
    step = progress.stage_step(stage, forward=False)
    assert (step.to, step.act, step.needs) == (to, act, "confirm")
    assert step.question == progress.BACKWARD_ACTS[stage][1]


def test_the_ends_of_the_pipeline_go_no_further_and_parked_comes_back_as_a_prospect() -> None:
    assert progress.stage_step(Stage.KEEPING_IN_TOUCH, forward=True) is None
    assert progress.stage_step(Stage.PROSPECT, forward=False) is None
    assert progress.stage_step(Stage.PARKED, forward=False) is None
    unpark = progress.stage_step(Stage.PARKED, forward=True)
    assert (unpark.to, unpark.act, unpark.question, unpark.needs) == (
        Stage.PROSPECT,
        "unpark",
        "Bring them back onto the pipeline?",
        "confirm",
    )


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (FactKind.REQUEST_SENT, "request sent"),
        (FactKind.REQUEST_FOLLOWED_UP, "followed up"),
        (FactKind.SECOND_CONTACT_TRIED, "second person tried"),
        (FactKind.REPLY, "they replied"),
        (FactKind.INTERACTION, "in touch"),
        (FactKind.NOTES_JOTTED, "notes jotted"),
        (FactKind.THANK_YOU_SENT, "thank-you sent"),
        (FactKind.RECONNECTED, "reconnected"),
        (FactKind.PARKED, "parked"),
    ],
)
def test_reopening_a_done_item_names_the_act_it_takes_back(kind: FactKind, words: str) -> None:
    done = fact(1, kind, datetime(2026, 11, 26, 18, tzinfo=UTC))
    assert progress.reopen_question("Kim Lee", "Send a thank-you", done, UTC, False) == (
        f"Kim Lee: take back “{words}” on 26 November? “Send a thank-you” is open again."
    )


def test_reopening_says_the_letter_marked_sent_goes_with_it() -> None:
    done = fact(1, FactKind.REQUEST_SENT, datetime(2026, 11, 26, 18, tzinfo=UTC))
    assert progress.reopen_question("Kim", "Reach out (referral)", done, UTC, True) == (
        "Kim: take back “request sent” on 26 November? The letter you marked sent goes with it."
        " “Reach out (referral)” is open again."
    )


def test_reaching_a_referral_by_their_reply_or_a_call_is_named_so() -> None:
    for kind, words in ((FactKind.REPLY, "they replied"), (FactKind.INTERACTION, "in touch")):
        reach = plans(settle([fact(1, kind, WEDNESDAY)], contact=REFERRED))[FollowUpKind.REACH_REFERRAL]
        assert reach.reason == f"{words} on 25 November"


def test_a_thank_you_sent_as_the_talk_ends_counts_for_it() -> None:
    sent = fact(1, FactKind.THANK_YOU_SENT, WEDNESDAY)
    assert progress.derive_stage([sent], [held(1, WEDNESDAY)]) is Stage.THANKED


def test_why_an_item_closed_and_what_reopening_takes_back_are_dated_in_the_local_zone() -> None:
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")
    evening = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)  # 4 December in Los Angeles
    facts = [fact(1, FactKind.REQUEST_SENT, WEDNESDAY), fact(2, FactKind.REQUEST_FOLLOWED_UP, evening)]
    result = progress.settle(ContactView(ADDED), facts, [], [], Policy(), evening, la)
    assert plans(result)[FollowUpKind.FOLLOW_UP_REQUEST].reason == "followed up on 4 December"
    asked = progress.reopen_question("Kim", "Follow up on your request", facts[1], la, False)
    assert "“followed up” on 4 December?" in asked


def test_what_makes_two_follow_ups_the_same_item() -> None:
    def key(kind: FollowUpKind, talk: int | None, fact_id: int | None) -> tuple:
        return progress.key_of(stored(1, kind, WEDNESDAY, fact_id=fact_id, talk=talk))

    # A referral is reached once, whatever talk they were named in.
    assert key(FollowUpKind.REACH_REFERRAL, 1, None) == key(FollowUpKind.REACH_REFERRAL, 2, 3)
    # The 3B7 reminders and "schedule the talk" belong to one request or reply.
    for kind in (FollowUpKind.SECOND_CONTACT, FollowUpKind.FOLLOW_UP_REQUEST, FollowUpKind.SCHEDULE_TALK):
        assert key(kind, 1, 5) == key(kind, 2, 5)
        assert key(kind, 1, 5) != key(kind, 1, 6)
    # The rest to one talk.
    for kind in (FollowUpKind.JOT_NOTES, FollowUpKind.THANK_YOU, FollowUpKind.RECONNECT):
        assert key(kind, 1, 5) == key(kind, 1, 6)
        assert key(kind, 1, 5) != key(kind, 2, 5)
    assert key(FollowUpKind.THANK_YOU, 1, None) != key(FollowUpKind.JOT_NOTES, 1, None)


def test_a_reconnect_before_the_latest_talk_does_not_keep_in_touch() -> None:
    first, second = WEDNESDAY - timedelta(days=40), WEDNESDAY
    reconnected = fact(1, FactKind.RECONNECTED, first + timedelta(weeks=4))
    assert progress.derive_stage([reconnected], [held(1, first), held(2, second)]) is Stage.MET


def test_a_reply_with_no_request_recorded_is_requested() -> None:
    yes = fact(1, FactKind.REPLY, WEDNESDAY, outcome=ReplyOutcome.AGREED)
    assert progress.derive_stage([yes], []) is Stage.REQUESTED
    assert progress.derive_stage([], []) is Stage.PROSPECT


def test_a_referral_is_reached_by_the_first_talk_arranged_unless_written_to_first() -> None:
    later = planned_talk(2, WEDNESDAY + timedelta(days=5))
    first = TalkView(
        1, InterviewStatus.CANCELLED, WEDNESDAY - timedelta(days=5), None, Intent.INFORMATIONAL, False
    )
    call = fact(1, FactKind.INTERACTION, WEDNESDAY)
    reach = plans(settle([call], [later, first], contact=REFERRED))[FollowUpKind.REACH_REFERRAL]
    assert reach.reason == "talk arranged on 20 November"
    same_moment = planned_talk(1, WEDNESDAY)
    reach = plans(settle([call], [same_moment], contact=REFERRED))[FollowUpKind.REACH_REFERRAL]
    assert (reach.done_at, reach.reason) == (WEDNESDAY, "in touch on 25 November")


def test_reaching_a_referral_is_dated_in_the_local_zone() -> None:
    from zoneinfo import ZoneInfo

    evening = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 25 November in Los Angeles
    result = progress.settle(
        REFERRED,
        [fact(1, FactKind.REQUEST_SENT, evening)],
        [],
        [],
        Policy(),
        evening,
        ZoneInfo("America/Los_Angeles"),
    )
    assert plans(result)[FollowUpKind.REACH_REFERRAL].reason == "request sent on 25 November"


def test_an_open_jot_notes_is_done_once_the_debrief_is_written() -> None:
    now = WEDNESDAY + timedelta(minutes=30)
    item = stored(7, FollowUpKind.JOT_NOTES, WEDNESDAY + timedelta(hours=1), talk=1)
    result = settle(talks=[held(1, WEDNESDAY, debrief=True)], items=[item], now=now)
    assert [(c.follow_up_id, c.done, c.at, c.reason) for c in result.close] == [
        (7, True, now, "the debrief is written")
    ]


def test_a_copy_already_closed_is_left_alone() -> None:
    due = datetime(2026, 11, 30, 10, tzinfo=UTC)
    one = stored(7, FollowUpKind.SECOND_CONTACT, due, fact_id=1)
    closed_copy = stored(
        9, FollowUpKind.SECOND_CONTACT, due, fact_id=1, cancelled_at=WEDNESDAY, closed_by=ClosedBy.RULE
    )
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[one, closed_copy])
    assert result.close == () and result.reopen == ()


def test_a_copy_of_an_item_the_person_closed_is_withdrawn_not_kept() -> None:
    due = datetime(2026, 11, 30, 10, tzinfo=UTC)
    detail = "no reply after 3 business days: try a second person at the same organization"
    by_hand = stored(
        7, FollowUpKind.SECOND_CONTACT, due, fact_id=1, cancelled_at=WEDNESDAY, closed_by=ClosedBy.PERSON
    )
    copy = stored(9, FollowUpKind.SECOND_CONTACT, due, fact_id=1, detail=detail)
    now = WEDNESDAY + timedelta(days=1)
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[by_hand, copy], now=now)
    assert [(c.follow_up_id, c.reason) for c in result.close] == [(9, progress.NO_LONGER_APPLIES)]


def test_after_closing_a_copy_the_other_items_are_still_settled() -> None:
    due = datetime(2026, 11, 30, 10, tzinfo=UTC)
    one = stored(7, FollowUpKind.SECOND_CONTACT, due, fact_id=1)
    copy = stored(8, FollowUpKind.SECOND_CONTACT, due, fact_id=1)
    orphan = stored(9, FollowUpKind.THANK_YOU, due, talk=5)
    result = settle([fact(1, FactKind.REQUEST_SENT, WEDNESDAY)], items=[one, copy, orphan])
    assert [(c.follow_up_id, c.reason) for c in result.close] == [
        (8, progress.A_COPY),
        (9, progress.NO_LONGER_APPLIES),
    ]


def test_every_reason_and_reminder_is_dated_in_the_local_zone() -> None:
    """Near midnight UTC it is still the day before in Los Angeles: each item says that day."""
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")

    def evening(day: int) -> datetime:  # 19:00 in Los Angeles on ``day`` November
        return datetime(2026, 11, day, 19, 0, tzinfo=la).astimezone(UTC)

    def reasons(facts, talks, contact=None) -> dict[FollowUpKind, str]:
        contact = contact or ContactView(ADDED)
        result = progress.settle(contact, facts, talks, [], Policy(), evening(29), la)
        return {p.kind: p.reason for p in result.plan}

    request = fact(1, FactKind.REQUEST_SENT, evening(24))  # a Tuesday evening
    due = {
        p.kind: p.due_at
        for p in progress.settle(ContactView(ADDED), [request], [], [], Policy(), WEDNESDAY, la).plan
    }
    assert due[FollowUpKind.SECOND_CONTACT] == evening(27)  # Friday evening: business days in Los Angeles
    answered = progress.settle(
        ContactView(ADDED),
        [request, fact(2, FactKind.INTERACTION, evening(25))],
        [],
        [stored(7, FollowUpKind.SECOND_CONTACT, evening(27), fact_id=1)],
        Policy(),
        evening(25),
        la,
    )
    assert [c.reason for c in answered.close] == ["they answered on 25 November"]
    arranged = progress.settle(
        ContactView(ADDED),
        [request],
        [planned_talk(1, evening(25))],
        [stored(7, FollowUpKind.SECOND_CONTACT, evening(27), fact_id=1)],
        Policy(),
        evening(25),
        la,
    )
    assert [c.reason for c in arranged.close] == ["talk arranged on 25 November"]
    assert reasons([], [planned_talk(1, evening(25))], REFERRED)[FollowUpKind.REACH_REFERRAL] == (
        "talk arranged on 25 November"
    )
    yes = fact(2, FactKind.REPLY, evening(24), outcome=ReplyOutcome.AGREED)
    assert reasons([request, yes], [planned_talk(1, evening(25))])[FollowUpKind.SCHEDULE_TALK] == (
        "talk arranged on 25 November"
    )
    talk = held(1, evening(25))
    after = reasons(
        [fact(3, FactKind.NOTES_JOTTED, evening(25), 1), fact(4, FactKind.THANK_YOU_SENT, evening(26), 1)],
        [talk],
    )
    assert after[FollowUpKind.JOT_NOTES] == "notes jotted on 25 November"
    assert after[FollowUpKind.THANK_YOU] == "thank-you sent on 26 November"


def test_the_3b7_reminders_skip_the_public_holidays_set() -> None:
    request = fact(1, FactKind.REQUEST_SENT, WEDNESDAY)  # the day before Thanksgiving
    due = plans(settle([request], policy=Policy(holidays="US")))[FollowUpKind.SECOND_CONTACT].due_at
    assert due == datetime(2026, 12, 1, 10, tzinfo=UTC)


def test_parking_after_a_yes_sets_scheduling_aside() -> None:
    yes = WEDNESDAY + timedelta(days=1)
    facts = [
        fact(1, FactKind.REQUEST_SENT, WEDNESDAY),
        fact(2, FactKind.REPLY, yes, outcome=ReplyOutcome.AGREED),
        fact(3, FactKind.PARKED, yes + timedelta(hours=2)),
    ]
    item = stored(7, FollowUpKind.SCHEDULE_TALK, yes + timedelta(days=1), fact_id=2)
    result = settle(facts, items=[item], now=yes + timedelta(hours=2))
    assert [(c.follow_up_id, c.reason) for c in result.close] == [(7, "set aside (parked)")]


def test_jot_down_your_notes_is_due_within_the_hour_for_that_talk() -> None:
    jot = plans(settle(talks=[held(4, WEDNESDAY)]))[FollowUpKind.JOT_NOTES]
    assert (jot.due_at, jot.detail, jot.interview_id) == (
        WEDNESDAY + timedelta(hours=1),
        "while your memory is fresh",
        4,
    )


def test_a_reconnect_before_a_later_talk_does_not_count_for_it() -> None:
    first, second = WEDNESDAY - timedelta(days=40), WEDNESDAY
    between = fact(1, FactKind.RECONNECTED, first + timedelta(weeks=4))
    reconnects = {
        p.interview_id: p
        for p in settle([between], [held(1, first), held(2, second)]).plan
        if p.kind is FollowUpKind.RECONNECT
    }
    assert reconnects[1].done_at == between.at
    assert reconnects[2].done_at is None


def test_the_reconnect_and_the_last_contact_are_dated_in_the_local_zone() -> None:
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")
    coffee = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)  # 5 December in Los Angeles
    done = datetime(2027, 1, 6, 3, 0, tzinfo=UTC)  # 5 January in Los Angeles

    def reconnect(facts) -> progress.Plan:
        result = progress.settle(ContactView(ADDED), facts, [held(1, WEDNESDAY)], [], Policy(), WEDNESDAY, la)
        return plans(result)[FollowUpKind.RECONNECT]

    assert reconnect([fact(1, FactKind.INTERACTION, coffee)]).detail.endswith("last contact on 5 December")
    assert reconnect([fact(1, FactKind.RECONNECTED, done)]).reason == "reconnected on 5 January"
