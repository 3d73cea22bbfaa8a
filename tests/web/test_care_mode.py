"""关怀模式 (care mode): 我 → 设置 and the panel turn it on and off for the session; every page
then carries ``<html class="care">``, which switches static/css/phone.css to its large tokens."""

import pytest


def html_classes(page):
    return page.root.find("html").classes()


def test_me_has_a_settings_cell_that_leads_to_the_care_switch(weilidai):
    me = weilidai.get("/me")
    assert me.testid("open-me-settings").attrs["href"] == "/me/settings"
    settings = weilidai.get("/me/settings")
    assert settings.screen == "me-settings"
    switch = settings.testid("care-switch")
    assert switch.attrs["role"] == "switch" and "checked" not in switch.attrs
    assert "care" not in html_classes(settings)


def test_turning_care_mode_on_is_remembered_for_the_session_and_off_again(weilidai):
    page = weilidai.submit("/me/settings", "care-form", {"care": "y"})
    assert page.status == 302 and page.location == "/me/settings"
    page = weilidai.get("/me/settings")
    assert page.flashes("success") == ["已开启关怀模式"]
    assert "checked" in page.testid("care-switch").attrs
    for path in ("/", "/weilidai", "/weilidai/manage/close", "/nowhere"):
        assert "care" in html_classes(weilidai.get(path)), path
    # Another browser is another session: not in care mode.
    assert "care" not in html_classes(weilidai.new_browser().get("/"))

    page = weilidai.submit("/me/settings", "care-form", {"care": None}, follow=True)
    assert page.flashes("success") == ["已关闭关怀模式"]
    assert "care" not in html_classes(weilidai.get("/weilidai"))


def test_the_panel_toggles_care_mode_for_the_stage_and_its_phone(weilidai):
    weilidai.in_phone("/weilidai/records")
    stage = weilidai.stage()
    assert stage.testid("panel-care").attrs["aria-pressed"] == "false"
    stage = weilidai.press("panel-care")
    assert stage.path == "/stage" and "care" in html_classes(stage)
    assert stage.testid("panel-care").attrs["aria-pressed"] == "true"
    assert "care" in html_classes(weilidai.phone())
    stage = weilidai.press("panel-care")
    assert "care" not in html_classes(stage)


@pytest.mark.parametrize("next_", ["https://evil.example/", "//evil.example", "/\\evil"])
def test_the_toggle_never_sends_the_browser_to_another_site(weilidai, next_):
    page = weilidai.post_form("/me/settings", {"care": "y", "next": next_},
                              token_from="/me/settings")
    assert page.status == 302 and page.location == "/weilidai"


def test_without_a_token_care_mode_stays_off(weilidai):
    page = weilidai.request("post", "/me/settings", data={"care": "y"})
    assert page.status == 400
    assert "care" not in html_classes(weilidai.get("/"))
