"""Messages: the editable templates filled in for one contact, drafts kept, and sending as an act.

Marking a message sent is the act it stands for (the request, the follow-up,
the thank-you...), recorded with its text and channel on the fact, in one
transaction that also drops the draft. ``Messages`` takes the acts part for
that: a message sent from a follow-up completes it as the queue would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session, select

from infoint_tui.core import seed
from infoint_tui.core.clock import to_zone
from infoint_tui.core.domain import Contact, MessageDraft, MessageTemplate
from infoint_tui.core.enums import (
    Channel,
    FactKind,
    Intent,
    InterviewStatus,
    SendChannel,
    Stage,
    TemplateKind,
    Warmth,
)
from infoint_tui.core.errors import NotFound, ValidationFailed
from infoint_tui.core.rules import messages, quotes
from infoint_tui.core.rules.messages import Context
from infoint_tui.core.service.acts import Acts, add_fact, check_reconnect_wait, held_talk
from infoint_tui.core.service.contacts import contact_row
from infoint_tui.core.service.inputs import checked_text, read_model
from infoint_tui.core.service.queue import follow_up_row
from infoint_tui.core.service.store import Store
from infoint_tui.core.settings import Profile
from infoint_tui.core.tables import (
    ContactRow,
    FactRow,
    InterviewQuestionRow,
    InterviewRow,
    MessageDraftRow,
    MessageTemplateRow,
)
from infoint_tui.core.validation import storable

FACT_CHANNEL = {
    SendChannel.EMAIL: Channel.EMAIL,
    SendChannel.LINKEDIN: Channel.LINKEDIN,
    SendChannel.COPY: Channel.MESSAGE,
}
# What sending each letter records, when it is not sent from a follow-up (which says itself).
SENDING_MEANS: dict[TemplateKind, FactKind] = {
    TemplateKind.OUTREACH: FactKind.REQUEST_SENT,
    TemplateKind.OUTREACH_JOB: FactKind.REQUEST_SENT,
    TemplateKind.REFERRAL_INTRO: FactKind.REQUEST_SENT,
    TemplateKind.REFERRAL_UNNAMED: FactKind.REQUEST_SENT,
    TemplateKind.ASK_AROUND: FactKind.INTERACTION,  # asking someone you know for names keeps in touch
    TemplateKind.FOLLOW_UP_REQUEST: FactKind.REQUEST_FOLLOWED_UP,
    TemplateKind.SECOND_CONTACT: FactKind.SECOND_CONTACT_TRIED,
    TemplateKind.THANK_YOU: FactKind.THANK_YOU_SENT,
    TemplateKind.RECONNECT: FactKind.RECONNECTED,
}


@dataclass(frozen=True)
class Composed:
    """A message ready to edit: the kept draft if there is one, else the template filled in."""

    contact_id: int
    contact_name: str
    address: str  # the e-mail address, "" if none
    kind: TemplateKind
    context: Context  # what ``rules.messages.check_message`` needs beside the text
    subject: str
    body: str
    findings: tuple[messages.Finding, ...]
    draft_saved_at: datetime | None  # set when this is a kept draft
    profile_missing: bool  # your name or situation is not set (Settings fills them)
    # A thank-you: the sentences of their noted answers it may quote (``rules.quotes``), and
    # the one it quotes now ("" for none). Other letters quote nothing.
    quotes: tuple[str, ...] = ()
    quote: str = ""

    @property
    def channel(self) -> SendChannel:
        return self.context.channel


class Messages:
    """Letters for every situation in the guide, drafts, and marking them sent."""

    def __init__(self, store: Store, acts: Acts) -> None:
        self.store = store
        self.acts = acts

    def get_template(self, kind: TemplateKind | str) -> MessageTemplate:
        with self.store.reading() as session:
            return read_model(MessageTemplate, template_row(session, TemplateKind(kind)))

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
        with self.store.writing() as session:
            row = template_row(session, TemplateKind(kind))
            row.subject, row.body, row.updated_at = subject, body, self.store.clock()
            session.add(row)
        return read_model(MessageTemplate, row)

    def compose_message(
        self,
        contact_id: int,
        profile: Profile,
        kinds: tuple[TemplateKind, ...] | None = None,
        *,
        kind: TemplateKind | str | None = None,
        channel: SendChannel | str | None = None,
        interview_id: int | None = None,
        linkedin_limit: int = messages.LINKEDIN_LIMITS[0],
        fresh: bool = False,
        quote: str | None = None,
    ) -> Composed:
        """The message for this contact: ``kind``, else the letter of ``kinds`` with a kept
        draft, else the one that suits them (``rules.messages.choose_kind``); the kept
        draft unless ``fresh``. A thank-you quotes ``quote`` ("" for nothing), by default
        the first sentence of their noted answers that reads as said (``rules.quotes``)."""
        with self.store.reading() as session:
            contact = contact_row(session, contact_id)
            if kind is None:
                offered = kinds or tuple(TemplateKind)
                acts = session.exec(
                    select(FactRow.kind)
                    .where(
                        FactRow.contact_id == contact_id,
                        FactRow.kind.in_([FactKind.REQUEST_SENT.value, FactKind.REPLY.value]),
                    )
                    .order_by(FactRow.at.desc(), FactRow.id.desc())
                ).first()

                def suited(stage: Stage) -> TemplateKind:
                    return messages.choose_kind(
                        stage,
                        Intent(contact.intent),
                        has_referrer=contact.referred_by_id is not None,
                        may_name_referrer=contact.may_mention_referrer,
                        warmth=Warmth(contact.warmth),
                        answered=acts == FactKind.REPLY.value,  # the latest word is theirs
                    )

                chosen = suited(Stage(contact.stage))
                if chosen not in offered:  # a screen offering first messages only: the request that suits
                    chosen = suited(Stage.PROSPECT)
                # A draft left for one of these letters is where the person stopped: open it.
                kept = session.exec(
                    select(MessageDraftRow.kind)
                    .where(
                        MessageDraftRow.contact_id == contact_id,
                        MessageDraftRow.kind.in_([k.value for k in offered]),
                    )
                    .order_by(MessageDraftRow.updated_at.desc())
                ).first()
                kind = TemplateKind(kept) if kept else chosen if chosen in offered else offered[0]
            kind = TemplateKind(kind)
            draft = None if fresh else draft_row(session, contact_id, kind)
            if channel is None:
                channel = (
                    draft.channel
                    if draft
                    else SendChannel.EMAIL
                    if contact.email or not contact.linkedin_url
                    else SendChannel.LINKEDIN
                )
            # A second person there is someone else: the contact's address is not theirs.
            address = "" if kind is TemplateKind.SECOND_CONTACT else contact.email
            offered = (
                quotes.candidates(noted_answers(session, contact_id, interview_id))
                if kind is TemplateKind.THANK_YOU
                else ()
            )
            values = values_for(
                session,
                contact,
                profile,
                kind,
                self.store.tz,
                minutes=self.store.policy.interview_minutes,
                quote=(offered[0] if offered else "") if quote is None else quote,
            )
            context = Context(
                kind,
                Intent(contact.intent),
                SendChannel(channel),
                linkedin_limit,
                has_address=bool(address) or kind is TemplateKind.SECOND_CONTACT,
                names=tuple(
                    name
                    for name in (
                        values["contact_name"],
                        values["greeting"],
                        values["my_name"],
                        values["referrer_name"],
                    )
                    if name.strip()
                ),
            )
            if draft is not None:
                subject, body = draft.subject, draft.body
            else:
                template = template_row(session, kind)
                # A request on LinkedIn is a connection note: the short variant, within its limit.
                note = seed.LINKEDIN_NOTES.get(kind) if context.channel is SendChannel.LINKEDIN else None
                try:
                    rendered = messages.render(template.subject, note or template.body, values, context)
                    subject, body = rendered.subject, rendered.body
                except messages.TemplateError as exc:
                    raise ValidationFailed("template", str(exc)) from None
            return Composed(
                contact_id=contact.id,
                contact_name=contact.name,
                address=address,
                kind=kind,
                context=context,
                subject=subject,
                body=body,
                findings=tuple(messages.check_message(context, subject, body)),
                draft_saved_at=draft.updated_at if draft else None,
                profile_missing=not (profile.name.strip() and profile.situation.strip()),
                quotes=offered,
                quote=quotes.quote_in(body, offered),
            )

    def render_message(
        self, kind: TemplateKind | str, contact_id: int, profile: Profile, interview_id: int | None = None
    ) -> messages.Rendered:
        """The template filled in for this contact (never a kept draft), with the checks' findings."""
        composed = self.compose_message(
            contact_id, profile, kind=kind, interview_id=interview_id, channel=SendChannel.EMAIL, fresh=True
        )
        return messages.Rendered(composed.subject, composed.body, composed.findings)

    def preview_values(self, contact_id: int, profile: Profile) -> dict[str, str]:
        """The placeholder values for a contact, for previewing a template being edited
        (a missing one shows as its marker, as in the composer)."""
        with self.store.reading() as session:
            contact = contact_row(session, contact_id)
            offered = quotes.candidates(noted_answers(session, contact_id, None))
            values = values_for(
                session,
                contact,
                profile,
                TemplateKind.THANK_YOU,
                self.store.tz,
                minutes=self.store.policy.interview_minutes,
                quote=offered[0] if offered else "",
            )
        return {
            name: values.get(name) or ("" if name in messages.OPTIONAL else messages.marker(words))
            for name, (words, _fix) in messages.PLACEHOLDERS.items()
        }

    # -- drafts: kept until sent or discarded ---------------------------------------------

    def save_draft(
        self, contact_id: int, kind: TemplateKind | str, channel: SendChannel | str, subject: str, body: str
    ) -> MessageDraft:
        kind, channel = TemplateKind(kind), SendChannel(channel)
        subject, body = checked_text("subject", subject), checked_text("body", body)
        with self.store.writing() as session:
            contact_row(session, contact_id)
            row = draft_row(session, contact_id, kind) or MessageDraftRow(
                contact_id=contact_id,
                kind=kind.value,
                channel=channel.value,
                body=body,
                updated_at=self.store.clock(),
            )
            row.channel, row.subject, row.body, row.updated_at = (
                channel.value,
                subject,
                body,
                self.store.clock(),
            )
            session.add(row)
        return MessageDraft(
            contact_id=contact_id,
            kind=kind,
            channel=channel,
            subject=subject,
            body=body,
            updated_at=row.updated_at,
        )

    def discard_draft(self, contact_id: int, kind: TemplateKind | str) -> bool:
        """Drop the kept draft; False if there was none."""
        with self.store.writing() as session:
            row = draft_row(session, contact_id, TemplateKind(kind))
            if row is None:
                return False
            session.delete(row)
            return True

    def drafts(self, contact_id: int) -> list[TemplateKind]:
        """The letters with a kept draft for this contact."""
        with self.store.reading() as session:
            rows = session.exec(select(MessageDraftRow.kind).where(MessageDraftRow.contact_id == contact_id))
            return [TemplateKind(kind) for kind in rows.all()]

    # -- sending is the act ---------------------------------------------------------------

    def send_message(
        self,
        contact_id: int,
        kind: TemplateKind | str,
        channel: SendChannel | str,
        subject: str,
        body: str,
        *,
        interview_id: int | None = None,
        follow_up_id: int | None = None,
        override: bool = False,
    ) -> Contact:
        """The message went out: records the act it stands for (from a follow-up, the act
        that item asks for) with the text and channel, and drops the draft."""
        kind, channel = TemplateKind(kind), SendChannel(channel)
        if not body.strip():
            raise ValidationFailed("body", "is empty: write the message before marking it sent")
        text = checked_text("message", messages.sent_text(channel, subject, body))
        how = FACT_CHANNEL[channel]
        with self.store.writing() as session:
            row = contact_row(session, contact_id)
            if follow_up_id is not None:
                item = follow_up_row(session, follow_up_id)
                if item.contact_id != contact_id:
                    raise ValidationFailed("follow-up", "belongs to someone else")
                self.acts.complete_within(session, item, override=override, channel=how, message=text)
            else:
                fact_kind = SENDING_MEANS[kind]
                talk_id = None
                if fact_kind is FactKind.THANK_YOU_SENT:
                    talk_id = held_talk(session, contact_id, interview_id, "thank-you").id
                elif fact_kind is FactKind.RECONNECTED:
                    check_reconnect_wait(session, contact_id, self.store.clock(), override, self.store.policy)
                add_fact(
                    session,
                    contact_id,
                    fact_kind,
                    self.store.clock(),
                    interview_id=talk_id,
                    channel=how,
                    message=text,
                )
            draft = draft_row(session, contact_id, kind)
            if draft is not None:
                session.delete(draft)
        return read_model(Contact, row)


