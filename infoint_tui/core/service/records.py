"""The workbook's shared lists: the question bank, the checklist template and
the message templates."""

from __future__ import annotations

from sqlmodel import select

from infoint_tui.core.domain import (
    MessageTemplate,
    PrepTemplateItem,
    Question,
)
from infoint_tui.core.service.base import WorkbookBase, read_model
from infoint_tui.core.tables import (
    MessageTemplateRow,
    PrepTemplateItemRow,
    QuestionRow,
)


class RecordsMixin(WorkbookBase):
    """Lists that belong to the whole workbook rather than one contact."""

    def list_questions(self) -> list[Question]:
        with self._reading() as session:
            rows = session.exec(select(QuestionRow).order_by(QuestionRow.position, QuestionRow.id)).all()
            return [read_model(Question, row) for row in rows]

    def prep_template(self) -> list[PrepTemplateItem]:
        with self._reading() as session:
            rows = session.exec(select(PrepTemplateItemRow).order_by(PrepTemplateItemRow.position)).all()
            return [read_model(PrepTemplateItem, row) for row in rows]

    def list_templates(self) -> list[MessageTemplate]:
        with self._reading() as session:
            rows = session.exec(select(MessageTemplateRow).order_by(MessageTemplateRow.id)).all()
            return [read_model(MessageTemplate, row) for row in rows]
