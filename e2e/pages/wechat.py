"""WeChat, as far as 微粒贷: the tab bar (微信 · 通讯录 · 发现 · 我), 我, 服务."""

from playwright.sync_api import expect

from e2e.pages.base import Screen


class TabBar:
    """The bottom tab bar, on the screens that have one."""

    def _tab(self, name, screen):
        self.page.get_by_role("navigation", name="主菜单").get_by_role("link", name=name).click()
        return screen(self.page).expect_shown()

    def tab_chats(self):
        return self._tab("微信", WeChatHome)

    def tab_contacts(self):
        return self._tab("通讯录", ContactsPage)

    def tab_discover(self):
        return self._tab("发现", DiscoverPage)

    def tab_me(self):
        return self._tab("我", MePage)


class WeChatHome(TabBar, Screen):
    path, screen_id = "/", "wechat-home"

    @property
    def chats(self):
        return self.main.get_by_role("list", name="聊天")


class ContactsPage(TabBar, Screen):
    path, screen_id = "/contacts", "contacts"


class DiscoverPage(TabBar, Screen):
    path, screen_id = "/discover", "discover"


class MePage(TabBar, Screen):
    path, screen_id = "/me", "me"

    def open_services(self):
        self.page.get_by_role("link", name="服务").click()
        return ServicesPage(self.page).expect_shown()

    def open_settings(self):
        self.main.get_by_role("link", name="设置").click()
        return MeSettingsPage(self.page).expect_shown()


class MeSettingsPage(Screen):
    """我 → 设置: 关怀模式 (larger text and targets)."""

    path, screen_id = "/me/settings", "me-settings"

    @property
    def care_mode(self):
        return self.main.get_by_role("switch", name="关怀模式")

    def set_care_mode(self, on):
        """Flip the switch; with JavaScript it saves on change and the page comes back."""
        if self.care_mode.is_checked() != on:
            with self.page.expect_navigation():
                self.care_mode.click()
            self.expect_shown()
        expect(self.care_mode).to_be_checked(checked=on)
        return self


class ServicesPage(Screen):
    path, screen_id = "/me/services", "services"

    @property
    def weilidai_entry(self):
        return self.page.get_by_role("link", name="微粒贷借钱")

    def open_weilidai(self):
        from e2e.pages.weilidai import WeilidaiHome

        self.weilidai_entry.click()
        return WeilidaiHome(self.page).expect_shown()
