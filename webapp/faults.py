"""Planted faults for a bug hunt: small, realistic defects a test suite should catch.

``FAULTS`` is the catalogue, one entry per fault; the trainer's panel (找茬), the JSON API's
schema (``/api/faults``), docs/bug-hunt.md and the grader (``python -m webapp.grade``) are
made from it. Each fault is a switch read where the defect would be, in the real code path:

- a fault in the article's rules or the money model goes through the injected
  ``Policy`` (``"rules-1" in policy.faults``), so the domain stays plain Python;
- a fault in what a page draws or a view answers reads ``fault("flow-1")`` (a template
  global, and the same function in Python).

Which are on: the server's ``WEILIDAI_FAULTS`` (ids separated by commas, or ``all``), which
the grader uses, and the session's own (``POST /api/faults``, the panel's 找茬), kept in the
session cookie like the difficulty knobs, so a new scenario or a reset keeps them. With none
on, ``active()`` is one look-up and answers the shared empty set: a page pays nothing more.

A page never says that a fault is on; ``GET /api/faults`` and ``GET /api/account`` do.

Each fault names the ``screens`` it can be seen on (as the views name them with ``show``;
``api`` for the JSON API, ``stage`` for the trainer's stage and its panel). With SCREEN_LOG
set, every request appends to that file the screen it showed and the faults whose switch it
read (``log_screen``), so the grader knows which faults a suite never reaches: one on no screen
it showed, or whose switch no request read, cannot change what the suite sees.
"""

import hashlib
import time
from dataclasses import dataclass

from flask import current_app, g, has_request_context, request, session

from webapp.i18n import N_

SESSION_KEY = "faults"
ALL = "all"
NONE = frozenset()

# What each area's faults break: the article's rules, the money, the flow between screens,
# the UI contract (test ids, names, layout, language) and security.
AREAS = ("rules", "money", "flow", "ui", "security")


@dataclass(frozen=True)
class Fault:
    """``breaks``: the rule (DESIGN.md's R-ids) or the contract it breaks; ``hint``: where to
    look, without saying what is wrong; both msgids where they have words (the panel and the
    API show them in the page's language, ``translated``). ``description``: what is wrong, for
    after the hunt (the grader's ``--reveal``), never on a page."""

    id: str
    area: str
    breaks: str
    hint: str
    description: str
    screens: tuple


# Where the account's state shows, and what a fault of the rules or the money changes: the
# scenarios themselves are made by the rules (a scenario that moves its clock moves it through
# them), and a running tour or practice chooses its way by them (webapp/journey/route.py), so
# such a fault may be seen on every screen of the phone, in the API and on the stage.
ACCOUNT = ("wechat-home", "contacts", "discover", "me", "services", "weilidai-home", "borrow",
           "borrow-confirm", "borrow-unavailable", "borrowed", "repay", "repay-confirm",
           "repaid", "records", "settings", "repayment-settings", "management",
           "close-confirm", "close-password", "closed", "faq", "tours", "tour-start",
           "tour-done", "practice", "practice-start", "practice-done", "practice-results",
           "api", "stage")
# Where a bank card is named (webapp/messages.py, card_name), the events' lines included.
CARDS = ("weilidai-home", "borrow", "borrow-confirm", "borrowed", "repay", "repay-confirm",
         "repaid", "records", "repayment-settings", "stage")


