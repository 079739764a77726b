"""Facts: what the person did, from which stages and follow-ups are derived.

Adds the ``fact`` table and, on ``follow_up``, the request a reminder waits
on (``fact_id``) and who closed it and why (``closed_by``, ``reason``). The
facts of an existing workbook are read back from its stage history, its
talks and its finished follow-ups:

- a move to requested is a request sent; to thanked, a thank-you sent; to
  keeping in touch, a reconnect; to parked and back, parking and unparking;
- a move to met with no talk on record becomes a talk held then;
- a contact left at scheduled with no talk planned gets a planned talk
  (no time yet), so the stage derived from the facts is the stage it had;
- "schedule the talk" joins the follow-up kinds (they agreed: find a time);
- each phone number gets its E.164 form beside it, for telling people apart;
- a finished follow-up is the act it asked for (notes jotted, thank-you,
  a second person tried, a follow-up sent, a reconnect), and is marked
  closed by the rules; reminders waiting on a reply are tied to the request
  before them.

The app settles every contact once after this migration, so anything the
history leaves ambiguous is derived by the same rule as every later act.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# follow-up kind -> the fact a finished one records (a referral reached is a request sent)
DONE_MEANS = {
    "jot_notes": "notes_jotted",
    "thank_you": "thank_you_sent",
    "reach_referral": "request_sent",
    "second_contact": "second_contact_tried",
    "follow_up_request": "request_followed_up",
    "reconnect": "reconnected",
}
KINDS = (
    "'jot_notes', 'thank_you', 'reach_referral', 'schedule_talk', 'second_contact', 'follow_up_request', "
    "'reconnect'"
)
STAGE_FACTS = {"requested": "request_sent", "thanked": "thank_you_sent", "keeping_in_touch": "reconnected"}


def upgrade() -> None:
    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('request_sent', 'request_followed_up', 'second_contact_tried', 'reply', "
            "'notes_jotted', 'thank_you_sent', 'reconnected', 'interaction', 'parked', 'unparked')",
            name=op.f("ck_fact_kind"),
        ),
        sa.CheckConstraint(
            "channel = '' OR channel IN ('email', 'call', 'message', 'coffee', 'event', 'other')",
            name=op.f("ck_fact_channel"),
        ),
        sa.CheckConstraint(
            "outcome = '' OR outcome IN ('agreed', 'declined', 'no_answer')", name=op.f("ck_fact_outcome")
        ),
        sa.CheckConstraint("kind != 'reply' OR outcome != ''", name=op.f("ck_fact_reply_has_outcome")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_fact_contact_id_contact"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_fact_interview_id_interview"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact")),
        sqlite_strict=True,
    )
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fact_interview_id"), ["interview_id"], unique=False)

    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fact_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("closed_by", sa.String(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("reason", sa.String(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_follow_up_fact_id"), ["fact_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_follow_up_fact_id_fact"), "fact", ["fact_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_follow_up_closed_by"), "closed_by = '' OR closed_by IN ('rule', 'person')"
        )
        batch_op.drop_constraint(batch_op.f("ck_follow_up_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_follow_up_kind"), f"kind IN ({KINDS})")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_e164", sa.String(), server_default="", nullable=False))
    _back_fill(op.get_bind())
    _phones(op.get_bind())


def _phones(connection) -> None:
    """The E.164 form beside each typed phone number (matching "(626) 555-0100" with "+1 626 555 0100")."""
    rows = connection.exec_driver_sql("SELECT id, phone FROM contact WHERE phone != ''").all()
    region = _phone_region()
    values = [{"id": row.id, "e164": _e164(row.phone, region)} for row in rows]
    if values:
        connection.execute(sa.text("UPDATE contact SET phone_e164 = :e164 WHERE id = :id"), values)


# A migration is history: what it computes is frozen here, as the rules
# (``rules.duplicates.e164``) computed it when this revision was written,
# so a later change to the rules cannot change what an upgrade writes.


def _phone_region() -> str:
    """The region numbers without a + belong to: from the locale, else the US (as of revision 0005)."""
    import locale
    import os

    for name in (
        os.environ.get("LC_ALL"),
        os.environ.get("LC_TELEPHONE"),
        os.environ.get("LANG"),
        locale.getlocale()[0],
    ):
        if name and "_" in name:
            region = name.split("_")[1].split(".")[0].upper()
            if len(region) == 2:
                return region
    return "US"


def _e164(value: str, region: str) -> str:
    """A phone number in E.164 (+16265550100), or "" when it can't be read as one (as of revision 0005)."""
    if not value or not value.strip():
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _back_fill(connection) -> None:
    raw = connection.exec_driver_sql
    now = _text(datetime.now(UTC))
    facts: list[dict] = []

    def fact(contact_id: int, kind: str, at: str, interview_id: int | None = None) -> None:
        facts.append(
            {
                "contact_id": contact_id,
                "interview_id": interview_id,
                "kind": kind,
                "at": at,
                "created_at": now,
            }
        )

    talks: dict[int, list] = {}
    for row in raw("SELECT id, contact_id, status, ended_at FROM interview ORDER BY id"):
        talks.setdefault(row.contact_id, []).append(row)
    history: dict[int, list] = {}
    for row in raw(
        "SELECT contact_id, stage, from_stage, entered_at FROM stage_change ORDER BY entered_at, id"
    ):
        history.setdefault(row.contact_id, []).append(row)
    contacts = raw("SELECT id, stage, intent FROM contact").all()

    for contact in contacts:
        held = [t for t in talks.get(contact.id, []) if t.status == "done"]
        for change in history.get(contact.id, []):
            if change.from_stage == "parked" and change.stage != "parked":
                fact(contact.id, "unparked", change.entered_at)
            if change.stage == "parked":
                fact(contact.id, "parked", change.entered_at)
            elif change.stage in STAGE_FACTS and change.from_stage in (
                None,
                "prospect",
                "parked",
                "met",
                "thanked",
            ):
                before = [t for t in held if t.ended_at and t.ended_at <= change.entered_at] or held
                fact(
                    contact.id,
                    STAGE_FACTS[change.stage],
                    change.entered_at,
                    before[-1].id if before and change.stage == "thanked" else None,
                )
            elif change.stage == "met" and not held:
                ended = _time(change.entered_at)
                talk_id = _talk(raw, contact, "done", ended - timedelta(minutes=30), ended, now)
                held = [
                    raw(
                        "SELECT id, contact_id, status, ended_at FROM interview WHERE id = ?", (talk_id,)
                    ).one()
                ]
        if contact.stage == "scheduled" and not any(
            t.status in ("planned", "live") for t in talks.get(contact.id, [])
        ):
            _talk(raw, contact, "planned", None, None, now)

    for row in raw(
        "SELECT id, contact_id, interview_id, kind, done_at FROM follow_up WHERE done_at IS NOT NULL"
    ):
        interview_id = row.interview_id if row.kind in ("jot_notes", "thank_you") else None
        kind = DONE_MEANS[row.kind]
        if not any(
            f["contact_id"] == row.contact_id
            and f["kind"] == kind
            and f["interview_id"] in (None, interview_id)
            for f in facts
        ):  # the stage history already told of it
            fact(row.contact_id, kind, row.done_at, interview_id)
    if facts:
        connection.execute(
            sa.text(
                "INSERT INTO fact (contact_id, interview_id, kind, at, channel, outcome, note, "
                "created_at) VALUES (:contact_id, :interview_id, :kind, :at, '', '', "
                "'recorded before facts were kept', :created_at)"
            ),
            facts,
        )
    raw("UPDATE follow_up SET closed_by = 'rule', reason = 'done' WHERE done_at IS NOT NULL")
    raw(
        "UPDATE follow_up SET closed_by = 'rule', reason = 'they replied' "
        "WHERE cancelled_at IS NOT NULL AND done_at IS NULL"
    )
    # Reminders waiting on a reply belong to the latest request sent before they were planned.
    raw(
        "UPDATE follow_up SET fact_id = (SELECT f.id FROM fact f WHERE f.contact_id = follow_up.contact_id "
        "AND f.kind = 'request_sent' AND f.at <= datetime(follow_up.created_at, '+1 minute') "
        "ORDER BY f.at DESC, f.id DESC LIMIT 1) WHERE kind IN ('second_contact', 'follow_up_request')"
    )


