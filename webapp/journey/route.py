"""What a journey follows: a route, as data.

A route starts on one page and reaches its end by one of its **branches**: each a sequence
of steps, each step on one screen (the ``data-testid="screen-…"`` of a page's <main>, the
name its view gives it), pointing at one element by its ``data-testid`` and saying what to do
in the article's words. A step is done:

- by a tap (the default): the page the tap leads to is shown, which is the next step's
  screen, or the route's ``ends_on`` after its last step;
- ``until`` a named condition holds for the account (the panel's +1 天 freezes a dormant
  account: the page comes back the same, only the account has changed);
- ``read``: by the hint's own 知道了 button (an answer in 常见问题, a banner).

A step may say when its element is drawn at all (``shown``, a named condition): 去还款 is on
the refusal, 确认关闭 on the precautions, never both. A branch whose next element is not
on its screen for the account as it is cannot be followed from here; a guided tour whose
only branch cannot is stuck, and says so.

A guided tour has one branch (the one its rings follow); an exercise may have several
(close with debt: repay first, or try closing and meet the refusal). The shortest route is
the shortest branch. Plain data and checks, no Flask.
"""

from dataclasses import dataclass


def _owing(account, policy):
    return account.closing_debt(policy) > 0


# What an ``until`` step waits for, and what a ``shown`` step's element needs, by name:
# questions asked of the account (and the policy, which carries the planted faults).
CONDITIONS = {
    "frozen": lambda account, policy: account.is_frozen,
    "auto-repay-off": lambda account, policy: not account.auto_repay,
    "open": lambda account, policy: account.is_open,
    "not-closed": lambda account, policy: not account.is_closed,
    "owing": lambda account, policy: account.is_open and _owing(account, policy),
    "can-close": lambda account, policy: account.can_close(policy),
    "unpaid": lambda account, policy: bool(account.unpaid_installments()),
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
    shown: str | None = None  # the condition under which the element is drawn; None: always

    @property
    def in_panel(self):
        """The element is in the trainer's control panel, beside the phone."""
        return self.target.startswith("panel-")

    @property
    def is_tap(self):
        return not (self.read or self.until)

    def drawn_for(self, account, policy):
        """Whether the step's element is on its screen for ``account`` as it is."""
        return self.shown is None or CONDITIONS[self.shown](account, policy)


@dataclass(frozen=True)
class Route:
    id: str
    start: str  # the path it opens on
    branches: tuple  # of tuples of Step
    ends_on: str | None = None  # the screen the last step's tap leads to

    def __post_init__(self):
        if not self.branches or not all(self.branches):
            raise ValueError(f"route {self.id}: a branch with no steps")
        for branch_index, branch in enumerate(self.branches):
            for number, step in enumerate(branch, 1):
                where = f"route {self.id}, branch {branch_index + 1}, step {number}"
                for name in (step.until, step.shown):
                    if name is not None and name not in CONDITIONS:
                        raise ValueError(f"{where}: unknown condition {name!r}")
                if not step.is_tap:
                    continue
                leads_to = self.leads_to(branch_index, number - 1)
                if leads_to is None:
                    raise ValueError(f"route {self.id}: the last step is a tap, so it needs "
                                     "ends_on")
                if leads_to == step.screen:
                    raise ValueError(f"{where}: a tap must lead to another screen "
                                     f"({step.screen}); use until= or read=True")

    def leads_to(self, branch, index):
        """The screen that shows step ``index`` of ``branch`` was done by a tap."""
        steps = self.branches[branch]
        return steps[index + 1].screen if index + 1 < len(steps) else self.ends_on

    @property
    def shortest(self):
        """How many steps the shortest branch takes."""
        return min(len(branch) for branch in self.branches)

    @property
    def shortest_branch(self):
        return min(self.branches, key=len)

    @property
    def screens(self):
        """Every screen on a way to the end: a page of any other is off the route."""
        return frozenset(step.screen for branch in self.branches for step in branch) | (
            frozenset({self.ends_on}) if self.ends_on else frozenset())

    def without_reading(self):
        """The steps a trainee must take: 知道了 steps are a guide's, not the task's."""
        return Route(self.id, self.start,
                     tuple(tuple(step for step in branch if not step.read)
                           for branch in self.branches), self.ends_on)
