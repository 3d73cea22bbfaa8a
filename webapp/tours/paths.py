"""Stretches of the path that several tours and exercises walk, in the article's words (三.1,
六.2). The demo password is the domain's own, named once (webapp/domain)."""

from webapp.domain import DEMO_PASSWORD
from webapp.i18n import lazy_gettext as _l
from webapp.journey.route import Step

TYPE_THE_PASSWORD = ("password", DEMO_PASSWORD)

# 三.1 (1): 微信，进入微粒贷页面.
WECHAT_TO_WEILIDAI = (
    Step("wechat-home", "tab-me", _l("在微信里点击下方的“我”")),
    Step("me", "open-services", _l("点击“服务”")),
    Step("services", "open-weilidai", _l("点击“微粒贷借钱”，进入微粒贷页面")),
)

OPEN_SETTINGS = Step("weilidai-home", "open-settings", _l("点击页面右上角的“设置”图标"))

# 三.1 (2)–(5) and 三.2: the gear, 微粒贷管理, 关闭微粒贷 at the bottom, the precautions,
# then the payment password (as the real product asks).
CLOSE_FROM_WEILIDAI = (
    OPEN_SETTINGS,
    Step("settings", "management",
         _l("在设置页面中，找到“微粒贷管理”选项，点击“微粒贷管理”，进入相关页面")),
    Step("management", "close-weilidai", _l("在页面下方，找到“关闭微粒贷”，点击即可"),
         shown="open"),
    Step("close-confirm", "close-confirm",
         _l("关闭前请看清注意事项：已还清所有借款；关闭后将无法再次使用该功能；借款记录将被保留。"
            "然后点击“确认关闭”"), shown="can-close"),
    Step("close-password", "close-submit",
         _l("输入 6 位支付密码（演示账户是 %(password)s），再点击“确认关闭”",
            password=DEMO_PASSWORD), fill=TYPE_THE_PASSWORD),
)

# 还款 → 全部还清 → the card and the password (R6's way to repay everything).
REPAY_ALL = (
    Step("repay", "repay-all", _l("点击“全部还清”"), shown="unpaid"),
    Step("repay-confirm", "repay-confirm",
         _l("确认付款银行卡，输入支付密码（演示账户是 %(password)s），再点击“确认还款”",
            password=DEMO_PASSWORD), fill=TYPE_THE_PASSWORD),
)

# From 微粒贷's home: repay everything, and back to the home to close.
REPAY_FROM_HOME = (
    Step("weilidai-home", "repay", _l("先还清所有借款：点击“还款”"), shown="not-closed"),
    *REPAY_ALL,
    Step("repaid", "done", _l("所有借款已还清。点击“完成”，回到微粒贷页面再去关闭")),
)