def _talk(raw, contact, status: str, started: datetime | None, ended: datetime | None, now: str) -> int:
    """A talk the stage history implies but no interview records."""
    values = {
        "contact_id": contact.id,
        "status": status,
        "intent": contact.intent,
        "started": _text(started) if started else None,
        "ended": _text(ended) if ended else None,
        "now": now,
    }
    return raw(
        "INSERT INTO interview (contact_id, scheduled_at, length_minutes, mode, location, companion, intent, "
        "status, started_at, ended_at, paused_at, paused_seconds, extra_minutes, story, field_notes, org_notes, "
        "debrief_learned, debrief_open_questions, debrief_impressions, debrief_direction, created_at, updated_at) "
        "VALUES (:contact_id, :started, 30, 'phone', '', '', :intent, :status, :started, :ended, NULL, 0, 0, "
        "'', '', '', '', '', '', '', :now, :now)",
        values,
    ).lastrowid


def downgrade() -> None:
    op.execute("DELETE FROM follow_up WHERE kind = 'schedule_talk'")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_follow_up_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_follow_up_kind"), f"kind IN ({KINDS})".replace("'schedule_talk', ", "")
        )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("phone_e164")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_follow_up_closed_by"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_follow_up_fact_id_fact"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_follow_up_fact_id"))
        batch_op.drop_column("reason")
        batch_op.drop_column("closed_by")
        batch_op.drop_column("fact_id")
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fact_interview_id"))
        batch_op.drop_index(batch_op.f("ix_fact_contact_id"))
    op.drop_table("fact")
