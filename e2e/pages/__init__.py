"""Page objects: one class per screen, methods for what a user does there.

Locators are by role and accessible name first, test ids second. Each action that leads to
another screen returns that screen's page object, so a test reads like the user's path:

    WeChatHome(page).open().tab_me().open_services().open_weilidai().open_settings()

Every navigation waits for its screen through the difficulty knobs' 加载中 and 系统繁忙
pages (``Screen.expect_shown``). Seeding: ``seed(page, "repaying")``; knobs:
``set_knobs(page, spinner=True)``; the account as JSON: ``account(page)``. A guided tour:
``TourStartPage(page, "close-weilidai").open().start()`` returns its ``TourGuide``; a practice:
``PracticeStartPage(page, "close-weilidai").open().start()`` its ``PracticeBar``; a class:
``NewClassPage(page).open().open_class("社区课堂")`` its ``ClassDashboard``.
"""

from e2e.pages.base import (
    ErrorPage, LoadingPage, Screen, SystemBusyPage, account, knobs, seed, set_knobs,
)
from e2e.pages.classes import (
    ClassDashboard, ClassEndedPage, ClassEndPage, ClassJoinedPage, ClassProjectorPage,
    ClassUnknownPage, JoinByCodePage, JoinPage, NewClassPage, TrainerOnlyPage,
)
from e2e.pages.panel import ControlPanel, Stage
from e2e.pages.practice import (
    PracticeBar, PracticeDonePage, PracticeListPage, PracticeResultsPage, PracticeStartPage,
)
from e2e.pages.scenarios import ScenarioStartPage, ScenariosPage
from e2e.pages.settings import (
    CloseConfirmation, ClosedPage, ClosePasswordPage, FaqPage, ManagementPage,
    RepaymentSettingsPage, SettingsPage,
)
from e2e.pages.tours import (
    TourDonePage, TourGuide, TourGuidePage, TourGuidesPage, ToursPage, TourStartPage,
)
from e2e.pages.wechat import (
    ContactsPage, DiscoverPage, MePage, MeSettingsPage, ServicesPage, WeChatHome,
)
from e2e.pages.weilidai import (
    BorrowConfirmPage, BorrowPage, BorrowResultPage, BorrowUnavailablePage, RecordsPage,
    RepayConfirmPage, RepayPage, RepayResultPage, WeilidaiHome,
)

__all__ = [
    "BorrowConfirmPage", "BorrowPage", "BorrowResultPage", "BorrowUnavailablePage",
    "ClassDashboard", "ClassEndPage", "ClassEndedPage", "ClassJoinedPage", "ClassProjectorPage",
    "ClassUnknownPage", "CloseConfirmation", "ClosedPage", "ClosePasswordPage", "ContactsPage",
    "ControlPanel", "DiscoverPage", "ErrorPage", "FaqPage", "JoinByCodePage", "JoinPage", "LoadingPage",
    "ManagementPage", "MePage", "MeSettingsPage", "NewClassPage", "PracticeBar",
    "PracticeDonePage", "PracticeListPage", "PracticeResultsPage", "PracticeStartPage",
    "RecordsPage", "RepayConfirmPage", "RepayPage", "RepayResultPage",
    "RepaymentSettingsPage", "ScenarioStartPage", "ScenariosPage", "Screen", "ServicesPage",
    "SettingsPage", "Stage", "TrainerOnlyPage",
    "SystemBusyPage", "TourDonePage", "TourGuide", "TourGuidePage", "TourGuidesPage",
    "TourStartPage", "ToursPage",
    "WeChatHome",
    "WeilidaiHome", "account", "knobs", "seed", "set_knobs",
]