FAULTS = {fault.id: fault for fault in (
    Fault("rules-1", "rules", "R6", N_("关闭微粒贷之前要满足的条件"),
          "Closing checks only what is overdue instead of everything owed: an account with "
          "a loan being repaid, nothing overdue yet, is shown the three precautions instead "
          "of the refusal, and closes.", ACCOUNT),
    Fault("rules-2", "rules", "R8", N_("关闭之后的借款记录"),
          "Closing deletes the loans: 借款记录 is empty after closing, and the API lists no "
          "loans.", ACCOUNT),
    Fault("rules-3", "rules", "R10, R11", N_("关掉自动还款以后的还款日"),
          "The due date's deduction ignores the 自动还款 switch: with it off, the installment "
          "is still taken from the card instead of waiting to be repaid by hand.", ACCOUNT),
    Fault("rules-4", "rules", "R2", N_("长期不用的账户哪一天被冻结"),
          "Inactivity freezes the account a day early, after 179 idle days instead of 180: "
          "the dormant scenario is frozen already.", ACCOUNT),
    Fault("rules-5", "rules", "R3", N_("逾期多少天会被系统关闭"),
          "The system closes the account when an installment is 89 days overdue instead of "
          "more than 90.", ACCOUNT),
    Fault("rules-6", "rules", "R9", N_("借钱页面上预先选好的选项"),
          "自动还款 is not ticked when the borrowing form opens, so a user who taps straight "
          "through borrows with auto-repay off.", ("borrow",)),
    Fault("money-1", "money", N_("金额一致"), N_("还款页面上的金额"),
          "还款's 今天全部还清 total is a fen more than what 全部还清 then takes (the interest "
          "to today rounded up instead of down).", ("repay",)),
    Fault("money-2", "money", "R10", N_("还款日那天银行卡的余额"),
          "On a due date with auto-repay on, the installment is taken from the card twice "
          "and booked once.", ACCOUNT),
    Fault("money-3", "money", N_("金额一致"), N_("还款成功页面"),
          "The page after a repayment shows what is still owed instead of what was repaid.", ("repaid",)),
    Fault("flow-1", "flow", "R5", N_("微粒贷首页的右上角"),
          "The gear (设置) leads to 常见问题 instead of 设置.", ("weilidai-home",)),
    Fault("flow-2", "flow", "R5", N_("微粒贷管理页面的布局"),
          "关闭微粒贷 is drawn at the top of 微粒贷管理, above the account, instead of at the "
          "bottom.", ("management", "close-confirm")),
    Fault("flow-3", "flow", "R7", N_("关闭之后按返回键"),
          "微粒贷管理 and its confirmation are sent cacheable (Cache-Control: max-age) "
          "instead of no-store, so Back after closing shows the account as 正常 from the "
          "browser's cache.", ("management", "close-confirm")),
    Fault("ui-1", "ui", "data-testid", N_("已经公布的测试标识"),
          "The Weilidai home's test id available (and available-value) is renamed "
          "available-credit.", ("weilidai-home",)),
    Fault("ui-2", "ui", N_("无障碍名称"), N_("只有图标的按钮"),
          "The gear has lost its aria-label: the link has no accessible name, so a screen "
          "reader (and get_by_role('link', name='设置')) cannot find it.", ("weilidai-home",)),
    Fault("ui-3", "ui", N_("布局稳定"), N_("微粒贷管理页面打开后的一两秒"),
          "A notice unfolds a second after 微粒贷管理 is drawn, above 关闭微粒贷, moving it "
          "down under the user's finger.", ("management", "close-confirm")),
    Fault("ui-4", "ui", N_("英文界面"), N_("英文界面上的每一个字"),
          "Bank cards are named as stored, in Chinese (招商银行), on the English screens.", CARDS),
    Fault("security-1", "security", "CSRF", N_("改变状态的表单"),
          "The 自动还款 switch's form no longer checks its CSRF token: a POST without one "
          "(from another site) turns auto-repay off.", ("repayment-settings", "error-400")),
)}


class UnknownFault(ValueError):
    """A fault id that is not in the catalogue."""


def parse(text):
    """The faults a setting names: ids separated by commas, or ``all``; UnknownFault for an
    id the catalogue does not have."""
    names = {name.strip() for name in (text or "").split(",") if name.strip()}
    if ALL in names:
        return frozenset(FAULTS)
    unknown = sorted(names - set(FAULTS))
    if unknown:
        raise UnknownFault(", ".join(unknown))
    return frozenset(names)


def server_wide():
    return current_app.config["FAULTS"]


def in_session():
    """The session's own faults (the ids stored that the catalogue still has)."""
    return frozenset(session.get(SESSION_KEY, ())).intersection(FAULTS)


def save(chosen):
    """The session's faults from now on: ``chosen`` (ids of the catalogue), none at all
    leaving no key in the session."""
    if chosen:
        session[SESSION_KEY] = sorted(chosen)
    else:
        session.pop(SESSION_KEY, None)
    g.pop("faults", None)  # worked out again for the rest of this request


class Consulted(frozenset):
    """The faults on, as a set that notes each fault asked about (with SCREEN_LOG): where a
    switch is read, its defect could be."""

    def __contains__(self, fault_id):
        g.setdefault("consulted", set()).add(fault_id)
        return frozenset.__contains__(self, fault_id)


def active():
    """The faults on for this request: the server's and the session's, worked out once."""
    if not has_request_context():
        return server_wide()
    found = g.get("faults")
    if found is None:
        found = server_wide()
        if SESSION_KEY in session:
            found = found | in_session()
        if current_app.config["SCREEN_LOG"]:
            found = Consulted(found)
        g.faults = found
    return found


def fault(fault_id):
    """Whether the fault ``fault_id`` is on: where an interface fault would be."""
    return fault_id in active()


def log_screen(response):
    """After a request, with SCREEN_LOG set: append to that file, a line each with the time,
    the screen it showed (the one a view showed; ``api`` or ``stage`` for the JSON API and
    the stage's pages and actions; redirects and static files show none) or ``fault:<id>``
    for each fault whose switch it read, and a digest of its session (which tests share
    one)."""
    screen = g.get("screen")
    if screen is None and request.blueprint in ("api", "stage", "panel") and (
            response.status_code < 300 or response.status_code >= 400):
        screen = request.blueprint if request.blueprint == "api" else "stage"
    seen = ([screen] if screen else []) + [f"fault:{fault_id}"
                                          for fault_id in sorted(g.get("consulted", ()))]
    if seen:
        stamp = f"{time.time():.3f}"
        who = hashlib.sha256(str(session.get("sid")).encode()).hexdigest()[:12]
        with open(current_app.config["SCREEN_LOG"], "a", encoding="utf-8") as log:
            log.write("".join(f"{stamp} {item} {who}\n" for item in seen))
    return response


def init_app(app):
    app.add_template_global(fault)
