"""Turning auto-repayment off: 设置 → 还款设置 → 自动还款 (六.2, R11)."""

from webapp.i18n import lazy_gettext as _l
from webapp.tours.paths import OPEN_SETTINGS
from webapp.journey.route import Step
from webapp.tours.tour import Tour

TOUR = Tour(
    id="auto-repay-off",
    title=_l("关闭自动还款"),
    scenario="repaying",
    start="/weilidai",
    summary=_l("在还款设置里关闭自动还款，以后到期要自己手动还款。"),
    learned=(
        _l("自动还款的开关在“设置 → 还款设置”里。"),
        _l("关闭后，还款日不会再自动扣款，要记得在还款日前手动还款。"),
        _l("想重新开启，再打开“自动还款”开关即可。"),
    ),
    steps=(
        OPEN_SETTINGS,
        Step("settings", "repayment-settings",
             _l("在设置页面中，找到“还款设置”选项，点击“还款设置”，进入相关页面")),
        Step("repayment-settings", "auto-repay-switch", _l("关闭“自动还款”开关"),
             until="auto-repay-off"),
        Step("repayment-settings", "auto-repay-switch",
             _l("自动还款已关闭：以后的还款日不会自动扣款，请记得在还款日前手动还款。"
                "想重新开启，再打开这个开关即可。看完点击“知道了”"), read=True),
    ),
)
