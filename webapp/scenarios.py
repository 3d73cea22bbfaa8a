"""Named starting states, as data.

A scenario is a few cards and a list of steps played through the domain itself (borrow,
move the clock, repay, spend, close), so every record it leaves is one the rules produced.
``"freeze-1"``-style day counts are relative to the configured thresholds of R2 and R3, and
so are the numbers in a description (``%(freeze_days)s``, ``%(idle_days)s``,
``%(overdue_days)s``).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app, has_app_context

from webapp.domain import DAILY_RATE_PPM, DEMO_PASSWORD, PENALTY_RATE_PPM, Account, Card, Policy
from webapp.i18n import N_, gettext
from webapp.i18n import lazy_gettext as _l

BASE_DATE = date(2026, 6, 1)
DEFAULT_LIMIT = 20_000_00


def _cards(*balances):
    # A card keeps its bank's Chinese name (the JSON API shows it); pages translate it.
    banks = [("cmb", N_("招商银行"), "8888"), ("ccb", N_("建设银行"), "6666"),
             ("icbc", N_("工商银行"), "1234")]
    return tuple((card_id, bank, last4, balance)
                 for (card_id, bank, last4), balance in zip(banks, balances))


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str  # lazy: translated where it is shown
    description: str  # a msgid naming the thresholds by placeholder: see ``describe``
    cards: tuple
    steps: tuple = ()
    opened_days_ago: int = 30
    auto_repay: bool = True
    # Simple daily interest, and the penalty rate on overdue amounts, in parts per million.
    daily_rate_ppm: int = DAILY_RATE_PPM
    penalty_rate_ppm: int = PENALTY_RATE_PPM

    def describe(self, policy):
        """What it teaches, in one sentence in the page's language, with the thresholds of
        R2 and R3 that ``policy`` sets."""
        return gettext(self.description, freeze_days=policy.inactivity_freeze_days,
                       idle_days=policy.inactivity_freeze_days - 1,
                       overdue_days=policy.force_close_overdue_days)

    @property
    def teaches(self):
        """The description under the running app's thresholds, what the pages show (outside
        an app, under the defaults)."""
        return self.describe(current_app.extensions["policy"] if has_app_context() else Policy())

    def build(self, policy):
        """A new account in this state, played through the rules under ``policy``."""
        account = Account(
            sim_date=BASE_DATE - timedelta(days=self.opened_days_ago),
            credit_limit=DEFAULT_LIMIT,
            cards=[Card(*card) for card in self.cards],
            repayment_card_id=self.cards[0][0],
            auto_repay=self.auto_repay,
            daily_rate_ppm=self.daily_rate_ppm,
            penalty_rate_ppm=self.penalty_rate_ppm,
        )
        for name, *args in self.steps:
            if name == "borrow":
                amount, term, card_id = args
                account.borrow(amount, term, card_id, account.auto_repay, DEMO_PASSWORD)
            elif name == "advance":
                _advance(account, _days(args[0], policy), policy)
            elif name == "repay_all":
                account.repay_all(args[0], DEMO_PASSWORD)
            elif name == "spend":
                card_id, balance = args
                account.card(card_id).balance = balance
            elif name == "close":
                account.close(DEMO_PASSWORD, policy)
        _advance(account, (BASE_DATE - account.sim_date).days, policy)
        account.record("scenario", reason=self.id)
        return account


SCENARIOS = {s.id: s for s in (
    Scenario(
        "fresh", _l("新开通的账户"),
        N_("没有借款、自动还款已开启：看清每个入口在哪里，也可以直接关闭微粒贷。"),
        _cards(8_000_00),
        opened_days_ago=0,
    ),
    Scenario(
        "repaying", _l("正在还款"),
        N_("一笔借款还在分期还：关闭微粒贷会被拒绝，要先把借款全部还清。"),
        _cards(8_000_00),
        steps=(("borrow", 5_000_00, 6, "cmb"), ("advance", 45)),
        opened_days_ago=45,
    ),
    Scenario(
        "overdue", _l("已逾期"),
        N_("没开自动还款又忘了还，一期已逾期：留下不良记录，逾期超过 %(overdue_days)s 天系统会关闭微粒贷。"),
        _cards(8_000_00),
        steps=(("borrow", 3_000_00, 3, "cmb"), ("advance", 41)),
        opened_days_ago=41, auto_repay=False,
    ),
    Scenario(
        "dormant", _l("长期未使用"),
        N_("已经 %(idle_days)s 天没有借款或还款：再过一天，微粒贷就会被冻结。"),
        _cards(8_000_00),
        steps=(("borrow", 1_000_00, 3, "cmb"), ("repay_all", "cmb"), ("advance", "freeze-1")),
        opened_days_ago=0,
    ),
    Scenario(
        "frozen", _l("已冻结"),
        N_("长期未使用被系统冻结：不能再借钱，但还款和关闭仍然可以。"),
        _cards(8_000_00),
        steps=(("borrow", 1_000_00, 3, "cmb"), ("repay_all", "cmb"), ("advance", "freeze+5")),
        opened_days_ago=0,
    ),
    Scenario(
        "frozen-owing", _l("冻结时还有借款"),
        N_("借款后 %(freeze_days)s 多天没有自己借款或还款，被冻结了，但借款还没还完：到期照常自动扣款，也可以手动还款；还清后才能关闭。"),
        _cards(8_000_00),
        steps=(("borrow", 6_000_00, 12, "cmb"), ("advance", "freeze+5")),
        opened_days_ago=0,
    ),
    Scenario(
        "closed", _l("已主动关闭"),
        N_("用户自己关闭了微粒贷：不能再借，也不能重新开通，但借款记录仍然可以查看。"),
        _cards(8_000_00),
        steps=(("borrow", 2_000_00, 3, "cmb"), ("advance", 31), ("repay_all", "cmb"),
               ("close",), ("advance", 10)),
        opened_days_ago=41,
    ),
    Scenario(
        "force-closed", _l("被系统关闭"),
        N_("逾期超过 %(overdue_days)s 天被系统关闭：额度收回，欠款还清之前入口还在，还清后才显示已关闭。"),
        _cards(8_000_00),
        steps=(("borrow", 4_000_00, 3, "cmb"), ("spend", "cmb", 500_00), ("advance", "force+31")),
        opened_days_ago=0, auto_repay=False,
    ),
    Scenario(
        "low-balance", _l("余额不足"),
        N_("自动还款已开启，但还款银行卡余额不够下一期：到期扣款失败，这一期就会逾期。"),
        _cards(8_000_00),
        steps=(("borrow", 6_000_00, 6, "cmb"), ("spend", "cmb", 300_00), ("advance", 20)),
        opened_days_ago=20,
    ),
    Scenario(
        "busy", _l("多笔借款"),
        N_("三笔借款分别放在两张银行卡上：看清每一笔的还款计划和状态。"),
        _cards(6_000_00, 3_000_00),
        steps=(("borrow", 3_000_00, 6, "cmb"), ("advance", 40), ("borrow", 5_000_00, 12, "ccb"),
               ("advance", 40), ("borrow", 2_000_00, 3, "cmb"), ("advance", 20)),
        opened_days_ago=100,
    ),
)}


def _days(value, policy):
    if isinstance(value, int):
        return value
    base, sign, offset = value.partition("+") if "+" in value else value.partition("-")
    threshold = {"freeze": policy.inactivity_freeze_days,
                 "force": policy.force_close_overdue_days}[base]
    return threshold + int(offset) * (1 if sign == "+" else -1)


def _advance(account, days, policy):
    """Move the clock ``days`` on, in moves the clock allows: a threshold may be longer than
    one move, and "freeze-1" under a one-day threshold is no move at all."""
    while days > 0:
        step = min(days, policy.max_advance_days)
        account.advance_days(step, policy)
        days -= step


def build(scenario_id, policy):
    """A new account in the named state; KeyError for an unknown id."""
    return SCENARIOS[scenario_id].build(policy)
