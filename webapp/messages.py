"""The words for what the domain refuses, chosen at the view edge (the domain only has codes).

Each code maps to a msgid, translated into the page's language when the message is made.
"""

from datetime import date, timedelta

from flask import current_app

from webapp.domain.account import ACTIVE, CLOSED, FORCE_CLOSED, FROZEN, PASSWORD_TRIES
from webapp.domain.loans import LOAN_OVERDUE, OVERDUE, PAID_AUTO, PAID_MANUAL, SETTLED
from webapp.domain.money import FEN_PER_YUAN, yuan
from webapp.faults import fault
from webapp.i18n import N_, gettext, ngettext, pgettext, translated
from webapp.i18n import lazy_gettext as _l

_MESSAGES = {
    "account_frozen": _l("微粒贷已被冻结（已有 %(days)s 天未使用），暂时不能借钱；还款和关闭仍可使用"),
    "account_closed": _l("微粒贷已关闭，无法继续使用"),
    "outstanding_debt": _l("你还有 ¥%(amount)s 未还清，请先还清所有借款再关闭微粒贷"),
    # The count of tries left decides the English noun ("1 more try", "2 more tries").
    "wrong_password": lambda tries_left, **_: ngettext(
        "支付密码错误，还可以再试 %(num)s 次", "支付密码错误，还可以再试 %(num)s 次", tries_left),
    # A trainee's phone in a class has no panel: only when it opens again.
    "password_locked": lambda locked_on, panel=True, **_: (gettext(
        "支付密码错误次数过多，已锁定，模拟日期 %(date)s 自动解锁；也可以在控制面板中点击“解除锁定”",
        date=unlocks_on(locked_on).isoformat()) if panel else gettext(
        "支付密码错误次数过多，已锁定，模拟日期 %(date)s 自动解锁",
        date=unlocks_on(locked_on).isoformat())),
    "invalid_amount": _l("借款金额须为 %(step)s 元的整数倍"),
    "over_credit_limit": _l("借款金额超过可借额度 ¥%(available)s"),
    "invalid_term": _l("请选择 3、6 或 12 个月的借款期限"),
    "unknown_card": _l("找不到这张银行卡，请重新选择"),
    "unknown_installment": _l("这一期不能单独还款，请先还最早到期的一期，或选择全部还清"),
    "installment_paid": _l("这一期已经还清了，不用再还；没有扣款"),
    "nothing_to_repay": _l("目前没有需要还的借款"),
    "insufficient_balance": _l("银行卡余额不足：需还 ¥%(amount)s，卡内余额 ¥%(balance)s。请换一张卡"),
    "clock_out_of_range": _l("日期只能向后调整 1 到 %(max_days)s 天"),
    "past_last_date": _l("模拟日期最晚只能调到 %(last_date)s"),
    "no_due_date": _l("没有待还的还款日"),
    "amount_changed": _l("金额已变化，请重新确认：现在需还 ¥%(amount)s"),
    "plan_changed": _l("借款计划已变化（模拟日期变了），请重新确认：现在共需还 ¥%(total)s，第 1 期 %(first_due)s 到期"),
}

_MONEY = {"amount", "balance", "available", "total"}


def unlocks_on(locked_on):
    """The simulated day a payment password locked on ``locked_on`` opens again."""
    return locked_on + timedelta(days=current_app.extensions["policy"].password_lock_days)


def error_message(error, panel=True):
    """A DomainError in the user's words and language, its amounts in yuan; ``panel``:
    whether the phone it is said on has the trainer's panel to point to."""
    details = {
        name: (yuan(value) if name in _MONEY else
               value.isoformat() if isinstance(value, date) and name != "locked_on" else value)
        for name, value in error.details.items()
    }
    if "step" in details:
        details["step"] = details["step"] // FEN_PER_YUAN
    message = _MESSAGES[error.code]
    return message(panel=panel, **details) if callable(message) else str(message % details)


