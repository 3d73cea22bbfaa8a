"""From WeChat's first screen to 已关闭, the article's closing steps (三.1, R5–R8)."""

from webapp.i18n import lazy_gettext as _l
from webapp.tours.paths import CLOSE_FROM_WEILIDAI, WECHAT_TO_WEILIDAI
from webapp.tours.tour import Tour

TOUR = Tour(
    id="close-weilidai",
    title=_l("关闭微粒贷"),
    scenario="fresh",
    start="/",
    summary=_l("从微信首页出发，按文章里的步骤关闭微粒贷。"),
    learned=(
        _l("微粒贷在微信的“我 → 服务 → 微粒贷借钱”里。"),
        _l("关闭的路径：右上角的“设置”→“微粒贷管理”→ 页面下方的“关闭微粒贷”。"),
        _l("关闭前要还清所有借款；关闭后不能再使用，借款记录会保留。"),
    ),
    steps=WECHAT_TO_WEILIDAI + CLOSE_FROM_WEILIDAI,
    ends_on="closed",
)
