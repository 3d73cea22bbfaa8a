"""The exercises of /practice, as data: one per guided tour, without the rings.

Each names the scenario it starts from and the page it opens on, states its goal in the
article's words, and says when it is done as a condition on the account and its events
(``reached``), not on the pages seen: any correct way counts. ``dead_end`` says when the goal
can no longer be reached from where the account is (the attempt is failed then). ``route`` is
the shortest way there, the tour's own steps (its 知道了 steps left out: practice has no hint
bubbles to read), whose hints the 提示 button shows.
"""

from dataclasses import dataclass
from typing import Callable


from webapp.domain import CLOSED, FORCE_CLOSED, FROZEN
from webapp.i18n import lazy_gettext as _l
from webapp.tours import TOURS, Step, Tour
from webapp.tours.paths import DEMO_PASSWORD


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    goal: str  # what to do, in the article's words
    tour: str  # the guided tour it practises: its summary and what it teaches
    scenario: str
    start: str  # the path the attempt opens on
    route: Tour  # the shortest way to the goal
    # (account, the account's revision when the attempt began) -> the goal holds
    reached: Callable
    # account -> why the goal can no longer be reached (a code), or None
    dead_end: Callable

    @property
    def shortest(self):
        """How many steps the shortest route takes."""
        return len(self.route)

    @property
    def screens(self):
        """Every screen on the way to the goal: a page of any other is a wrong turn."""
        return {step.screen for step in self.route.steps} | {self.route.ends_on} - {None}


def without_reading(tour):
    """The tour's steps a trainee must take: its 知道了 steps are a guide's, not the task's."""
    return Tour(id=tour.id, title=tour.title, scenario=tour.scenario, start=tour.start,
                summary=tour.summary, learned=tour.learned,
                steps=tuple(step for step in tour.steps if not step.read),
                ends_on=tour.ends_on)


def closed_by_user(account, since):
    return account.status == CLOSED and account.closed_by == "user"


def auto_repay_off(account, since):
    # Closing turns auto-repay off too, but that is not how to turn it off.
    return not account.auto_repay and account.status not in (CLOSED, FORCE_CLOSED)


def repaid_while_frozen(account, since):
    return account.status == FROZEN and any(
        event.kind == "repaid" and event.id >= since for event in account.events)


def locked_or_closed(account):
    """A payment password locked after three wrong tries (only the trainer can lift it) or
    an account closed (by the trainee or by the system) ends what needs it open."""
    if account.password_locked:
        return "password_locked"
    if account.status in (CLOSED, FORCE_CLOSED):
        return account.status
    return None


def locked_or_closed_by_system(account):
    if account.password_locked:
        return "password_locked"
    return FORCE_CLOSED if account.status == FORCE_CLOSED else None


def closed(account):
    return account.status if account.status in (CLOSED, FORCE_CLOSED) else None


# 二.1 (1), 二.2: a frozen account can still be repaid; the banner says why it froze.
WHY_FROZEN_ROUTE = Tour(
    id="why-frozen",
    title=TOURS["why-frozen"].title,
    scenario="frozen-owing",
    start="/weilidai",
    summary=TOURS["why-frozen"].summary,
    learned=TOURS["why-frozen"].learned,
    steps=(
        Step("weilidai-home", "repay",
             _l("微粒贷被冻结了：长时间未使用，账户被系统自动冻结。冻结后不能借钱，还款和关闭仍然可以。"
                "点击“还款”")),
        Step("repay", "repay-all", _l("点击“全部还清”")),
        Step("repay-confirm", "repay-confirm",
             _l("确认付款银行卡，输入支付密码（演示账户是 123456），再点击“确认还款”"),
             fill=DEMO_PASSWORD),
    ),
    ends_on="repaid",
)

EXERCISES = {exercise.id: exercise for exercise in (
    Exercise(
        id="close-weilidai", title=_l("关闭微粒贷"),
        goal=_l("从微信首页出发，进入微粒贷页面，关闭微粒贷。"),
        tour="close-weilidai", scenario="fresh", start="/",
        route=without_reading(TOURS["close-weilidai"]),
        reached=closed_by_user, dead_end=locked_or_closed_by_system,
    ),
    Exercise(
        id="auto-repay-off", title=_l("关闭自动还款"),
        goal=_l("关闭自动还款：以后到期不再自动扣款，要自己手动还款。"),
        tour="auto-repay-off", scenario="repaying", start="/weilidai",
        route=without_reading(TOURS["auto-repay-off"]),
        reached=auto_repay_off, dead_end=closed,
    ),
    Exercise(
        id="close-with-debt", title=_l("有借款时关闭微粒贷"),
        goal=_l("还有借款没还清，也要关闭微粒贷：关闭前请保证已还清所有借款。"),
        tour="close-with-debt", scenario="repaying", start="/weilidai",
        route=without_reading(TOURS["close-with-debt"]),
        reached=closed_by_user, dead_end=locked_or_closed_by_system,
    ),
    Exercise(
        id="why-frozen", title=_l("微粒贷为什么被冻结"),
        goal=_l("微粒贷被冻结了：找到冻结的原因，再试试冻结后还能做什么：自己还一次款。"),
        tour="why-frozen", scenario="frozen-owing", start="/weilidai",
        route=WHY_FROZEN_ROUTE,
        reached=repaid_while_frozen, dead_end=locked_or_closed,
    ),
)}