def clock_summary(events, account):
    """One line for a move of the clock (its events, its ``clock`` event last): how far, to
    which date, and what it did: "+30 天 → 2026-07-01：自动扣款 ¥1,015.00 · 借款 1 第 2 期逾期"."""
    days = int(events[-1].reason)
    deducted = sum(event.amount for event in events if event.kind == "auto_repaid")
    parts = []
    if deducted:
        parts.append(gettext("自动扣款 ¥%(amount)s", amount=yuan(deducted)))
    for event in events:
        if event.kind == "overdue":
            parts.append(gettext("借款 %(id)s 第 %(seq)s 期逾期", id=event.loan_id, seq=event.seq))
        elif event.kind == "frozen":
            parts.append(gettext("微粒贷被冻结"))
        elif event.kind == "force_closed":
            parts.append(gettext("微粒贷被系统关闭"))
        elif event.kind == "password_unlocked":
            parts.append(gettext("支付密码已解锁"))
    what = " · ".join(parts) if parts else gettext("没有到期的还款，账户状态不变")
    return ngettext("+%(num)s 天 → %(date)s：%(what)s", "+%(num)s 天 → %(date)s：%(what)s",
                    days, date=account.sim_date.isoformat(), what=what)


def card_name(card):
    """A card as the pages name it: 招商银行（8888）, China Merchants Bank (8888)."""
    bank = translated(card.bank)
    if bank != card.bank and fault("ui-4"):  # only where the page's language names it otherwise
        bank = card.bank
    return gettext("%(bank)s（%(last4)s）", bank=bank, last4=card.last4)


def _which(event):
    if event.seq:
        return gettext("借款 %(id)s 第 %(seq)s 期", id=event.loan_id, seq=event.seq)
    return gettext("借款 %(id)s", id=event.loan_id) if event.loan_id else ""


def _card(event, account):
    card = account.card(event.card_id) if event.card_id else None
    return card_name(card) if card else ""


def _scenario_title(scenario_id):
    from webapp.scenarios import SCENARIOS

    return SCENARIOS[scenario_id].title if scenario_id in SCENARIOS else scenario_id


_EVENTS = {
    "borrowed": lambda e, a: gettext("借款 ¥%(amount)s，转入%(card)s", amount=yuan(e.amount),
                                     card=_card(e, a)),
    "repaid": lambda e, a: (
        gettext("手动还款 ¥%(amount)s（%(which)s）", amount=yuan(e.amount), which=_which(e))
        if _which(e) else gettext("手动还款 ¥%(amount)s（全部还清）", amount=yuan(e.amount))),
    "auto_repaid": lambda e, a: gettext("自动扣款 ¥%(amount)s（%(which)s）", amount=yuan(e.amount),
                                        which=_which(e)),
    "overdue": lambda e, a: gettext(
        "%(which)s 逾期 ¥%(amount)s：%(reason)s", which=_which(e), amount=yuan(e.amount),
        reason=gettext("银行卡余额不足，自动扣款失败") if e.reason == "insufficient_balance"
        else gettext("未开启自动还款")),
    "frozen": lambda e, a: gettext("%(days)s 天没有借款或还款，微粒贷被冻结", days=e.reason),
    "force_closed": lambda e, a: gettext("逾期 %(days)s 天，微粒贷被系统关闭，欠款 ¥%(amount)s",
                                         days=e.reason, amount=yuan(e.amount)),
    "closed": lambda e, a: gettext("用户关闭了微粒贷"),
    "closed_after_repayment": lambda e, a: gettext("欠款已还清，微粒贷显示为已关闭"),
    "auto_repay_on": lambda e, a: pgettext("event", "开启自动还款"),
    "auto_repay_off": lambda e, a: pgettext("event", "关闭自动还款"),
    "repayment_card": lambda e, a: gettext("还款银行卡改为%(card)s", card=_card(e, a)),
    "wrong_password": lambda e, a: gettext("支付密码输入错误"),
    "password_locked": lambda e, a: gettext("支付密码错误 %(tries)s 次，已锁定",
                                            tries=PASSWORD_TRIES),
    "password_unlocked": lambda e, a: gettext("支付密码已解锁"),
    "clock": lambda e, a: ngettext("时间前进 %(num)s 天", "时间前进 %(num)s 天", int(e.reason)),
    "scenario": lambda e, a: pgettext("event", "开始场景：%(title)s",
                                      title=_scenario_title(e.reason)),
}


def event_text(event, account):
    """One line of the account's history, in the page's language."""
    words = _EVENTS.get(event.kind)
    return words(event, account) if words else event.kind


# -- what the records and 还款 say of an installment, a loan and the account --------------------
# Words in Python, worked out once a row rather than by a row of macros (the cost is in
# bench/RESULTS.md, 6).

