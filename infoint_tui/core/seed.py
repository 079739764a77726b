"""What a new workbook starts with: the question bank, the prep checklist
and the message templates, in this project's own words after the guide.
"""

from __future__ import annotations

from infoint_tui.core.enums import AppliesTo, TemplateKind

WHO_ELSE = "Who else do you know that I might talk to?"

# (topic, text); the last is the guide's required closing question.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("the work", "What does a typical day or week look like for you, hours and take-home work included?"),
    ("the work", "What problems do you solve for your organization?"),
    ("the work", "How is your work evaluated?"),
    ("the work", "What do you enjoy most about your job?"),
    ("the work", "What do you enjoy least, and what drives you up the wall?"),
    ("the work", "How much of your time goes to meetings, calls and e-mail compared with working alone?"),
    ("growth", "What training or learning opportunities does your organization offer?"),
    ("growth", "How do people advance here if they want to?"),
    ("growth", "Who thrives in this kind of job, and who struggles?"),
    ("advice", "If you were starting out in this field today, what would you do?"),
    ("advice", "Looking back, what would you do differently?"),
    ("advice", "Which skills matter most in this job and this industry?"),
    ("advice", "What is the best way into this field or into your organization?"),
    ("the field", "Where do you see this line of work going in the next few years?"),
    ("the field", "How do economic ups and downs affect careers in this area?"),
    (
        "practicalities",
        "Where can people in this field live, how much do they travel, and how does relocation work?",
    ),
    ("practicalities", "What is the usual salary range at entry level and at the next step up?"),
    ("network", WHO_ELSE),
)

# (text, applies_to)
PREP_ITEMS: tuple[tuple[str, AppliesTo], ...] = (
    ("Read about the field in general", AppliesTo.ALL),
    ("Read about the organization (news, its own pages, directories)", AppliesTo.ALL),
    ("Write the short story of how you became interested in the field", AppliesTo.ALL),
    ("Write at least ten open-ended questions", AppliesTo.ALL),
    ("Confirm the time, the mode and how long they agreed to", AppliesTo.ALL),
    ("Plan how to get there and when to leave", AppliesTo.IN_PERSON),
    ("Lay out business-casual clothes, ironed; bring a jacket", AppliesTo.IN_PERSON),
    ("Bring business cards to give", AppliesTo.IN_PERSON),
)

# kind: (subject, body). Placeholders are documented in core.rules.messages. No letter names
# a number of minutes: {minutes} is the talk length you usually agree to, from the settings.
TEMPLATES: dict[TemplateKind, tuple[str, str]] = {
    TemplateKind.OUTREACH: (
        "A few questions about your work in {field}",
        "Dear {greeting},\n\n"
        "I'm {my_name}, {my_situation}, and I'm thinking about a career in {field}. "
        "Would you be willing to spend about {minutes} minutes, by phone or in person, "
        "telling me how you got where you are and what your work is like? "
        "Any time that suits you would suit me.\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.OUTREACH_JOB: (
        "Looking for work in {field}: may I ask your advice?",
        "Dear {greeting},\n\n"
        "{referral_line} I'm {my_name}, {my_situation}, and I'm looking for a job or internship in {field}. "
        "Would you be willing to give me some advice about applying to your organization, "
        "or to forward my résumé to people you know who might be interested? "
        "A call of {minutes} minutes, whenever suits you, would help me a great deal.\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.REFERRAL_INTRO: (
        "{referrer_name} suggested I get in touch",
        "Dear {greeting},\n\n"
        "{referrer_name} suggested I talk to you: you know this area well and might be willing "
        "to give me some advice. I'm {my_name}, {my_situation}, and I'm {interest}. Could we "
        "find a convenient time to talk for {minutes} minutes, by phone or in person, so I can ask "
        "you a few questions about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.REFERRAL_UNNAMED: (
        "A few questions about your work in {field}",
        "Dear {greeting},\n\n"
        "Someone who knows your work suggested I talk to you. I'm {my_name}, {my_situation}, "
        "and I'm {interest}. I was told you know this area well and might be willing to give me "
        "some advice. Could we find a convenient time to talk for {minutes} minutes, by phone or "
        "in person, so I can ask you a few questions about your career?\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.ASK_AROUND: (
        "Do you know someone who works in {field}?",
        "Hi {greeting},\n\n"
        "I'm {interest}, and the best way to learn about it is to talk with people who do the work. "
        "Do you know someone who works in {field} who might talk with me for {minutes} minutes? "
        "A name and an e-mail address or phone number would be plenty, and I'll say you suggested "
        "it unless you'd rather I didn't.\n\n"
        "Thanks,\n{my_name}",
    ),
    TemplateKind.FOLLOW_UP_REQUEST: (
        "Following up on my message of {request_date}",
        "Dear {greeting},\n\n"
        "I wrote to you on {request_date} to ask whether we might talk. I know how full an inbox "
        "gets, so I'm trying once more: if you could spare {minutes} minutes in the coming weeks, by phone "
        "or in person, I'd be grateful. If now isn't a good time, I understand.\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.SECOND_CONTACT: (
        "A few questions about your work at {organization}",
        "Dear «fill in: their name»,\n\n"
        "I'm {my_name}, {my_situation}, and I'm {interest}. I'd like to learn how people at "
        "{organization} got where they are and what the work is like. Would you be willing to talk "
        "for about {minutes} minutes, by phone or in person, at a time that suits you?\n\n"
        "Thank you,\n{my_name}",
    ),
    TemplateKind.THANK_YOU: (
        "Thank you for your time",
        "Dear {greeting},\n\n"
        "Thank you for talking with me about your work in {field}. {learned_line} "
        "Our conversation helped me think about where I'm heading.\n\n"
        "With thanks,\n{my_name}",
    ),
    TemplateKind.RECONNECT: (
        "Following up on our conversation",
        "Dear {greeting},\n\n"
        "We spoke on {talk_date} about your work in {field}, and your advice stayed with me. "
        "I'm now looking for a position or internship in the field, and I'd be grateful for "
        "any recommendations you have on how to search.\n\n"
        "Best regards,\n{my_name}",
    ),
}

# The request letters as a LinkedIn connection note: one paragraph within the 200 characters a
# free account allows, with typical names filled in (the composer still counts what you type).
LINKEDIN_NOTES: dict[TemplateKind, str] = {
    TemplateKind.OUTREACH: (
        "Hi {greeting}, I'm {my_name}, {my_situation}, {interest}. "
        "Could we talk for {minutes} minutes about your work? Thank you!"
    ),
    TemplateKind.OUTREACH_JOB: (
        "Hi {greeting}, I'm {my_name}, {my_situation}, {interest}. "
        "Could I ask your advice on applying, in a {minutes}-minute call? Thanks!"
    ),
    TemplateKind.REFERRAL_INTRO: (
        "Hi {greeting}, {referrer_name} suggested I talk to you. I'm {my_name}, {interest}. "
        "Could we talk for {minutes} minutes about your work? Thank you!"
    ),
    TemplateKind.REFERRAL_UNNAMED: (
        "Hi {greeting}, someone who knows your work suggested I talk to you. I'm {my_name}, {interest}. "
        "Could we talk for {minutes} minutes? Thank you!"
    ),
    TemplateKind.SECOND_CONTACT: (
        "Hi «fill in: their name», I'm {my_name}, {interest}. "
        "Could we talk for {minutes} minutes about the work at {organization}? Thank you!"
    ),
}
