"""The exercises of /practice, as data: one per guided tour, without the rings.

Each names the scenario it starts from and the page it opens on, states its goal in the
article's words, and says when it is done as a condition on the account and its events
(``reached``), not on the pages seen: any correct way counts, and the condition is the
article's rule itself (closed by the user with nothing owed, R6), so a planted fault that
lets a trainee close with debt scores nothing. ``dead_end`` says when the goal can no longer
be reached from where the account is (the attempt is failed then). ``route`` is every way
there the 提示 button knows, as branches (webapp/journey/route.py): the tour's own steps
(its 知道了 steps left out: practice has no hint bubbles to read), and for closing with debt
the shorter way too, repaying first; the shortest branch is the shortest route.
"""

from dataclasses import dataclass
from typing import Callable

from webapp.i18n import lazy_gettext as _l
from webapp.journey.route import Route, Step
from webapp.tours import TOURS
from webapp.tours.paths import CLOSE_FROM_WEILIDAI, REPAY_ALL, REPAY_FROM_HOME


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    goal: str  # what to do, in the article's words
    tour: str  # the guided tour it practises: its summary and what it teaches
    scenario: str
    route: Route  # the ways to the goal, the shortest among them
    # (account, the account's revision when the attempt began) -> the goal holds
    reached: Callable
    # account -> why the goal can no longer be reached (a code), or None
    dead_end: Callable

    @property
    def start(self):
        """The path the attempt opens on."""
        return self.route.start

    @property
    def shortest(self):
        """How many steps the shortest route takes."""
        return self.route.shortest


def closed_by_user(account, since):
    # R6: closed, and nothing owed: the rule, not merely the status it leads to.
    return account.is_closed and account.closed_by == "user" and account.outstanding() == 0


def auto_repay_off(account, since):
    # Closing turns auto-repay off too, but that is not how to turn it off.
    return not account.auto_repay and account.is_open


def repaid_while_frozen(account, since):
    return account.is_frozen and any(
        event.kind == "repaid" and event.id >= since for event in account.events)


def locked_or_closed(account):
    """A payment password locked after three wrong tries (only the trainer can lift it) or
    an account closed (by the trainee or by the system) ends what needs it open."""
    if account.password_locked:
        return "password_locked"
    if not account.is_open:
        return account.status
    return None


def locked_or_closed_by_system(account):
    if account.password_locked:
        return "password_locked"
    if account.is_force_closed:
        return account.status
    if account.is_closed and account.outstanding():
        return "closed"  # closed with debt: only a fault lets it, and the rule is broken
    return None


def closed(account):
    return None if account.is_open else account.status


# 二.1 (1), 二.2: a frozen account can still be repaid; the banner says why it froze.
WHY_FROZEN = Route("why-frozen", "/weilidai", (
    (Step("weilidai-home", "repay",
          _l("微粒贷被冻结了：长时间未使用，账户被系统自动冻结。冻结后不能借钱，还款和关闭仍然可以。"
             "点击“还款”")),) + REPAY_ALL,
), ends_on="repaid")


def tour_route(tour_id, *more):
    """The tour's own steps without its 知道了 steps, and ``more`` branches beside them."""
    tour = TOURS[tour_id]
    return Route(tour.id, tour.start, (*tour.route.without_reading().branches, *more),
                 tour.ends_on)


EXERCISES = {exercise.id: exercise for exercise in (
    Exercise(
        id="close-weilidai", title=_l("关闭微粒贷"),
        goal=_l("从微信首页出发，进入微粒贷页面，关闭微粒贷。"),
        tour="close-weilidai", scenario="fresh", route=tour_route("close-weilidai"),
        reached=closed_by_user, dead_end=locked_or_closed_by_system,
    ),
    Exercise(
        id="auto-repay-off", title=_l("关闭自动还款"),
        goal=_l("关闭自动还款：以后到期不再自动扣款，要自己手动还款。"),
        tour="auto-repay-off", scenario="repaying", route=tour_route("auto-repay-off"),
        reached=auto_repay_off, dead_end=closed,
    ),
    Exercise(
        id="close-with-debt", title=_l("有借款时关闭微粒贷"),
        goal=_l("还有借款没还清，也要关闭微粒贷：关闭前请保证已还清所有借款。"),
        tour="close-with-debt", scenario="repaying",
        # Repaying first, from 微粒贷's home, never meets the refusal: the shortest way.
        route=tour_route("close-with-debt", REPAY_FROM_HOME + CLOSE_FROM_WEILIDAI),
        reached=closed_by_user, dead_end=locked_or_closed_by_system,
    ),
    Exercise(
        id="why-frozen", title=_l("微粒贷为什么被冻结"),
        goal=_l("微粒贷被冻结了：找到冻结的原因，再试试冻结后还能做什么：自己还一次款。"),
        tour="why-frozen", scenario="frozen-owing", route=WHY_FROZEN,
        reached=repaid_while_frozen, dead_end=locked_or_closed,
    ),
)}
