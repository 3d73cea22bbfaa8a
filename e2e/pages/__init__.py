"""Page objects: one class per screen, methods for what a user does there.

Locators are by role and accessible name first, test ids second. Each action that leads to
another screen returns that screen's page object, so a test reads like the user's path:

    WeChatHome(page).open().tab_me().open_services().open_weilidai().open_settings()
"""

from e2e.pages.base import Screen, seed
from e2e.pages.panel import ControlPanel
from e2e.pages.settings import (
    CloseConfirmation, ClosedPage, ClosePasswordPage, FaqPage, ManagementPage,
    RepaymentSettingsPage, SettingsPage,
)
from e2e.pages.wechat import MePage, ServicesPage, WeChatHome
from e2e.pages.weilidai import (
    BorrowConfirmPage, BorrowPage, BorrowResultPage, RecordsPage, RepayConfirmPage, RepayPage,
    RepayResultPage, WeilidaiHome,
)

__all__ = [
    "BorrowConfirmPage", "BorrowPage", "ControlPanel", "BorrowResultPage", "CloseConfirmation", "ClosedPage",
    "ClosePasswordPage", "FaqPage", "ManagementPage", "MePage", "RecordsPage",
    "RepayConfirmPage", "RepayPage", "RepayResultPage", "RepaymentSettingsPage", "Screen",
    "ServicesPage", "SettingsPage", "WeChatHome", "WeilidaiHome", "seed",
]