def installment_status(item, today):
    """(words, the kind of its pill): 待还, 逾期 3 天, 已自动还款, …"""
    status = item.status(today)
    if status == PAID_AUTO:
        return gettext("已自动还款"), "success"
    if status == PAID_MANUAL:
        if item.went_overdue:
            return gettext("已手动还款（曾逾期）"), "success"
        return gettext("已手动还款"), "success"
    if status == OVERDUE:
        days = item.days_overdue(today)
        # R4: unpaid on its due date, it is overdue that very day: 已逾期（今天到期）, not 逾期 0 天.
        if not days:
            return gettext("已逾期（今天到期）"), "warn"
        return ngettext("逾期 %(num)s 天", "逾期 %(num)s 天", days), "warn"
    return gettext("待还"), "default"


def installment_due(item, loan, today, early=False):
    """R10, the one 应还: what an installment's due date takes, what must be on the card by
    then (its date is in the row's label); once overdue, what is owed now with the penalty.
    ``early``: where it can be repaid now, what repaying it before its due date takes (the
    interest so far), as an amount of its own."""
    due = yuan(item.amount_due(today, loan.penalty_rate_ppm))
    if item.status(today) == OVERDUE:
        return gettext("逾期应还 ¥%(amount)s（含罚息）", amount=due)
    text = gettext("应还 ¥%(amount)s", amount=due)
    payoff = item.early_payoff(today, loan.penalty_rate_ppm) if early else None
    if payoff is not None:
        text += gettext("；今天提前还 ¥%(amount)s", amount=yuan(payoff))
    return text


def loan_status(loan, today):
    """(words, the kind of its pill): 还款中, 已逾期 or 已结清."""
    status = loan.status(today)
    if status == SETTLED:
        return gettext("已结清"), "success"
    if status == LOAN_OVERDUE:
        return gettext("已逾期"), "warn"
    return gettext("还款中"), "info"


def status_text(account):
    """The account's status in a word: 正常, 已冻结, 已关闭, 已被系统关闭."""
    return translated(_STATUS_WORDS[account.status])


_STATUS_WORDS = {ACTIVE: N_("正常"), FROZEN: N_("已冻结"), CLOSED: N_("已关闭"),
                 FORCE_CLOSED: N_("已被系统关闭")}


# Each phone screen's title, by the screen id its view names it with (webapp/views/journeys.py
# ``show``): the page's <title> and nav bar, and each page of a trainee's route on the
# practice's end page. One word per screen, here, so the two never differ.
SCREEN_TITLES = {
    "wechat-home": _l("微信"), "contacts": _l("通讯录"), "discover": _l("发现"), "me": _l("我"),
    "services": _l("服务"), "me-settings": _l("设置"),
    "weilidai-home": _l("微粒贷"), "borrow": _l("借钱"), "borrow-unavailable": _l("借钱"),
    "borrow-confirm": _l("确认借款"), "borrowed": _l("借款成功"), "repay": _l("还款"),
    "repay-confirm": _l("确认还款"), "repaid": _l("还款成功"), "records": _l("借款记录"),
    "settings": _l("设置"), "repayment-settings": _l("还款设置"), "management": _l("微粒贷管理"),
    "close-confirm": _l("关闭微粒贷"), "close-password": _l("输入支付密码"),
    "closed": _l("已关闭"), "faq": _l("常见问题"), "loading": _l("加载中"),
    "system-busy": _l("系统繁忙"),
}
ERROR_TITLES = {
    400: _l("请求有误"),
    403: _l("没有权限"),
    404: _l("页面不存在"),
    405: _l("不支持的操作"),
    413: _l("提交的内容太大"),
    415: _l("不支持的内容类型"),
    503: _l("服务暂时不可用，请稍后再试"),
}
BUSY = _l("系统繁忙")


def screen_title(screen):
    """A screen's title in the page's language: ``error-404`` is its error's."""
    if screen.startswith("error-"):
        code = screen.removeprefix("error-")
        return str(ERROR_TITLES.get(int(code) if code.isdigit() else 0, BUSY))
    title = SCREEN_TITLES.get(screen)
    return str(title) if title is not None else screen


# The marks on a page of a trainee's route (webapp/journey/engine.py), as the end page, the
# dashboard and the CSV's readers see them.
ROUTE_MARKS = {"wrong": _l("走错"), "jump": _l("跳转"), "refused": _l("被拒绝")}


def route_marks(marks):
    """The marks of one page of a route, each kind once with how many (走错 ×2), as
    (words, kind) pairs."""
    found = []
    for kind, word in ROUTE_MARKS.items():
        count = marks.count(kind)
        if count:
            found.append((f"{word} ×{count}" if count > 1 else str(word), kind))
    return found
