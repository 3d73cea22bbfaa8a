"""Guided tours, as the server draws them: every step's target ringed on its screen with its
hint, a tap off the path counted and shown a way back, 退出教程, the end page, autoplay's cues."""

import pytest

from tests.web.helpers import follow_the_rings, ringed, ringed_ids, start, tap
from webapp.tours import TOURS
from webapp.views import journeys

PASSWORD = "123456"


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_each_tour_is_finished_by_following_its_rings_and_hints_alone(weilidai, tour_id):
    tour = TOURS[tour_id]
    hints = follow_the_rings(weilidai, tour)
    assert hints == [str(step.hint) for step in tour.steps]
    done = weilidai.get(f"/tours/{tour_id}/done")
    assert done.screen == "tour-done"
    assert done.testid("tour-steps").text == str(len(tour))
    assert done.testid("tour-wrong").text == "0"
    assert len(done.testid("tour-learned").find_all("li")) == len(tour.learned)


def test_the_closing_tour_really_closes_weilidai_and_ends_on_the_closed_page(weilidai):
    follow_the_rings(weilidai, TOURS["close-weilidai"])
    assert weilidai.account()["status"] == "closed"


def test_the_debt_tour_meets_the_refusal_repays_and_closes(weilidai):
    tour = TOURS["close-with-debt"]
    assert [step.target for step in tour.steps][3:5] == ["go-repay", "repay-all"]
    follow_the_rings(weilidai, tour)
    account = weilidai.account()
    assert account["status"] == "closed" and account["outstanding"] == 0


def test_the_hints_are_in_the_articles_words(weilidai):
    page = start(weilidai, "close-with-debt")
    assert page.testid("tour-hint-text").text == "点击页面右上角的“设置”图标"


def test_starting_a_tour_resets_the_account_to_its_scenario(weilidai):
    weilidai.scenario("closed")
    page = start(weilidai, "close-with-debt")
    assert page.path == "/weilidai"
    account = weilidai.account()
    assert account["status"] == "active" and account["outstanding"] > 0


def test_a_tap_off_the_path_is_counted_and_shows_the_way_back(weilidai):
    start(weilidai, "close-weilidai")
    astray = weilidai.get("/contacts")
    banner = astray.testid("tour-off-path")
    assert banner is not None and banner.attrs.get("role") == "alert"
    assert "第 1/8 步" in banner.text and ringed(astray) == []
    back = astray.testid("tour-back").attrs["href"]
    assert back == "/"
    page = weilidai.get(back)
    assert ringed_ids(page) == ["tab-me"]
    # Jumping ahead by URL is off the path too: the step does not move.
    ahead = weilidai.get("/weilidai/manage")
    assert ahead.has("tour-off-path")
    assert weilidai.get("/").testid("tour-hint") is not None

    tour = TOURS["close-weilidai"]
    page = weilidai.get("/")
    for step in tour.steps:
        targets = ringed(page)
        page = tap(weilidai, page, targets[0])
    done = weilidai.get("/tours/close-weilidai/done")
    assert done.testid("tour-wrong").text == "2"


def test_a_reload_or_a_refused_form_is_no_wrong_tap(weilidai):
    start(weilidai, "close-weilidai")
    weilidai.get("/")
    page = weilidai.get("/")
    assert not page.has("tour-off-path") and page.has("tour-hint")


def test_the_back_link_returns_to_the_page_of_the_current_step_with_its_query(weilidai):
    start(weilidai, "close-with-debt")
    page = weilidai.get("/weilidai/settings", follow=True)
    for _ in range(4):
        page = tap(weilidai, page, ringed(page)[0])
    assert page.screen == "repay-confirm"
    astray = weilidai.get("/weilidai/records")
    assert astray.testid("tour-back").attrs["href"] == "/weilidai/repay/confirm?target=all"


def test_only_a_read_step_moves_on_by_its_button(weilidai):
    start(weilidai, "close-weilidai")
    weilidai.post_form("/tours/next", {"next": "/"}, token_from="/scenarios/fresh")
    page = weilidai.get("/")
    assert "第 1/8 步" in page.testid("tour-hint").text