# -- inside a read or write: filling a template in ------------------------------------------


def values_for(
    session: Session,
    contact: ContactRow,
    profile: Profile,
    kind: TemplateKind,
    tz: tzinfo,
    *,
    minutes: int,
    quote: str,
) -> dict[str, str]:
    """The placeholders' values for this contact and letter: ``minutes`` is the talk length
    the settings say you agree to, ``quote`` the sentence of theirs a thank-you quotes."""
    referrer = contact_row(session, contact.referred_by_id) if contact.referred_by_id else None
    # Asking around is for people in *your* field; other letters are about the field you share.
    field = (
        profile.field or contact.career_field
        if kind is TemplateKind.ASK_AROUND
        else contact.career_field or profile.field
    )
    job = Intent(contact.intent) is Intent.JOB_SEARCH
    interest = (
        (f"looking for a job or internship in {field}" if job else f"thinking about a career in {field}")
        if field.strip()
        else ""
    )
    request = session.exec(
        select(FactRow.at)
        .where(FactRow.contact_id == contact.id, FactRow.kind == FactKind.REQUEST_SENT.value)
        .order_by(FactRow.at.desc())
    ).first()
    talk = session.exec(
        select(InterviewRow.ended_at)
        .where(InterviewRow.contact_id == contact.id, InterviewRow.status == InterviewStatus.DONE.value)
        .order_by(InterviewRow.ended_at.desc())
    ).first()
    return {
        "greeting": messages.greeting(contact.name, contact.greet_as, Warmth(contact.warmth)),
        "contact_name": contact.name,
        "contact_first_name": contact.name.split()[0] if contact.name.split() else contact.name,
        "organization": contact.organization,
        "title": contact.title,
        "field": field,
        "interest": interest,
        "referrer_name": referrer.name if referrer and contact.may_mention_referrer else "",
        "referral_line": (
            f"{referrer.name} suggested I get in touch." if referrer and contact.may_mention_referrer else ""
        ),
        "my_name": profile.name,
        "my_situation": profile.situation,
        "request_date": day(request, tz) if request else "",
        "talk_date": day(talk, tz) if talk else "",
        "learned_line": quotes.learned_line(quote) if kind is TemplateKind.THANK_YOU else "",
        "minutes": str(minutes),
    }


