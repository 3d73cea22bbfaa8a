"""The words for what the domain refuses, chosen at the view edge (the domain only has codes)."""

from webapp.domain.money import FEN_PER_YUAN, yuan

_MESSAGES = {
    "account_frozen": "微粒贷已被冻结（已有 {days} 天未使用），暂时不能借钱；还款和关闭仍可使用",
    "account_closed": "微粒贷已关闭，无法继续使用",
    "outstanding_debt": "你还有 ¥{amount} 未还清，请先还清所有借款再关闭微粒贷",
    "wrong_password": "支付密码错误，还可以再试 {tries_left} 次",
    "password_locked": "支付密码错误次数过多，已锁定。请重置演示账户后再试",
    "invalid_amount": "借款金额须为 {step} 元的整数倍",
    "over_credit_limit": "借款金额超过可借额度 ¥{available}",
    "invalid_term": "请选择 3、6 或 12 个月的借款期限",
    "unknown_card": "找不到这张银行卡，请重新选择",
    "unknown_installment": "这一期不能单独还款，请先还最早到期的一期，或选择全部还清",
    "nothing_to_repay": "目前没有需要还的借款",
    "insufficient_balance": "银行卡余额不足：需还 ¥{amount}，卡内余额 ¥{balance}。请换一张卡",
    "clock_out_of_range": "日期只能向后调整 1 到 {max_days} 天",
    "no_due_date": "没有待还的还款日",
}

_MONEY = {"amount", "balance", "available"}


def error_message(error):
    """A DomainError in the user's words, its amounts in yuan."""
    details = {
        name: (yuan(value) if name in _MONEY else value)
        for name, value in error.details.items()
    }
    if "step" in details:
        details["step"] = details["step"] // FEN_PER_YUAN
    return _MESSAGES[error.code].format(**details)