def test_the_clock_step_is_done_when_the_account_freezes(weilidai):
    page = start(weilidai, "why-frozen")
    # The step is the trainer's clock: the bar draws it on the phone, and so rings it.
    assert page.testid("tour-bar").find(data_testid="panel-clock-1") is not None
    # On the stage, the panel's own button is ringed too, with the step's hint.
    stage = weilidai.stage()
    assert "is-tour-target" in stage.testid("panel-clock-1").classes()
    assert stage.testid("panel-tour-hint").text == str(TOURS["why-frozen"].steps[0].hint)
    page = weilidai.submit(page, "panel-clock-1", follow=True)
    assert weilidai.account()["status"] == "frozen"
    assert ringed_ids(page) == ["banner-frozen"]
    assert page.testid("tour-hint").find(data_testid="tour-next") is not None


def test_leaving_the_tour_removes_every_trace_of_it(weilidai):
    start(weilidai, "auto-repay-off")
    page = weilidai.submit("/weilidai", "tour-exit", follow=True)
    assert page.path == "/weilidai"
    assert page.flashes("info") == ["已退出教程"]
    assert not page.has("tour-bar") and ringed(page) == []
    assert not weilidai.get("/contacts").has("tour-off-path")
    assert "tour" not in weilidai.session()


def test_the_end_page_times_the_tour_and_offers_another_go(weilidai, monkeypatch):
    # The tour starts at 1000 (the first time asked); everything after it, 125 s later.
    clock = iter([1000.0])
    monkeypatch.setattr(journeys, "now", lambda: next(clock, 1125.0))
    follow_the_rings(weilidai, TOURS["auto-repay-off"])
    done = weilidai.get("/tours/auto-repay-off/done")
    assert done.testid("tour-time").text == "2 分 5 秒"
    assert not done.has("tour-finished")  # the end page does not point at itself
    again = weilidai.submit(done, "tour-restart", follow=True)
    assert again.screen == "weilidai-home"
    assert "第 1/4 步" in again.testid("tour-hint").text
    assert weilidai.account()["auto_repay"] is True


def test_the_end_page_is_only_for_a_finished_tour(weilidai):
    assert weilidai.get("/tours/why-frozen/done").location == "/tours/why-frozen"
    start(weilidai, "why-frozen")
    assert weilidai.get("/tours/why-frozen/done").location == "/tours/why-frozen"


@pytest.mark.parametrize("path", ["/tours/nope", "/tours/nope/done", "/tours/%3Cb%3E"])
def test_an_unknown_tour_is_a_404_page(weilidai, path):
    page = weilidai.get(path)
    assert page.status == 404 and page.screen == "error-404"


def test_starting_an_unknown_tour_is_a_404_and_changes_nothing(weilidai):
    weilidai.scenario("repaying")
    before = weilidai.account()
    page = weilidai.post_form("/tours/nope/start", {}, token_from="/scenarios/fresh")
    assert page.status == 404
    assert weilidai.account() == before


@pytest.mark.parametrize("state", [
    {"id": "nope", "step": 0}, {"id": "close-weilidai", "step": 99},
    {"id": "close-weilidai", "step": "1"}, "close-weilidai", None,
])
def test_a_tour_state_that_makes_no_sense_is_dropped(weilidai, state):
    weilidai.get("/")
    with weilidai.client.session_transaction() as session:
        session["tour"] = state
    page = weilidai.get("/weilidai")
    assert page.status == 200 and not page.has("tour-bar")
    assert "tour" not in weilidai.session()


