"""Practice through the web: an exercise per tour, started from its page, followed without
rings on the real screens, with 提示 and 放弃, ended by its goal on the account (any way
counts), scored, and listed for the session alone."""

import pytest

from tests.web.conftest import form_values
from tests.web.test_i18n import chinese_in, in_english
from webapp.practice import EXERCISES
from webapp.tours import TOURS
from webapp.views import practice as practice_view

CLOSE_ROUTE = ["/me", "/me/services", "/weilidai", "/weilidai/settings", "/weilidai/manage",
               "/weilidai/manage/close", "/weilidai/manage/close/password"]


def start(weilidai, exercise_id):
    """Open the exercise's page and tap 开始练习: the first page of the exercise."""
    return weilidai.submit(f"/practice/{exercise_id}", "start-practice", follow=True)


def close_with_password(weilidai, password="123456"):
    return weilidai.submit("/weilidai/manage/close/password", "close-submit",
                           {"password": password}, follow=True)


def done(weilidai):
    page = weilidai.get("/practice/done")
    assert page.screen == "practice-done", page.path
    return page, {name: page.testid(f"practice-{name}").text
                  for name in ("score", "steps", "shortest", "wrong", "hints")}


def test_there_is_an_exercise_for_every_tour_on_the_practice_page(weilidai):
    page = weilidai.get("/practice")
    assert {exercise.tour for exercise in EXERCISES.values()} == set(TOURS)
    for exercise_id in EXERCISES:
        assert page.has(f"exercise-{exercise_id}")


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_an_exercise_starts_its_scenario_on_its_first_page_with_its_goal_and_no_ring(
        weilidai, exercise_id):
    exercise = EXERCISES[exercise_id]
    page = start(weilidai, exercise_id)
    assert page.path == exercise.start.split("?")[0]
    assert page.testid("practice-goal").text == str(exercise.goal)
    assert not [el for el in page.root.find_all() if "is-tour-target" in el.classes()]
    assert not page.has("tour-hint") and not page.has("tour-bar")
    assert weilidai.account()["events"][-1]["reason"] == exercise.scenario


def test_the_tours_route_without_help_completes_with_full_marks(weilidai):
    start(weilidai, "close-weilidai")
    for path in CLOSE_ROUTE:
        assert weilidai.get(path).has("practice-bar")
    page = close_with_password(weilidai)
    assert page.screen == "closed"
    assert page.testid("practice-finished").text.startswith("完成")
    _, figures = done(weilidai)
    assert figures == {"score": "100", "steps": "8", "shortest": "8", "wrong": "0",
                       "hints": "0"}
    # The bar is gone once it ended.
    assert not weilidai.get("/weilidai").has("practice-bar")


def test_wrong_turns_a_refusal_and_a_hint_cost_what_the_formula_says(weilidai):
    start(weilidai, "close-weilidai")
    weilidai.get("/me")
    weilidai.get("/me/settings")  # off every route: a wrong turn
    for path in CLOSE_ROUTE[0:]:
        page = weilidai.get(path)
    page = weilidai.submit(page, "practice-hint-button", follow=True)
    assert page.testid("practice-hint-text").text == str(TOURS["close-weilidai"].steps[-1].hint)
    close_with_password(weilidai, "654321")  # refused: a wrong turn, and the page again
    close_with_password(weilidai)
    page, figures = done(weilidai)
    # 11 steps (3 more than 8), 2 wrong turns, 1 hint: 100 - 15 - 20 - 15.
    assert figures == {"score": "50", "steps": "11", "shortest": "8", "wrong": "2",
                       "hints": "1"}
    route = page.testid("practice-route")
    assert [li.text for li in route.find_all("li")][:3] == ["我", "设置 走错", "我"]
    shortest = page.testid("practice-shortest-route").find_all("li")
    assert [li.text for li in shortest] == [str(step.hint) for step in
                                           TOURS["close-weilidai"].steps]


