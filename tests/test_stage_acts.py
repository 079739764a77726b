"""The stage keys as one typed dispatch: every act a step can name has its handler,
and every step from every stage runs through the service."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoint_tui.core.enums import PIPELINE, Stage, StageAct
from infoint_tui.core.errors import ValidationFailed
from infoint_tui.core.rules import progress
from infoint_tui.core.service import Workbook
from infoint_tui.core.service.acts import STAGE_ACTS

# Where each step leaves the contact: None where there is no step; "refused" where the
# step asks for a dialog instead (scheduling). A talk that did not take place goes back
# to waiting for a reply, past "scheduled": nothing is planned any more.
FORWARD = {
    Stage.PROSPECT: Stage.REQUESTED,
    Stage.REQUESTED: "refused",
    Stage.SCHEDULED: Stage.MET,
    Stage.MET: Stage.THANKED,
    Stage.THANKED: Stage.KEEPING_IN_TOUCH,
    Stage.KEEPING_IN_TOUCH: None,
    Stage.PARKED: Stage.PROSPECT,
}
BACKWARD = {
    Stage.PROSPECT: None,
    Stage.REQUESTED: Stage.PROSPECT,
    Stage.SCHEDULED: Stage.REQUESTED,
    Stage.MET: Stage.REQUESTED,
    Stage.THANKED: Stage.MET,
    Stage.KEEPING_IN_TOUCH: Stage.THANKED,
    Stage.PARKED: None,
}


def every_step():
    for stage in Stage:
        for forward in (True, False):
            yield stage, forward, progress.stage_step(stage, forward)


def test_every_stage_act_has_a_handler_and_a_step() -> None:
    assert set(STAGE_ACTS) == set(StageAct)
    named = {step.act for _, _, step in every_step() if step is not None}
    assert all(isinstance(act, StageAct) for act in named)
    assert named == set(StageAct)  # no handler for an act no step names


def at_stage(wb: Workbook, clock, stage: Stage) -> int:
    contact = wb.add_contact(name=f"Someone {stage.value}", allow_duplicate=True)
    if stage is Stage.PARKED:
        wb.park(contact.id)
    elif stage is not Stage.PROSPECT:
        wb.record_request_sent(contact.id)
        if stage is Stage.SCHEDULED:
            wb.schedule_interview(contact.id, scheduled_at=clock.now + timedelta(days=1))
        elif stage is not Stage.REQUESTED:
            wb.log_talk(contact.id, clock.now - timedelta(hours=1))
            if stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
                wb.record_thank_you_sent(contact.id)
            if stage is Stage.KEEPING_IN_TOUCH:
                wb.record_reconnect(contact.id, override=True)
    assert wb.get_contact(contact.id).stage is stage
    return contact.id


@pytest.mark.parametrize("forward", [True, False], ids=["forward", "back"])
@pytest.mark.parametrize("stage", list(Stage), ids=[s.value for s in Stage])
def test_each_step_runs_through_the_service(workbook: Workbook, clock, stage: Stage, forward: bool) -> None:
    expected = (FORWARD if forward else BACKWARD)[stage]
    contact_id = at_stage(workbook, clock, stage)
    step = workbook.stage_step(contact_id, forward)
    if expected is None:
        assert step is None
        with pytest.raises(ValidationFailed, match="can't move"):
            workbook.take_stage_step(contact_id, forward)
        return
    assert step is not None and step.to in (*PIPELINE, Stage.PARKED)
    if expected == "refused":
        assert step.act is StageAct.SCHEDULE and step.needs == "schedule"
        with pytest.raises(ValidationFailed, match="schedule the talk"):
            workbook.take_stage_step(contact_id, forward)
        assert workbook.get_contact(contact_id).stage is stage
        return
    moved = workbook.take_stage_step(contact_id, forward, ended_at=clock.now, override=True)
    assert moved.stage is expected
    assert workbook.get_contact(contact_id).stage is expected
