"""Where a trainee is on a route, how they got there, and what it cost: the journey.

Plain logic, no Flask. The views tell it, for every page of the phone they show, the page's
screen and path, how the browser says it was reached (``Arrival``) and the account as it is;
for every action the app refused, that it was refused. Nothing here is learnt by drawing a
page. Guided tours and practice are its two clients: a tour follows its one branch and
counts the taps off it; a practice follows every branch of its exercise, counts steps,
wrong turns and jumps, and shows the hint of the branch the trainee is on.

How a page was reached:

- ``STAY``: the page the trainee is on, drawn again (a reload; a form sent back with its
  errors; the page after a refused action) — nothing moves;
- ``TAP``: a link or form of a page of this journey led here (the browser names the page it
  came from), or the same page came back after the account changed (a switch that saved);
- ``BACK``: a page seen before in this journey, opened again (the browser's Back);
- ``JUMP``: anything else — an address typed or a bookmark, a page of some other tab or
  site. A jump is counted like a wrong turn, and the route steps it passed over count too.

On each branch the trainee is at one step. A page of that step's screen keeps them there; the
screen the step's tap leads to moves them on; a page an earlier step was on, opened again
while the account is as it was then, moves them back to that step (Back, or 取消 in a
dialog); in a practice, a page of a later step's screen moves them on to it (any way to the
goal counts: the hint follows them). The trainee's branch is the one nearest its end whose
next element is drawn for the account as it is.
"""

from dataclasses import asdict, dataclass, field, fields

from webapp.journey.route import CONDITIONS

STAY, TAP, BACK, JUMP = "stay", "tap", "back", "jump"
# Marks on a page of the trainee's own route: a wrong turn (a page off the route, or an action
# the app refused there), a jump, a refusal the route meets on purpose (R6's dialog).
WRONG, JUMPED, REFUSED = "wrong", "jump", "refused"

SEEN_KEPT = 24  # pages a tap may come from: a few tabs' worth
LOG_KEPT = 30  # the pages of the trainee's route kept for the end page; a longer one, its start


@dataclass(frozen=True)
class Arrival:
    """How the browser says a page was reached: from a page of this site (``came_from``, its
    path and query, or "" when it did not say which), or typed (``came_from`` None: the
    address bar, a bookmark, a link from elsewhere)."""

    came_from: str | None

    @property
    def typed(self):
        return self.came_from is None


TYPED = Arrival(None)


@dataclass
class Journey:
    route: str  # the route's id
    account: str  # the id of the account it runs on: another account ends it
    started: float  # wall-clock seconds
    guided: bool = False  # a tour: the rings decide, nothing is skipped ahead
    at: list = field(default_factory=list)  # per branch, the index of its current step
    back: str = ""  # the page of the step the trainee is at, on their branch
    # [branch, step index, path, account revision] of each step's page reached, in order:
    # where Back may return to while the account is still as it was.
    trail: list = field(default_factory=list)
    seen: list = field(default_factory=list)  # paths shown in this journey, latest last
    here: list | None = None  # [screen, path, account revision] of the page they are on
    steps: int = 0  # pages the trainee moved to (a reload is none)
    wrong: int = 0  # pages off the route, and actions refused
    jumps: int = 0
    skipped: int = 0  # route steps that jumps passed over
    log: list = field(default_factory=list)  # [screen, [marks]] per page moved to
    arrived: float = 0.0  # when they came to the screen they are on
    # Wrong turns since the trainee last moved forward on the route: from the step they are
    # at, wherever those turns led (two pages off and back again, a password twice).
    wrong_here: int = 0
    furthest: int = 0  # the most steps of the shortest route they were ever past (a funnel)
    finished: float | None = None  # when a guided route reached its end

    @classmethod
    def start(cls, route, account, now, guided=False):
        return cls(route.id, account.id, started=now, guided=guided,
                   at=[0] * len(route.branches), back=route.start, seen=[route.start],
                   here=[None, route.start, account.revision], arrived=now)

    @classmethod
    def from_json(cls, data, route):
        """The journey a session holds on ``route``, or None when it is not one."""
        if not isinstance(data, dict) or data.get("route") != route.id:
            return None
        try:
            journey = cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
        except TypeError:
            return None
        if (not (isinstance(journey.here, list) and len(journey.here) == 3)
                or not isinstance(journey.at, list) or len(journey.at) != len(route.branches)
                or not all(isinstance(index, int) and 0 <= index <= len(branch)
                           for index, branch in zip(journey.at, route.branches))
                or not all(isinstance(kept, list) for kept in (journey.trail, journey.seen,
                                                                journey.log))):
            return None
        return journey

    def to_json(self):
        return asdict(self)

    def belongs_to(self, account):
        return account is not None and self.account == account.id

    @property
    def is_finished(self):
        return self.finished is not None


