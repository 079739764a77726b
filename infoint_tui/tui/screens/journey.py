"""The journey so far: the referral network, the numbers, and what people keep saying.

Three tabs over read-only views of the service: Network (a tree of who
referred whom), Insights (figures that explain themselves, and talks per
week as a sparkline), Themes (one field's or organization's answers to the
same question side by side, and the career direction noted after each talk).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Select, Sparkline, Static, TabbedContent, TabPane, Tree

from infoint_tui.core.clock import to_zone
from infoint_tui.core.wording import plural
from infoint_tui.tui.formatting import warmth_text
from infoint_tui.tui.screens.base import WorkbookScreen
from infoint_tui.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from infoint_tui.core.service import Insights, NetworkNode, Themes


def node_label(node: NetworkNode) -> Text:
    """A contact in the tree: name, warmth, stage, and what their branch led to."""
    label = Text()
    label.append(node.name, style="bold" if node.children else "")
    label.append("  ")
    label.append_text(warmth_text(node.warmth))
    label.append(f" · {node.stage.short_label}", style="dim")
    if node.branch_interviews:
        label.append(f" · {plural(node.branch_interviews, 'talk')} from here", style="green")
    if node.in_loop:
        label.append(" · in a referral loop", style="bold yellow")
    if node.waiting:
        label.append(" · referred, not contacted yet", style="bold yellow")
    elif node.branch_waiting:
        label.append(f" · {node.branch_waiting} waiting below", style="yellow")
    return label


class JourneyScreen(WorkbookScreen):
    """Network, insights and themes across every talk."""

    AREA = "journey"  # its own area key is left out of the footer
    AUTO_FOCUS = "#network"  # the tree takes the keys the page names, not the strip of tabs

    HELP_TITLE = "Journey: where your network came from and what you have learned"
    HELP_TEXT = (
        "Network shows who referred whom, starting from the people you know directly: each branch says "
        "how many talks it led to and who is still waiting for your first message. Insights counts your "
        "pipeline and explains each figure. Themes puts side by side what different people in one field "
        "or organization said to the same question. On Network, ↑ and ↓ move from person to person, "
        "shift+← goes to who referred them, space folds or unfolds their branch, and enter opens the "
        "contact. 1, 2 and 3 open a page with its list focused; tab moves between the strip of tabs "
        "and the page. ctrl+f searches everything from any screen."
    )
    BINDINGS = [
        Binding("1", "tab('tab-network')", "Network", id="journey.network"),
        Binding("2", "tab('tab-insights')", "Insights", id="journey.insights"),
        Binding("3", "tab('tab-themes')", "Themes", id="journey.themes"),
        Binding("escape", "back", "Back", id="journey.back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="journey-tabs"):
            with TabPane("Network", id="tab-network"):
                yield Static(Text("Loading…"), id="network-summary")
                tree: Tree[int] = Tree("Everyone you know directly", id="network")
                tree.show_root = False
                tree.auto_expand = False  # enter opens the contact; space folds a branch
                yield tree
            with TabPane("Insights", id="tab-insights"):
                with VerticalScroll(id="insights"):
                    yield Static("", id="insight-figures")
                    yield Static("", id="insight-week-label")
                    yield Sparkline([], id="insight-weeks")
                    yield Static("", id="insight-ranks")
            with TabPane("Themes", id="tab-themes"):
                with Horizontal(id="theme-choice"):
                    yield Select([], prompt="a field or an organization", id="theme-select", compact=True)
                with VerticalScroll(id="themes"):
                    yield Static(Text("Choose a field or an organization above."), id="theme-body")
        yield KeysFooter()

    def workbook_ready(self) -> None:
        self.call_workbook(self._load, done=self._show)

    def _load(self):
        workbook = self.workbook
        revision = workbook.revision
        return revision, workbook.referral_tree(), workbook.insights(), workbook.theme_choices()

    def _show(self, loaded) -> None:
        revision, roots, insights, (fields, organizations) = loaded
        self.loaded_at(revision)
        self._show_network(roots)
        self._show_insights(insights)
        select = self.query_one("#theme-select", Select)
        choices = [(f"field: {f}", f"field\x00{f}") for f in fields]
        choices += [(f"organization: {o}", f"organization\x00{o}") for o in organizations]
        current = select.value
        select.set_options(choices)
        if current in {value for _, value in choices}:
            select.value = current
        elif choices:
            select.value = choices[0][1]

    # -- network ----------------------------------------------------------------------------

    def _show_network(self, roots: list[NetworkNode]) -> None:
        tree = self.query_one("#network", Tree)
        tree.clear()

        def add(parent, node: NetworkNode) -> None:
            if node.children:
                branch = parent.add(node_label(node), data=node.contact_id, expand=True)
                for child in node.children:
                    add(branch, child)
            else:
                parent.add_leaf(node_label(node), data=node.contact_id)

        for root in roots:
            add(tree.root, root)
        if roots:
            tree.cursor_line = 0
        opened = sorted((r for r in roots if r.children), key=lambda r: -r.branch_interviews)
        waiting = sum(r.branch_waiting for r in roots)
        found = sum(1 for r in roots if not r.in_loop)
        summary = Text(
            f"{plural(found, 'person', 'people')} you found yourself; "
            f"{sum(r.branch_size for r in roots) - found} came by referral. "
        )
        if opened:
            best = opened[0]
            summary.append(
                f"{best.name} opened the most doors ({plural(best.branch_size - 1, 'referral')}, "
                f"{plural(best.branch_interviews, 'talk')}). "
            )
        summary.append(
            f"{plural(waiting, 'referral')} still waiting for your first message."
            if waiting
            else "Every referral has been contacted.",
            style="yellow" if waiting else "green",
        )
        summary.append("\nenter opens a contact · space folds a branch", style="dim")
        self.query_one("#network-summary", Static).update(summary)

    @on(Tree.NodeSelected, "#network")
    def _chosen(self, event: Tree.NodeSelected) -> None:
        from infoint_tui.tui.screens.contact_detail import show_contact

        if event.node.data is not None:
            show_contact(self.app, event.node.data)

    # -- insights ---------------------------------------------------------------------------

    def _show_insights(self, insights: Insights) -> None:
        figures = Text()
        for figure in insights.figures:
            figures.append(f"{figure.label}: ", style="bold")
            figures.append(f"{figure.value}\n", style="bold cyan")
            figures.append(f"  {figure.explanation}\n\n", style="")
        self.query_one("#insight-figures", Static).update(figures)
        self.query_one("#insight-week-label", Static).update(
            Text(
                f"{insights.per_week_explanation}\nWeek by week: "
                + " ".join(str(n) for n in insights.per_week)
            )
        )
        self.query_one("#insight-weeks", Sparkline).data = insights.per_week
        ranks = Text()
        ranks.append("\nFields by talks held\n", style="bold")
        for name, count in insights.fields or [("none yet", 0)]:
            ranks.append(f"  {count:>3}  {name}\n", style="")
        ranks.append("\nOrganizations by talks held\n", style="bold")
        for name, count in insights.organizations or [("none yet", 0)]:
            ranks.append(f"  {count:>3}  {name}\n", style="")
        self.query_one("#insight-ranks", Static).update(ranks)

    # -- themes -----------------------------------------------------------------------------

    @on(Select.Changed, "#theme-select")
    def _theme_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or self.workbook is None:
            return
        kind, _, name = str(event.value).partition("\x00")
        which = {"career_field": name} if kind == "field" else {"organization": name}
        self.call_workbook(self.workbook.themes, **which, done=lambda themes: self._show_themes(themes, name))

    def _show_themes(self, themes: Themes, name: str) -> None:
        tz = self.workbook.tz
        body = Text()
        if not themes.questions:
            body.append(f"No answers noted yet in talks about {name}.")
        for question, answers in themes.questions:
            body.append(f"{question}\n", style="bold")
            body.append(f"  {plural(len(answers), 'answer')}\n", style="dim")
            for answer in answers:
                when = to_zone(answer.held_at, tz).strftime("%d %b %Y") if answer.held_at else ""
                body.append(f"  {answer.contact_name}", style="cyan")
                body.append(f" ({when}): ", style="dim")
                body.append(f"{answer.answer}\n")
            body.append("\n")
        body.append("Career direction after each talk\n", style="bold underline")
        if not themes.directions:
            body.append("  Nothing noted yet: the debrief asks for it after each talk.\n", style="dim")
        for answer in themes.directions:
            when = to_zone(answer.held_at, tz).strftime("%d %b %Y") if answer.held_at else ""
            body.append(f"  {when}  ", style="dim")
            body.append(f"{answer.contact_name}: ", style="cyan")
            body.append(f"{answer.answer}\n")
        self.query_one("#theme-body", Static).update(body)

    # -- keys -------------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#journey-tabs", TabbedContent).active = tab
        target = {"tab-network": "#network", "tab-insights": "#insights", "tab-themes": "#theme-select"}[tab]
        self.set_focus(self.query_one(target))

    def action_back(self) -> None:
        self.app.action_pipeline()