def test_autoplay_names_the_next_tap_on_each_page_until_the_panel_stops_it(weilidai):
    page = start(weilidai, "close-weilidai", autoplay=True)
    bar = page.testid("tour-bar")
    assert bar.attrs["data-tour-tap"] == "tab-me"
    assert int(bar.attrs["data-tour-autoplay"]) > 0
    assert "/static/js/tour-autoplay.js" in page.assets()
    assert page.has("tour-autoplay-stop") and weilidai.stage().has("panel-autoplay-stop")

    for _ in range(7):
        page = tap(weilidai, page, ringed(page)[0])
    bar = page.testid("tour-bar")
    assert (bar.attrs["data-tour-tap"], bar.attrs["data-tour-fill"],
            bar.attrs["data-tour-fill-value"]) == ("close-submit", "password", PASSWORD)
    page = tap(weilidai, page, ringed(page)[0])
    assert page.testid("tour-bar").attrs["data-tour-tap"] == "tour-summary"
    done = weilidai.get("/tours/close-weilidai/done")
    assert done.testid("tour-bar").attrs["data-tour-tap"] == "tour-restart"
    again = weilidai.submit(done, "tour-restart", follow=True)  # it loops, still playing
    assert again.testid("tour-bar").attrs["data-tour-tap"] == "tab-me"

    stopped = weilidai.submit(again, "tour-autoplay-stop", follow=True)
    assert stopped.path == "/"
    assert "data-tour-autoplay" not in stopped.testid("tour-bar").attrs
    assert "/static/js/tour-autoplay.js" not in stopped.assets()
    assert stopped.testid("tour-hint") is not None  # the tour goes on by hand


def test_the_panel_and_the_faq_start_every_tour(weilidai):
    panel = weilidai.stage()
    faq = weilidai.get("/weilidai/faq")
    for tour_id in TOURS:
        assert panel.has(f"panel-tour-{tour_id}") and panel.has(f"panel-autoplay-{tour_id}")
        assert faq.testid(f"faq-tour-{tour_id}").attrs["href"] == f"/tours/{tour_id}"
    stage = weilidai.submit(panel, "panel-tour-why-frozen", follow=True)
    assert stage.path == "/stage" and stage.testid("stage-phone").attrs["src"] == "/weilidai"
    assert "第 1/4 步" in stage.testid("panel-tour-status").text
    page = weilidai.phone()
    assert page.screen == "weilidai-home" and page.has("tour-bar")
    assert weilidai.account()["status"] == "active"


def test_the_panel_stops_autoplay_from_the_stage(weilidai):
    start(weilidai, "close-weilidai", autoplay=True)
    stage = weilidai.press("panel-autoplay-stop")
    assert stage.flashes("info") == ["已停止自动播放"]
    assert "data-tour-autoplay" not in weilidai.get("/").testid("tour-bar").attrs


def test_the_tours_page_links_each_tours_shareable_start_page(weilidai):
    page = weilidai.get("/tours")
    for tour_id, tour in TOURS.items():
        link = page.testid(f"tour-{tour_id}")
        assert link.attrs["href"] == f"/tours/{tour_id}"
        assert str(tour.title) in link.text


def test_a_page_the_browser_fetches_for_something_else_is_no_wrong_tap(weilidai):
    start(weilidai, "close-weilidai")
    weilidai.client.get("/nowhere.png", headers={"Sec-Fetch-Dest": "image"})
    page = weilidai.get("/")
    assert not page.has("tour-off-path")
    done = weilidai.get("/tours/close-weilidai/done")  # not finished: back to its start page
    assert done.location == "/tours/close-weilidai"


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_tour_calls_itself_a_tutorial_never_practice(weilidai, tour_id):
    """Found by use: the start button said 开始练习 and the end 练习完成！查看练习结果;
    练习 is the scored practice, and a tour never appears in /practice/results."""
    pages = [weilidai.get("/tours"), weilidai.get(f"/tours/{tour_id}")]
    follow_the_rings(weilidai, TOURS[tour_id])
    pages += [weilidai.get("/weilidai"), weilidai.get(f"/tours/{tour_id}/done")]
    for page in pages:
        texts = [page.root.find("title").text] + [page.main.text]
        assert not [text for text in texts if "练习" in text], page.path
    assert "开始教程" in pages[1].testid("start-tour").text


def test_only_care_mode_offers_to_read_a_hint_aloud_and_the_script_decides_to_show_it(weilidai):
    page = start(weilidai, "close-weilidai")
    assert page.has("tour-hint") and not page.has("tour-hint-speak")
    weilidai.submit("/me/settings", "care-form", {"care": "y"})
    page = weilidai.get("/")
    speak = page.testid("tour-hint-speak")
    assert "hidden" in speak.attrs and speak.attrs["type"] == "button"
    assert speak.attrs["data-speak"] == str(TOURS["close-weilidai"].steps[0].hint)