def test_a_form_sent_back_with_its_errors_is_a_wrong_turn(weilidai):
    start(weilidai, "close-weilidai")
    page = weilidai.submit("/weilidai/manage/close/password", "close-submit",
                           {"password": "12"})
    assert page.status == 422
    weilidai.submit("/weilidai", "practice-give-up", follow=True)
    assert done(weilidai)[1]["wrong"] == "1"


def test_the_hint_follows_the_trainee_and_shows_the_way_back_from_elsewhere(weilidai):
    start(weilidai, "close-weilidai")
    weilidai.get("/weilidai")  # straight there by its address: any way counts
    page = weilidai.get("/weilidai/records")
    page = weilidai.submit(page, "practice-hint-button", follow=True)
    assert page.path == "/weilidai/records"
    assert page.testid("practice-hint-text").text == str(TOURS["close-weilidai"].steps[3].hint)
    assert page.testid("practice-hint-back").attrs["href"] == "/weilidai"


def test_the_bar_offers_the_hint_after_the_configured_wrong_turns(make_weilidai):
    weilidai = make_weilidai(PRACTICE_HINT_AFTER_WRONG=2)
    start(weilidai, "close-weilidai")
    assert not weilidai.get("/contacts").has("practice-hint-offer")
    page = weilidai.get("/discover")
    assert page.has("practice-hint-offer")
    page = weilidai.submit(page, "practice-hint-button", follow=True)
    assert page.has("practice-hint") and not page.has("practice-hint-offer")


def test_hint_and_give_up_sent_twice_act_once(weilidai):
    page = start(weilidai, "close-weilidai")
    form = page.form("practice-hint-button")
    values = form_values(form)
    weilidai.client.post("/practice/hint", data=values)
    weilidai.client.post("/practice/hint", data=values)
    weilidai.get("/me")
    weilidai.submit(weilidai.get("/me"), "practice-hint-button")
    quit_form = form_values(weilidai.get("/me").form("practice-give-up"))
    weilidai.client.post("/practice/give-up", data=quit_form)
    again = weilidai.client.post("/practice/give-up", data=quit_form)
    assert again.location == "/practice/done"  # the result, as the first one landed
    page, figures = done(weilidai)
    assert figures["hints"] == "2"
    assert page.testid("practice-result-title").text == "已放弃"
    assert len(weilidai.session()["practice_results"]) == 1


def test_a_start_sent_twice_starts_one_attempt(weilidai):
    page = weilidai.get("/practice/auto-repay-off")
    form = page.form("start-practice")
    values = form_values(form)
    first = weilidai.client.post("/practice/auto-repay-off/start", data=values)
    weilidai.get("/weilidai/settings")
    again = weilidai.client.post("/practice/auto-repay-off/start", data=values)
    assert first.location == "/weilidai" and again.location == "/weilidai/settings"
    assert weilidai.session()["practice"]["steps"] == 1
    assert "practice_results" not in weilidai.session()


def test_another_account_ends_the_attempt_as_abandoned_and_says_so(weilidai):
    start(weilidai, "close-weilidai")
    stage = weilidai.press("panel-scenario-form", {"scenario": "busy"})
    assert any("练习“关闭微粒贷”已结束" in text for text in stage.flashes("info"))
    assert not weilidai.phone().has("practice-bar")
    result, _ = done(weilidai)
    assert result.testid("practice-result-title").text == "中断：演示账户已更换"


def test_a_new_exercise_ends_the_running_one_and_a_tour(weilidai):
    weilidai.submit("/tours/close-weilidai", "start-tour", follow=True)
    start(weilidai, "close-weilidai")
    assert "tour" not in weilidai.session()
    start(weilidai, "auto-repay-off")
    kept = weilidai.session()["practice_results"]
    assert [(r["exercise"], r["outcome"], r["reason"]) for r in kept] == [
        ("close-weilidai", "abandoned", "another_exercise")]


