"""The workbook's shared lists: the question bank, the checklist template and
the message templates, and seeding them when a workbook is created or upgraded.

They belong to no contact or talk, so they are a part of their own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from infoint_tui.core.domain import (
    MessageTemplate,
    PrepTemplateItem,
    Question,
)
from infoint_tui.core.service.inputs import read_model
from infoint_tui.core.service.store import Store
from infoint_tui.core.tables import (
    MessageTemplateRow,
    PrepTemplateItemRow,
    QuestionRow,
)


class Records:
    """Lists that belong to the whole workbook rather than one contact."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list_questions(self) -> list[Question]:
        with self.store.reading() as session:
            rows = session.exec(select(QuestionRow).order_by(QuestionRow.position, QuestionRow.id)).all()
            return [read_model(Question, row) for row in rows]

    def prep_template(self) -> list[PrepTemplateItem]:
        with self.store.reading() as session:
            rows = session.exec(select(PrepTemplateItemRow).order_by(PrepTemplateItemRow.position)).all()
            return [read_model(PrepTemplateItem, row) for row in rows]

    def list_templates(self) -> list[MessageTemplate]:
        with self.store.reading() as session:
            rows = session.exec(select(MessageTemplateRow).order_by(MessageTemplateRow.id)).all()
            return [read_model(MessageTemplate, row) for row in rows]


def seed(session: Session, now: datetime) -> None:
    """Templates added by a later version (or removed by a migration to be written anew),
    and, in a new workbook, the question bank and the checklist template."""
    from infoint_tui.core import seed as seeds

    have = set(session.exec(select(MessageTemplateRow.kind)).all())
    for kind, (subject, body) in seeds.TEMPLATES.items():
        if kind.value not in have:
            session.add(MessageTemplateRow(kind=kind.value, subject=subject, body=body, updated_at=now))
    if session.exec(select(func.count()).select_from(QuestionRow)).one():
        return
    for position, (topic, question) in enumerate(seeds.QUESTIONS):
        required = question == seeds.WHO_ELSE
        session.add(
            QuestionRow(text=question, topic=topic, required=required, builtin=True, position=position)
        )
    for position, (item, applies_to) in enumerate(seeds.PREP_ITEMS):
        session.add(
            PrepTemplateItemRow(text=item, applies_to=applies_to.value, position=position, builtin=True)
        )
