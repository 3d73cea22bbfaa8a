"""What a guided tour is: a scenario to start from, a page to start on, and steps.

Each step is on one screen (the ``data-testid="screen-…"`` of the page's <main>), points at one
element by its ``data-testid`` and says what to do in the article's words. A step is done:

- by a tap (the default): the page the tap leads to is shown, that is the next step's screen,
  or the tour's ``ends_on`` after the last step;
- ``until`` a named condition holds for the account (the panel's +1 天 freezes a dormant
  account: the page comes back the same, only the account has changed);
- ``read``: by the hint's own 知道了 button (an answer in 常见问题, a banner).

Plain data and a few checks; the session side is webapp/views/tours.py.
"""

from dataclasses import dataclass

from webapp.domain import FROZEN

# What an ``until`` step waits for, by name.
CONDITIONS = {
    "frozen": lambda account: account.status == FROZEN,
    "auto-repay-off": lambda account: not account.auto_repay,
}


@dataclass(frozen=True)
class Step:
    screen: str
    target: str
    hint: str
    read: bool = False
    until: str | None = None
    # (test id, value) that autoplay types before it taps: the demo payment password.
    fill: tuple | None = None

    @property
    def in_panel(self):
        """The element is in the trainer's control panel, beside the phone."""
        return self.target.startswith("panel-")


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    scenario: str
    start: str  # the path the tour opens on
    summary: str  # one sentence: what the tour teaches
    learned: tuple  # the end page's "what you learned", one line each
    steps: tuple
    ends_on: str | None = None  # the screen the last step's tap leads to

    def __post_init__(self):
        if not self.steps:
            raise ValueError(f"tour {self.id}: no steps")
        for number, step in enumerate(self.steps, 1):
            if step.until is not None and step.until not in CONDITIONS:
                raise ValueError(f"tour {self.id}, step {number}: unknown condition {step.until!r}")
            if step.read or step.until:
                continue
            leads_to = self.leads_to(number - 1)
            if leads_to is None:
                raise ValueError(f"tour {self.id}: the last step is a tap, so it needs ends_on")
            if leads_to == step.screen:
                raise ValueError(f"tour {self.id}, step {number}: a tap must lead to another "
                                 f"screen ({step.screen}); use until= or read=True")

    def __len__(self):
        return len(self.steps)

    def leads_to(self, index):
        """The screen that shows step ``index`` was done by a tap."""
        return self.steps[index + 1].screen if index + 1 < len(self.steps) else self.ends_on
