"""The words for what the domain refuses, chosen at the view edge (the domain only has codes).

Each code maps to a msgid, translated into the page's language when the message is made.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from webapp.domain.money import FEN_PER_YUAN, yuan

_MESSAGES = {
    "account_frozen": _l("微粒贷已被冻结（已有 %(days)s 天未使用），暂时不能借钱；还款和关闭仍可使用"),
    "account_closed": _l("微粒贷已关闭，无法继续使用"),
    "outstanding_debt": _l("你还有 ¥%(amount)s 未还清，请先还清所有借款再关闭微粒贷"),
    # The count of tries left decides the English noun ("1 more try", "2 more tries").
    "wrong_password": lambda tries_left, **_: ngettext(
        "支付密码错误，还可以再试 %(num)s 次", "支付密码错误，还可以再试 %(num)s 次", tries_left),
    "password_locked": _l("支付密码错误次数过多，已锁定。请重置演示账户后再试"),
    "invalid_amount": _l("借款金额须为 %(step)s 元的整数倍"),
    "over_credit_limit": _l("借款金额超过可借额度 ¥%(available)s"),
    "invalid_term": _l("请选择 3、6 或 12 个月的借款期限"),
    "unknown_card": _l("找不到这张银行卡，请重新选择"),
    "unknown_installment": _l("这一期不能单独还款，请先还最早到期的一期，或选择全部还清"),
    "nothing_to_repay": _l("目前没有需要还的借款"),
    "insufficient_balance": _l("银行卡余额不足：需还 ¥%(amount)s，卡内余额 ¥%(balance)s。请换一张卡"),
    "clock_out_of_range": _l("日期只能向后调整 1 到 %(max_days)s 天"),
    "past_last_date": _l("模拟日期最晚只能调到 %(last_date)s"),
    "no_due_date": _l("没有待还的还款日"),
}

_MONEY = {"amount", "balance", "available"}


def error_message(error):
    """A DomainError in the user's words and language, its amounts in yuan."""
    details = {
        name: (yuan(value) if name in _MONEY else value)
        for name, value in error.details.items()
    }
    if "step" in details:
        details["step"] = details["step"] // FEN_PER_YUAN
    message = _MESSAGES[error.code]
    return message(**details) if callable(message) else str(message % details)