def test_the_time_limit_fails_an_attempt(make_weilidai, monkeypatch):
    weilidai = make_weilidai(PRACTICE_TIME_LIMIT_SECONDS=60)
    start(weilidai, "auto-repay-off")
    later = practice_view.now() + 61
    monkeypatch.setattr(practice_view, "now", lambda: later)
    page = weilidai.get("/weilidai/settings")
    assert page.testid("practice-finished").text.startswith("未完成：超时")
    assert done(weilidai)[1]["score"] == "0"


def test_why_frozen_is_done_by_repaying_while_frozen(weilidai):
    start(weilidai, "why-frozen")
    weilidai.get("/weilidai/repay")
    page = weilidai.repay_all()
    assert page.screen == "repaid" and page.has("practice-finished")
    assert done(weilidai)[1]["score"] == "100"


def test_the_results_page_lists_the_sessions_attempts_newest_first_and_no_one_elses(weilidai):
    assert weilidai.get("/practice/results").has("practice-no-results")
    start(weilidai, "close-weilidai")
    weilidai.submit("/weilidai", "practice-give-up", follow=True)
    start(weilidai, "auto-repay-off")
    weilidai.submit("/weilidai/settings/repayment", "auto-repay-switch", {"auto_repay": None})
    weilidai.get("/weilidai/settings/repayment")
    page = weilidai.get("/practice/results")
    assert page.testid("practice-result-1").text.startswith("关闭自动还款")
    assert "100 分" in page.testid("practice-result-1").text
    assert "已放弃" in page.testid("practice-result-2").text
    assert weilidai.new_browser().get("/practice/results").has("practice-no-results")


def test_the_session_keeps_ten_results_and_its_cookie_stays_small(weilidai):
    for _ in range(12):
        start(weilidai, "close-weilidai")
        for _ in range(20):
            weilidai.get("/contacts")
            weilidai.get("/me/services")
    start(weilidai, "close-weilidai")
    assert len(weilidai.session()["practice_results"]) == practice_view.RESULTS_KEPT
    cookie = weilidai.client.get_cookie("session").value
    assert len(cookie) < 3000


def test_an_unknown_exercise_is_a_404_page(weilidai):
    assert weilidai.get("/practice/nope").status == 404
    page = weilidai.post_form("/practice/nope/start", {}, token_from="/scenarios/fresh")
    assert page.status == 404


def test_the_done_page_without_an_ended_attempt_leads_to_the_exercises(weilidai):
    assert weilidai.get("/practice/done").location == "/practice"
    start(weilidai, "close-weilidai")
    assert weilidai.get("/practice/done").location == "/practice"


def test_a_practice_in_english_shows_no_chinese(weilidai):
    in_english(weilidai)
    pages = [weilidai.get("/practice"), weilidai.get("/practice/close-weilidai"),
             start(weilidai, "close-weilidai"), weilidai.get("/contacts"),
             weilidai.get("/discover")]
    pages.append(weilidai.submit(pages[-1], "practice-hint-button", follow=True))
    for path in CLOSE_ROUTE:
        pages.append(weilidai.get(path))
    pages.append(close_with_password(weilidai))
    pages += [weilidai.get("/practice/done"), weilidai.get("/practice/results")]
    for page in pages:
        assert page.status == 200, page.path
        assert chinese_in(page) == [], page.path


def test_the_stages_panel_puts_the_exercises_in_its_phone_where_a_practice_counts(weilidai):
    link = weilidai.stage().testid("panel-practice")
    assert weilidai.get(link.attrs["href"]).location == "/stage"
    assert weilidai.stage().testid("stage-phone").attrs["src"] == "/practice"
    page = weilidai.in_phone("/practice/close-weilidai")
    weilidai.submit(page, "start-practice")
    for path in CLOSE_ROUTE[:3]:
        assert weilidai.in_phone(path).has("practice-bar")
    assert weilidai.session()["practice"]["steps"] == 3
    assert weilidai.stage().testid("stage-phone").attrs["src"] == "/weilidai"
