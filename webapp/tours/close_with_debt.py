"""Closing while a loan is outstanding: the refusal, repaying everything, then closing (R6)."""

from webapp.i18n import lazy_gettext as _l
from webapp.tours.paths import CLOSE_FROM_WEILIDAI, REPAY_ALL
from webapp.journey.route import Step
from webapp.tours.tour import Tour

TOUR = Tour(
    id="close-with-debt",
    title=_l("有借款时关闭微粒贷"),
    scenario="repaying",
    start="/weilidai",
    summary=_l("还有借款没还清时，关闭会被拒绝：先全部还清，再关闭。"),
    learned=(
        _l("关闭微粒贷前，请保证已还清所有借款；还有欠款时关闭会被拒绝，什么也不会改变。"),
        _l("在“还款”里点击“全部还清”，一次还清所有借款。"),
        _l("还清后再按“设置 → 微粒贷管理 → 关闭微粒贷”关闭，借款记录会保留。"),
    ),
    steps=CLOSE_FROM_WEILIDAI[:3] + (
        Step("close-confirm", "go-repay",
             _l("关闭被拒绝了：关闭微粒贷前，请保证已还清所有借款。点击“去还款”"), shown="owing"),
        *REPAY_ALL,
        Step("repaid", "done", _l("所有借款已还清。点击“完成”，回到微粒贷页面再去关闭")),
    ) + CLOSE_FROM_WEILIDAI,
    ends_on="closed",
)
