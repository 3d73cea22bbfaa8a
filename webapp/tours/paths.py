"""Stretches of the path that several tours walk, in the article's words (三.1, 六.2)."""

from webapp.i18n import lazy_gettext as _l
from webapp.tours.tour import Step

DEMO_PASSWORD = ("password", "123456")

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
    Step("management", "close-weilidai", _l("在页面下方，找到“关闭微粒贷”，点击即可")),
    Step("close-confirm", "close-confirm",
         _l("关闭前请看清注意事项：已还清所有借款；关闭后将无法再次使用该功能；借款记录将被保留。"
            "然后点击“确认关闭”")),
    Step("close-password", "close-submit",
         _l("输入 6 位支付密码（演示账户是 123456），再点击“确认关闭”"), fill=DEMO_PASSWORD),
)
