"""Where a trainee is in a tour, and what each page they open does to that: plain logic, no
Flask. The session keeps a ``Progress`` (as JSON); webapp/views/tours.py tells it, for every
page shown, the page's screen and path and the account's revision.

A page of:

- the current step's screen: nothing changes (a reload, a form shown again with its errors);
- the screen the current step's tap leads to: the step is done (POST/redirect/GET: the step
  "tap 确认关闭" is done when the 已关闭 page is shown);
- a page an earlier step was on, opened again while the account is as it was then (Back, or
  取消 in a dialog): the tour steps back to that step, which is no wrong tap;
- anything else: a wrong tap, and the page shows the way back to the current step.

An ``until`` step is done as soon as its condition holds for the account, a ``read`` step by
its hint's 知道了. A tour belongs to the account it was started on: a progress whose account
is not the session's any more is over.
"""

from dataclasses import asdict, dataclass, field, fields

from webapp.tours.tour import CONDITIONS


@dataclass
class Progress:
    tour: str  # the tour's id
    account: str  # the id of the account the tour runs on
    step: int = 0  # the current step's index; len(tour) once finished
    wrong: int = 0
    started: float = 0.0  # wall-clock seconds
    finished: float | None = None
    autoplay: bool = False
    back: str = ""  # the current step's page (path and query)
    # [step index, path, account revision] for the page of each step reached, in order: where
    # Back may return to, while the account is still as it was.
    trail: list = field(default_factory=list)

    @classmethod
    def start(cls, tour, account, now, autoplay=False):
        return cls(tour.id, account.id, started=now, autoplay=autoplay, back=tour.start)

    @classmethod
    def from_json(cls, data, tours):
        """The progress a session holds, or None when it is not one (or of no known tour)."""
        if not isinstance(data, dict) or data.get("tour") not in tours:
            return None
        try:
            progress = cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
        except TypeError:
            return None
        tour = tours[progress.tour]
        if (not isinstance(progress.step, int) or not 0 <= progress.step <= len(tour)
                or not isinstance(progress.trail, list)):
            return None
        return progress

    def to_json(self):
        return asdict(self)

    @property
    def key(self):
        """Which run of which tour this is: the tour's forms (退出教程, 知道了, 停止自动播放)
        carry it, so one drawn for an earlier run does nothing to this one."""
        return f"{self.tour}:{round(self.started * 1000)}"

    @property
    def is_finished(self):
        return self.finished is not None

    def belongs_to(self, account):
        return account is not None and self.account == account.id


def settle(tour, progress, account, clock):
    """Do every ``until`` step whose condition holds for the account now."""
    while (not progress.is_finished and tour.steps[progress.step].until
           and CONDITIONS[tour.steps[progress.step].until](account)):
        _advance(tour, progress, clock)


def visit(tour, progress, screen, path, revision, clock):
    """A page of ``screen`` at ``path`` is shown while the account is at ``revision``.
    Returns True when it is a wrong tap (off the tour's path). ``clock()`` is the time, asked
    only when the tour finishes (so in every function here)."""
    if progress.is_finished:
        return False
    index = progress.step
    step = tour.steps[index]
    if screen == step.screen:
        _reach(progress, path, revision)
        return False
    if not (step.read or step.until) and screen == tour.leads_to(index):
        _advance(tour, progress, clock)
        if not progress.is_finished:
            _reach(progress, path, revision)
        return False
    earlier = _earlier_step_at(progress, path, revision)
    if earlier is not None:
        progress.step = earlier
        progress.back = path
        progress.trail = [entry for entry in progress.trail if entry[0] <= earlier]
        return False
    progress.wrong += 1
    return True


def skip_to(tour, progress, screen, path, revision):
    """A page of a later step's screen, reached some other way than the tour's taps (a
    practice takes any route to its goal): the progress moves on to the first such step.
    Returns whether it did. A guided tour never calls it: off its path is a wrong tap."""
    if progress.is_finished:
        return False
    for index in range(progress.step + 1, len(tour)):
        if tour.steps[index].screen == screen:
            progress.step = index
            _reach(progress, path, revision)
            return True
    return False


def read(tour, progress, index, clock):
    """知道了 on step ``index``: done if it is the current step and a ``read`` one (the same
    form sent twice reads once)."""
    if progress.is_finished or progress.step != index or not tour.steps[index].read:
        return False
    _advance(tour, progress, clock)
    return True


def _advance(tour, progress, clock):
    progress.step += 1
    if progress.step == len(tour):
        progress.finished = clock()


def _reach(progress, path, revision):
    progress.back = path
    if progress.trail and progress.trail[-1][0] == progress.step:
        progress.trail[-1] = [progress.step, path, revision]
    else:
        progress.trail.append([progress.step, path, revision])


def _earlier_step_at(progress, path, revision):
    """The latest earlier step whose page was ``path`` while the account was as it is now."""
    for index, seen_path, seen_revision in reversed(progress.trail):
        if index < progress.step and seen_path == path and seen_revision == revision:
            return index
    return None
