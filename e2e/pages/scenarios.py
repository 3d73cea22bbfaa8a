"""The scenario start pages: ``/scenarios`` lists them, ``/scenarios/<id>`` starts one."""

from e2e.pages.base import Screen


class ScenariosPage(Screen):
    path, screen_id = "/scenarios", "scenarios"

    def open_scenario(self, title):
        self.main.get_by_role("link", name=title).click()
        return ScenarioStartPage(self.page).expect_shown()


class ScenarioStartPage(Screen):
    """A link a trainer can share: ``ScenarioStartPage(page, "repaying").open().start()``."""

    screen_id = "scenario-start"

    def __init__(self, page, scenario_id=None):
        super().__init__(page)
        self.path = f"/scenarios/{scenario_id}"

    def start(self):
        from e2e.pages.weilidai import WeilidaiHome

        self.main.get_by_role("button", name="开始这个场景").click()
        return WeilidaiHome(self.page).expect_shown()
