"""Every state-changing form is CSRF protected: without the session's token, nothing happens."""

import pytest

# Each POST route, with the scenario and the data that would change the account if the
# token were not checked.
POSTS = {
    "/weilidai/borrow": ("fresh", {"amount": "1000", "term": "3", "card": "cmb",
                                   "auto_repay": "y"}),
    "/weilidai/borrow/confirm": ("fresh", {"amount": "1000", "term": "3", "card": "cmb",
                                           "auto_repay": "0", "password": "123456"}),
    "/weilidai/repay/confirm": ("repaying", {"target": "all", "card": "cmb",
                                             "password": "123456"}),
    "/weilidai/settings/repayment": ("fresh", {}),
    "/weilidai/settings/repayment/card": ("busy", {"card": "ccb"}),
    "/weilidai/manage/close/password": ("fresh", {"password": "123456"}),
    "/scenarios/<scenario_id>": ("fresh", {}),
    "/panel/scenario": ("fresh", {"scenario": "repaying", "next": "/weilidai"}),
    "/panel/reset": ("repaying", {"next": "/weilidai"}),
    "/panel/clock": ("fresh", {"days": "5", "next": "/weilidai"}),
    "/panel/present": ("fresh", {"next": "/weilidai"}),
    "/panel/unlock": ("fresh", {"next": "/weilidai"}),
    # The knobs are the session's, not the account's: tests/web/test_knobs.py checks them.
    "/panel/knobs": ("fresh", {"knobs-spinner": "y", "next": "/weilidai"}),
    # The planted faults too are the session's: tests/web/test_faults.py checks them.
    "/panel/faults": ("fresh", {"enable": "rules-1", "next": "/weilidai"}),
    # Guided tours and 关怀模式: starting a tour resets the account to its scenario; the
    # others change the session only (tests/web/test_tours.py, test_care_mode.py).
    "/tours/<tour_id>/start": ("repaying", {}),
    "/tours/exit": ("fresh", {"next": "/weilidai"}),
    "/tours/next": ("fresh", {"next": "/weilidai"}),
    "/tours/autoplay": ("fresh", {"next": "/weilidai"}),
    "/me/settings": ("fresh", {"care": "y"}),
    # Practice resets the account to its exercise's scenario; the classes' forms change the
    # class store, not the account (tests/web/test_classes.py).
    "/practice/<exercise_id>/start": ("repaying", {}),
    "/practice/hint": ("fresh", {"next": "/weilidai"}),
    "/practice/give-up": ("fresh", {"next": "/weilidai"}),
    "/classes/new": ("fresh", {"name": "课堂"}),
    "/classes/<code>/end": ("fresh", {}),
    "/join/<code>": ("fresh", {"name": "王阿姨"}),
}


def url(rule):
    return (rule.replace("<scenario_id>", "repaying").replace("<tour_id>", "close-weilidai")
            .replace("<exercise_id>", "close-weilidai").replace("<code>", "ABCDEFGH"))


def test_the_table_covers_every_post_route(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()
             if "POST" in rule.methods and not rule.rule.startswith("/api/")}
    assert rules == set(POSTS)


@pytest.mark.parametrize("rule", list(POSTS))
def test_a_post_without_a_token_is_refused_and_changes_nothing(weilidai, rule):
    scenario, data = POSTS[rule]
    weilidai.scenario(scenario)
    before = weilidai.account()
    page = weilidai.request("post", url(rule), data=data)
    assert page.status == 400
    assert page.screen == "error-400"
    assert page.in_phone_frame()
    assert weilidai.account() == before


# Empty, made up, and shaped like a real token but signed by no one.
BAD_TOKENS = ["", "forged", "IjAxMjM0NTY3ODlhYmNkZWYi.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbb"]


@pytest.mark.parametrize("token", BAD_TOKENS)
@pytest.mark.parametrize("rule", list(POSTS))
def test_a_post_with_a_bad_token_is_refused_and_changes_nothing(weilidai, rule, token):
    scenario, data = POSTS[rule]
    weilidai.scenario(scenario)
    weilidai.get("/weilidai/borrow")  # the session has a real token, which is not sent
    before = weilidai.account()
    page = weilidai.request("post", url(rule), data={**data, "csrf_token": token})
    assert page.status == 400 and page.screen == "error-400"
    assert weilidai.account() == before


@pytest.mark.parametrize("rule", list(POSTS))
def test_a_token_from_another_browser_does_not_work(weilidai, rule):
    scenario, data = POSTS[rule]
    weilidai.scenario(scenario)
    weilidai.get("/weilidai/borrow")
    stolen = weilidai.new_browser().csrf_token("/scenarios/fresh")
    before = weilidai.account()
    page = weilidai.request("post", url(rule), data={**data, "csrf_token": stolen})
    assert page.status == 400 and page.screen == "error-400"
    assert weilidai.account() == before


def test_a_token_signed_with_another_secret_key_does_not_work(weilidai, make_weilidai):
    weilidai.get("/weilidai/borrow")
    elsewhere = make_weilidai(SECRET_KEY="another key").csrf_token("/scenarios/fresh")
    page = weilidai.request("post", "/weilidai/manage/close/password",
                            data={"password": "123456", "csrf_token": elsewhere})
    assert page.status == 400
    assert weilidai.account()["status"] == "active"


def test_the_refusal_tells_the_user_what_to_do(weilidai):
    page = weilidai.request("post", "/weilidai/manage/close/password", data={"password": "123456"})
    assert "请返回后重新操作" in page.testid("error-desc").text
    assert page.has("back-home")


def test_the_same_post_with_the_pages_token_goes_through(weilidai):
    # The control: what was refused above works with the token the page carries.
    page = weilidai.post_form("/weilidai/manage/close/password", {"password": "123456"})
    assert page.status == 302
    assert weilidai.account()["status"] == "closed"