def day(moment: datetime, tz: tzinfo) -> str:
    local = to_zone(moment, tz)
    return f"{local.day} {local.strftime('%B')}"


def noted_answers(session: Session, contact_id: int, interview_id: int | None) -> list[str]:
    """What they answered, as noted in the talk (``interview_id``, else their latest), in
    the order asked: what a thank-you may quote. Never your own writing (the debrief, the
    talk notes, stamped notes): that is for you, and may say "biology is not for me"."""
    query = select(InterviewRow).where(InterviewRow.contact_id == contact_id)
    if interview_id is not None:
        query = query.where(InterviewRow.id == interview_id)
    interview = session.exec(query.order_by(InterviewRow.ended_at.desc(), InterviewRow.id.desc())).first()
    if interview is None:
        return []
    answers = session.exec(
        select(InterviewQuestionRow.answer)
        .where(InterviewQuestionRow.interview_id == interview.id, InterviewQuestionRow.required == False)  # noqa: E712 ("who else?" names people)
        .order_by(InterviewQuestionRow.position)
    ).all()
    return [answer for answer in answers if answer.strip()]


def draft_row(session: Session, contact_id: int, kind: TemplateKind) -> MessageDraftRow | None:
    return session.exec(
        select(MessageDraftRow).where(
            MessageDraftRow.contact_id == contact_id, MessageDraftRow.kind == kind.value
        )
    ).first()


def template_row(session: Session, kind: TemplateKind) -> MessageTemplateRow:
    row = session.exec(select(MessageTemplateRow).where(MessageTemplateRow.kind == kind.value)).first()
    if row is None:
        raise NotFound(f"no {kind.label} template")
    return row