# -- where the trainee is ---------------------------------------------------------------------

def remaining(route, journey):
    """How many steps are left on the branch nearest its end."""
    return min(len(branch) - index for branch, index in zip(route.branches, journey.at))


def done_steps(route, journey):
    """How far along the shortest route the trainee is: its length less what is left."""
    return max(0, route.shortest - remaining(route, journey))


def branch_of(route, journey, account, policy):
    """The branch the trainee is on: of those not at their end, the nearest its end whose
    next element is drawn for the account as it is (ties: the first declared); when none is,
    the nearest. None when every branch is at its end."""
    open_branches = [b for b, index in enumerate(journey.at)
                     if index < len(route.branches[b])]
    if not open_branches:
        return None
    drawn = [b for b in open_branches
             if route.branches[b][journey.at[b]].drawn_for(account, policy)]
    return min(drawn or open_branches,
               key=lambda b: (len(route.branches[b]) - journey.at[b], b))


def current_step(route, journey, account, policy):
    """(branch, index, Step) the trainee is at, or None past the end of every branch."""
    branch = branch_of(route, journey, account, policy)
    if branch is None:
        return None
    index = journey.at[branch]
    return branch, index, route.branches[branch][index]


def is_stuck(arrived, wrong_here, now, after_seconds, after_wrong):
    """On one screen since ``arrived`` for ``after_seconds`` or more, or gone wrong from the
    step they are at ``after_wrong`` times (either 0: never by that rule): computed from what the journey
    counted, never from what a page drew."""
    return ((after_seconds > 0 and now - arrived >= after_seconds)
            or (after_wrong > 0 and wrong_here >= after_wrong))


# -- what the trainee does --------------------------------------------------------------------

def how(journey, path, revision, arrival):
    """How the page ``path`` was reached, while the account is at ``revision``."""
    here = journey.here
    if here is not None and here[1] == path:
        return STAY if here[2] == revision else TAP
    if arrival.came_from is not None and (arrival.came_from == ""
                                          or arrival.came_from in journey.seen):
        return TAP
    if path in journey.seen:
        return BACK
    return JUMP


def arrive(route, journey, screen, path, arrival, account, policy, now):
    """A page of ``screen`` at ``path`` is shown, reached as ``arrival`` says. Returns how it
    was reached (``STAY``, ``TAP``, ``BACK`` or ``JUMP``) and whether it is off the route: a
    page of no screen of it (a practice), or off the tour's one branch (a guided tour)."""
    revision = account.revision
    kind = how(journey, path, revision, arrival)
    _see(journey, path)
    if kind == STAY:
        journey.here[0] = screen  # the first page: the journey knew its path, not its screen
        return kind, False
    if journey.is_finished:
        return kind, False
    before = remaining(route, journey)
    moved = [_follow(route, journey, branch, screen, path, revision, now)
             for branch in range(len(route.branches))]
    if journey.guided:
        off = not any(moved)
    else:
        off = screen not in route.screens
    if screen != (journey.here or [None])[0]:
        journey.arrived = now
    journey.here = [screen, path, revision]
    journey.steps += 1
    marks = []
    if kind == JUMP:
        journey.jumps += 1
        journey.skipped += max(0, before - remaining(route, journey) - 1)
        marks.append(JUMPED)
    # A jump counts like a wrong turn already; a tour counts every page off its path.
    if off and (kind != JUMP or journey.guided):
        journey.wrong += 1
        journey.wrong_here += 1
        marks.append(WRONG)
    if len(journey.log) < LOG_KEPT:
        journey.log.append([screen, marks])
    _place(route, journey, account, policy)
    settle(route, journey, account, policy, now)
    if remaining(route, journey) < before:
        journey.wrong_here = 0  # a step forward: the wrong turns from the last one are behind
    return kind, off


def acted(journey, leads_to, route_length):
    """The trainee's last action met the goal: that tap is a step, on the way to the page it
    leads to (``leads_to``, or the page they are on), which is no longer needed; the whole
    route (``route_length``, the shortest) is behind them."""
    journey.steps += 1
    journey.furthest = max(journey.furthest, route_length)
    screen = leads_to or (journey.here or [None])[0]
    if screen is not None and len(journey.log) < LOG_KEPT:
        journey.log.append([screen, []])


