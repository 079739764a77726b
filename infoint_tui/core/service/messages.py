"""Messages: the editable templates, rendered for one contact and checked."""

from __future__ import annotations

from sqlmodel import Session, select

from infoint_tui.core.domain import MessageTemplate
from infoint_tui.core.enums import Intent, TemplateKind
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules import messages
from infoint_tui.core.service.base import read_model
from infoint_tui.core.service.interviews import InterviewsMixin
from infoint_tui.core.settings import Profile
from infoint_tui.core.tables import InterviewQuestionRow, InterviewRow, MessageTemplateRow, NoteRow
from infoint_tui.core.validation import storable


class MessagesMixin(InterviewsMixin):
    """Outreach, referral introductions, thank-yous and reconnects."""

    def get_template(self, kind: TemplateKind | str) -> MessageTemplate:
        with self._reading() as session:
            return read_model(MessageTemplate, self._template_row(session, TemplateKind(kind)))

    def update_template(self, kind: TemplateKind | str, *, subject: str, body: str) -> MessageTemplate:
        """Save a template; an unknown or malformed placeholder is refused, naming it."""
        for field, value in (("subject", subject), ("body", body)):
            try:
                messages.check_template(storable(value))
            except ValueError as exc:
                raise ValidationFailed(field, str(exc)) from None
        subject, body = storable(subject), storable(body)
        if not body.strip():
            raise ValidationFailed("body", "is required")
        with self._writing() as session:
            row = self._template_row(session, TemplateKind(kind))
            row.subject, row.body, row.updated_at = subject, body, self.clock()
            session.add(row)
        return read_model(MessageTemplate, row)

    def render_message(
        self, kind: TemplateKind | str, contact_id: int, profile: Profile, interview_id: int | None = None
    ) -> messages.Rendered:
        """The template filled in for this contact, with the checks' findings.

        For a thank-you, the line about what you learned comes from the
        interview's debrief, or else its first answer, its talk notes or its first note.
        """
        kind = TemplateKind(kind)
        with self._reading() as session:
            template = self._template_row(session, kind)
            contact = self._contact_row(session, contact_id)
            values = self._values(
                session,
                contact,
                profile,
                self._learned(session, contact_id, interview_id) if kind is TemplateKind.THANK_YOU else "",
            )
        try:
            return messages.render(kind, template.subject, template.body, values, Intent(contact.intent))
        except messages.TemplateError as exc:
            raise ValidationFailed("template", str(exc)) from None

    def preview_values(self, contact_id: int, profile: Profile) -> dict[str, str]:
        """The placeholder values for a contact, for previewing a template being edited."""
        with self._reading() as session:
            contact = self._contact_row(session, contact_id)
            return messages.Filled(
                self._values(session, contact, profile, self._learned(session, contact_id, None))
            )

    def _values(self, session: Session, contact, profile: Profile, learned: str) -> dict[str, str]:
        referrer = self._contact_row(session, contact.referred_by_id) if contact.referred_by_id else None
        return {
            "contact_name": contact.name,
            "contact_first_name": contact.name.split()[0] if contact.name.split() else contact.name,
            "organization": contact.organization,
            "title": contact.title,
            "field": contact.career_field or profile.field,
            "referrer_name": referrer.name if referrer and contact.may_mention_referrer else "",
            "my_name": profile.name,
            "my_situation": profile.situation,
            "learned_line": f"I especially appreciated learning this: {learned} " if learned else "",
        }

    @staticmethod
    def check_message(kind: TemplateKind | str, body: str, intent: Intent | str) -> list[messages.Finding]:
        """The checks on a message as the person edits it."""
        return messages.check_message(TemplateKind(kind), body, Intent(intent))

    @staticmethod
    def _learned(session: Session, contact_id: int, interview_id: int | None) -> str:
        query = select(InterviewRow).where(InterviewRow.contact_id == contact_id)
        if interview_id is not None:
            query = query.where(InterviewRow.id == interview_id)
        interview = session.exec(query.order_by(InterviewRow.ended_at.desc(), InterviewRow.id.desc())).first()
        if interview is None:
            return ""
        if interview.debrief_learned.strip():
            return interview.debrief_learned.strip().splitlines()[0]
        answers = session.exec(
            select(InterviewQuestionRow.answer)
            .where(InterviewQuestionRow.interview_id == interview.id, InterviewQuestionRow.required == False)  # noqa: E712 ("who else?" names people)
            .order_by(InterviewQuestionRow.position)
        ).all()
        note = session.exec(
            select(NoteRow).where(NoteRow.interview_id == interview.id).order_by(NoteRow.offset_seconds)
        ).first()
        # What you noted, in the order of the talk: answers, then the talk notes, then stamped notes.
        for written in (*answers, interview.talk_notes, note.text if note else ""):
            if written.strip():
                return written.strip().splitlines()[0]
        return ""

    @staticmethod
    def _template_row(session: Session, kind: TemplateKind) -> MessageTemplateRow:
        row = session.exec(select(MessageTemplateRow).where(MessageTemplateRow.kind == kind.value)).first()
        if row is None:
            raise NotFound(f"no {kind.label} template")
        return row
