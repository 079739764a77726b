"""Every letter asks for the talk length in the settings, not a number of its own.

The letters as 0007 and 0009 left them asked for "about 30 minutes", "half an
hour" or "20 minutes" (the follow-up and the second person there), whatever
length the person agrees to; the new wording says ``{minutes}``, filled in from
``[rules] interview_minutes``. A template still in the old wording is removed,
so the app writes the new one on opening (``Workbook._seed``); a template the
person edited is kept as it is. No table changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# kind: (subject, body) as the app wrote them before this revision.
OLD_DEFAULTS = {
    "outreach": (
        "A few questions about your work in {field}",
        "Dear {greeting},\n\n"
        "I'm {my_name}, {my_situation}, and I'm thinking about a career in {field}. "
        "Would you be willing to spend about 30 minutes, by phone or in person, "
        "telling me how you got where you are and what your work is like? "
        "Any time that suits you would suit me.\n\n"
        "Thank you,\n{my_name}",
    ),
    "outreach_job": (
        "Looking for work in {field}: may I ask your advice?",
        "Dear {greeting},\n\n"
        "{referral_line} I'm {my_name}, {my_situation}, and I'm looking for a job or internship in {field}. "
        "Would you be willing to give me some advice about applying to your organization, "
        "or to forward my résumé to people you know who might be interested? "
        "A short call, whenever suits you, would help me a great deal.\n\n"
        "Thank you,\n{my_name}",
    ),
    "referral_intro": (
        "{referrer_name} suggested I get in touch",
        "Dear {greeting},\n\n"
        "{referrer_name} suggested I talk to you: you know this area well and might be willing "
        "to give me some advice. I'm {my_name}, {my_situation}, and I'm {interest}. Could we "
        "find a convenient time to talk, by phone or in person, so I can ask you a few questions "
        "about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
    "referral_unnamed": (
        "A few questions about your work in {field}",
        "Dear {greeting},\n\n"
        "Someone who knows your work suggested I talk to you. I'm {my_name}, {my_situation}, "
        "and I'm {interest}. I was told you know this area well and might be willing to give me "
        "some advice. Could we find a convenient time to talk, by phone or in person, so I can "
        "ask you a few questions about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
    "ask_around": (
        "Do you know someone who works in {field}?",
        "Hi {greeting},\n\n"
        "I'm {interest}, and the best way to learn about it is to talk with people who do the work. "
        "Do you know someone who works in {field} who might talk with me for half an hour? "
        "A name and an e-mail address or phone number would be plenty, and I'll say you suggested "
        "it unless you'd rather I didn't.\n\n"
        "Thanks,\n{my_name}",
    ),
    "follow_up_request": (
        "Following up on my message of {request_date}",
        "Dear {greeting},\n\n"
        "I wrote to you on {request_date} to ask whether we might talk. I know how full an inbox "
        "gets, so I'm trying once more: if you could spare 20 minutes in the coming weeks, by phone "
        "or in person, I'd be grateful. If now isn't a good time, I understand.\n\n"
        "Thank you,\n{my_name}",
    ),
    "second_contact": (
        "A few questions about your work at {organization}",
        "Dear «fill in: their name»,\n\n"
        "I'm {my_name}, {my_situation}, and I'm {interest}. I'd like to learn how people at "
        "{organization} got where they are and what the work is like. Would you be willing to talk "
        "for about 20 minutes, by phone or in person, at a time that suits you?\n\n"
        "Thank you,\n{my_name}",
    ),
}


def upgrade() -> None:
    connection = op.get_bind()
    for kind, (subject, body) in OLD_DEFAULTS.items():
        connection.execute(
            sa.text(
                "DELETE FROM message_template WHERE kind = :kind AND subject = :subject AND body = :body"
            ),
            {"kind": kind, "subject": subject, "body": body},
        )


def downgrade() -> None:
    """The new wording stays: an older app cannot fill ``{minutes}``, but refuses it by name
    when the template is used, and the person can edit it there."""