def pass_through(journey, path):
    """A page that is no step (加载中, 系统繁忙) was shown at ``path``: the page it leads to
    came from it, so a tap."""
    _see(journey, path)


def refused(journey, account, mark=WRONG):
    """The app refused what the trainee sent from the page they are on (a wrong password, a
    form sent back with its errors): a wrong turn, marked on that page. The page drawn again
    after it (the account counted the try) is the same page, not a step. ``REFUSED``: a
    refusal the route meets on purpose, marked but not counted."""
    if journey.is_finished:
        return
    if mark == WRONG:
        journey.wrong += 1
        journey.wrong_here += 1
    if journey.here is not None:
        journey.here[2] = account.revision
        screen = journey.here[0]
        if journey.log and journey.log[-1][0] == screen:
            journey.log[-1][1].append(mark)
        elif screen is not None and len(journey.log) < LOG_KEPT:
            journey.log.append([screen, [mark]])


def read(route, journey, index, now):
    """知道了 on step ``index`` of a guided route: done if it is the current step and a
    ``read`` one (the same form sent twice reads once)."""
    steps = route.branches[0]
    if journey.is_finished or journey.at[0] != index or not steps[index].read:
        return False
    _advance(route, journey, 0, now)
    return True


def settle(route, journey, account, policy, now):
    """Do every ``until`` step whose condition holds for the account now."""
    for branch, steps in enumerate(route.branches):
        while (journey.at[branch] < len(steps) and steps[journey.at[branch]].until
               and CONDITIONS[steps[journey.at[branch]].until](account, policy)):
            _advance(route, journey, branch, now)
    _place(route, journey, account, policy)


# -- inside ------------------------------------------------------------------------------------

def _see(journey, path):
    if path in journey.seen:
        journey.seen.remove(path)
    journey.seen.append(path)
    del journey.seen[:-SEEN_KEPT]


def _follow(route, journey, branch, screen, path, revision, now):
    """Move one branch for a page of ``screen``; returns whether the page is on it."""
    steps = route.branches[branch]
    index = journey.at[branch]
    if index >= len(steps):
        return screen == route.ends_on or screen == steps[-1].screen
    step = steps[index]
    if screen == step.screen:
        _reach(journey, branch, index, path, revision)
        return True
    if step.is_tap and screen == route.leads_to(branch, index):
        _advance(route, journey, branch, now)
        if index + 1 < len(steps):
            _reach(journey, branch, index + 1, path, revision)
        return True
    earlier = _earlier_step_at(journey, branch, path, revision)
    if earlier is not None:
        journey.at[branch] = earlier
        journey.trail = [entry for entry in journey.trail
                         if entry[0] != branch or entry[1] <= earlier]
        return True
    if not journey.guided:
        for later in range(index + 1, len(steps)):
            if steps[later].screen == screen:
                journey.at[branch] = later
                _reach(journey, branch, later, path, revision)
                return True
    return False


def _advance(route, journey, branch, now):
    journey.at[branch] += 1
    if journey.guided and journey.at[branch] == len(route.branches[branch]):
        journey.finished = now


def _reach(journey, branch, index, path, revision):
    for entry in journey.trail:
        if entry[0] == branch and entry[1] == index:
            entry[2], entry[3] = path, revision
            return
    journey.trail.append([branch, index, path, revision])


def _earlier_step_at(journey, branch, path, revision):
    """The latest earlier step of ``branch`` whose page was ``path`` while the account was as
    it is now."""
    for seen_branch, index, seen_path, seen_revision in reversed(journey.trail):
        if (seen_branch == branch and index < journey.at[branch] and seen_path == path
                and seen_revision == revision):
            return index
    return None


def _place(route, journey, account, policy):
    """``back``: the page of the step the trainee is at, on their branch; ``furthest``: how
    far along the shortest route they have been."""
    journey.furthest = max(journey.furthest, done_steps(route, journey))
    found = current_step(route, journey, account, policy)
    if found is None:
        return
    branch, index, _ = found
    page = next((entry[2] for entry in journey.trail
                 if entry[0] == branch and entry[1] == index), None)
    if page is not None:
        journey.back = page
    elif index == 0:
        journey.back = route.start
