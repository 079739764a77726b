"""Counts read as words: one contact, two contacts; never "1 contacts" or "follow-up(s)"."""

from __future__ import annotations

from infoint_tui.core.service.deletion import DeletionImpact
from infoint_tui.core.wording import plural


def test_plural_says_one_or_many() -> None:
    assert plural(1, "contact") == "1 contact"
    assert plural(0, "contact") == "0 contacts"
    assert plural(2, "follow-up") == "2 follow-ups"
    assert plural(1, "person", "people") == "1 person"
    assert plural(10_000, "person", "people") == "10,000 people"


def test_the_delete_question_counts_in_words() -> None:
    impact = DeletionImpact(name="Ada", interviews=1, notes=2, follow_ups=1, referrals_unlinked=1)
    text = impact.describe()
    assert "1 interview, 2 notes, 1 follow-up?" in text
    assert "The 1 person they referred stays" in text and "(s)" not in text


def test_the_pipeline_summary_groups_thousands_like_its_total() -> None:
    from infoint_tui.core.enums import Stage
    from infoint_tui.core.pipeline import PipelineSummary
    from infoint_tui.tui.formatting import summary_text

    counts = dict.fromkeys(Stage, 0) | {Stage.PROSPECT: 11_407, Stage.MET: 5}
    text = summary_text(PipelineSummary(counts, interviews_this_week=1_200, overdue=19_123)).plain
    assert text == "11,412 contacts · 11,407 prospect · 5 met │ 1,200 talks this week │ 19,123 overdue"


def test_the_pipeline_summary_wraps_between_counts_never_inside_one() -> None:
    from infoint_tui.core.enums import Stage
    from infoint_tui.core.pipeline import PipelineSummary
    from infoint_tui.tui.formatting import summary_text

    counts = dict.fromkeys(Stage, 3) | {Stage.KEEPING_IN_TOUCH: 12}
    for width in range(30, 90):
        text = summary_text(PipelineSummary(counts, interviews_this_week=6, overdue=1), width)
        lines = text.plain.split("\n")
        assert all(len(line) <= width for line in lines), (width, lines)
        for line in lines:
            assert not line.startswith(("·", "│", "overdue", "in touch", "talks", "this week")), (
                width,
                lines,
            )
            assert not line[-1:].isdigit(), (width, lines)
        assert " ".join(lines).replace(" │ ", " ").count("overdue") == 1


def test_what_a_filter_matches_leads_the_summary_within_the_width() -> None:
    """Found on a 50,000-contact workbook: the match count was put before a summary already
    broken to the width, so its first line ran over and the terminal broke it again."""
    from infoint_tui.core.enums import Stage
    from infoint_tui.core.pipeline import PipelineSummary
    from infoint_tui.tui.formatting import summary_text

    counts = dict.fromkeys(Stage, 7_000) | {Stage.PROSPECT: 11_407}
    lead = "1,687 of 50,000 match “okaf”"
    for width in (78, 118):
        lines = summary_text(PipelineSummary(counts, 6_713, 21_472), width, lead).plain.split("\n")
        assert lines[0].startswith(lead + " │ 53,407 contacts") or lines[0] == lead + " │"
        assert all(len(line) <= width for line in lines), (width, lines)
