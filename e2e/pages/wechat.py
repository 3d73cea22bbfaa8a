"""WeChat, as far as 微粒贷: chats, 我, 服务."""

from e2e.pages.base import Screen


class WeChatHome(Screen):
    path, screen_id = "/", "wechat-home"

    def tab_me(self):
        self.page.get_by_role("navigation", name="主菜单").get_by_role("link", name="我").click()
        return MePage(self.page).expect_shown()


class MePage(Screen):
    path, screen_id = "/me", "me"

    def open_services(self):
        self.page.get_by_role("link", name="服务").click()
        return ServicesPage(self.page).expect_shown()


class ServicesPage(Screen):
    path, screen_id = "/me/services", "services"

    @property
    def weilidai_entry(self):
        return self.page.get_by_role("link", name="微粒贷借钱")

    def open_weilidai(self):
        from e2e.pages.weilidai import WeilidaiHome

        self.weilidai_entry.click()
        return WeilidaiHome(self.page).expect_shown()
