"""The whole web layer as people really use it, driven by hypothesis (a RuleBasedStateMachine
over Flask's test client and the real store): two tabs of one session, a trainee in a class,
clicking any link (the browser names the page it came from) and sending any form they show —
freshly drawn, sent again, or left open while the account was replaced —, typing an address,
Back to an earlier page, every panel action and tour step (they are forms and links of the
pages), starting any exercise, the JSON API, the trainer ending the class mid-attempt, and
the account expiring. After every step it checks what must always hold:

- no answer is a 5xx, and no link or redirect the app drew leads to a 404;
- a page with a running tour's bar shows the ring, a way back, a way on, or the tour's end;
- money is conserved: the cards hold what they held at the start, plus what was borrowed,
  less what was repaid;
- a form's one-time token has at most one effect: sent again, nothing changes;
- the amounts a page shows are the account's (what ``GET /api/account`` says);
- the trainee's record of each attempt equals the class's, running or ended;
- no attempt scores more than its route earns: its score is the formula's of what it
  counted, and a route shorter than the shortest always holds a jump.

``make test`` runs a bounded number of examples; ``make soak`` runs many more
(``WEILIDAI_MODEL_EXAMPLES``, ``WEILIDAI_MODEL_STEPS``). A failing example shrinks to a short
story that goes into a regression test of its own (tests/web/test_once.py and its neighbours).
"""

import os
from urllib.parse import urlsplit

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule)

from tests.web.conftest import CONFIG, Page, form_values
from webapp import create_app
from webapp.practice import EXERCISES, classroom
from webapp.practice.attempt import COMPLETED, score

EXAMPLES = int(os.environ.get("WEILIDAI_MODEL_EXAMPLES", "25"))
STEPS = int(os.environ.get("WEILIDAI_MODEL_STEPS", "30"))

# What a person types into a field, by its name: right, wrong, odd.
TYPED = {
    "amount": ["1000", "3000", "500", "20000", "１０００", "abc", "-100", ""],
    "password": ["123456", "123456", "123456", "654321", "12"],
    "days": ["1", "30", "45", "abc", "0"],
}
# Forms left out: the difficulty knobs only slow pages down or make them fail on purpose
# (tests/web/test_knobs.py checks that they, too, act once).
SKIPPED_ACTIONS = ("/panel/knobs",)
SCENARIO_IDS = ["fresh", "repaying", "overdue", "dormant", "frozen", "frozen-owing", "closed",
                "force-closed", "low-balance", "busy"]
# The pages whose form meets an exercise's goal, typed straight in.
SHORTCUTS = ["/weilidai/manage/close/password", "/weilidai/settings/repayment",
             "/weilidai/repay/confirm?target=all"]
# Addresses a trainee may type, or open from a bookmark.
TYPED_ADDRESSES = ["/", "/me", "/weilidai", "/weilidai/settings", "/weilidai/manage",
                   "/weilidai/manage/close", "/weilidai/manage/close/password", "/weilidai/repay",
                   "/weilidai/repay/confirm?target=all", "/weilidai/settings/repayment",
                   "/weilidai/records", "/practice", "/practice/done", "/contacts"]

# Every example opens a class of its own: room for as many as a soak runs.
APP = create_app({**CONFIG, "MAX_CLASSES": 10_000})


def money_in_hand(account):
    """Cards, less what was borrowed, plus what was repaid: no action may change it."""
    cards = sum(card["balance"] for card in account["cards"])
    borrowed = sum(loan["principal"] for loan in account["loans"])
    paid = sum(item["paid"] for loan in account["loans"] for item in loan["installments"])
    return cards - borrowed + paid


def yuan(fen):
    return f"{fen // 100:,}.{fen % 100:02d}"


class Sent:
    """A form as it was sent: where, what, and the account right after its first effect."""

    def __init__(self, action, values):
        self.action, self.values = action, values


class WebLayer(RuleBasedStateMachine):
    """One browser session (one cookie jar) with two tabs."""

    @initialize()
    def open_the_app(self):
        self.trainer = APP.test_client()
        self.code = _open_class(self.trainer)
        self.client = APP.test_client()
        _join(self.client, self.code)
        self.tabs = {"A": [], "B": []}  # each tab's pages, the current one last
        self.sent = []  # forms sent once, that may be sent again
        self.drawn_before_replacement = []  # forms drawn for an account since replaced
        for tab in self.tabs:
            self.show(tab, self.client.get("/", follow_redirects=True), "/")
        self.baseline = None
        self.class_ended = False
        self.note_account()

    # -- what a tab does ------------------------------------------------------------------

    def show(self, tab, response, asked_for):
        page = Page(response)
        assert page.status < 500, f"{asked_for} answered {page.status}"
        account = self.account()
        if page.status == 200:
            the_amounts_are_the_accounts(page, account)
        self.tabs[tab].append((page.path + _query(response), page, account["id"]))
        del self.tabs[tab][:-12]
        return page

    def current(self, tab):
        return self.tabs[tab][-1][1]

    def account(self):
        response = self.client.get("/api/account")
        assert response.status_code == 200, response.status_code
        return response.json

    def note_account(self):
        """Remember the account's money at its start, and tell a replacement apart."""
        account = self.account()
        if self.baseline is not None and account["id"] != self.baseline[0]:
            self.drawn_before_replacement = [
                form for tab in self.tabs for _, page, drawn_for in self.tabs[tab]
                if drawn_for != account["id"] for form in _forms(page)][-20:]
        if self.baseline is None or account["id"] != self.baseline[0]:
            self.baseline = (account["id"], money_in_hand(account))
        return account

    @rule(tab=st.sampled_from("AB"), data=st.data())
    def follow_a_link(self, tab, data):
        links = [a.attrs["href"] for a in self.current(tab).root.find_all("a", href=True)
                 if _internal(a.attrs["href"])]
        if not links:
            return
        href = data.draw(st.sampled_from(links))
        came_from = self.tabs[tab][-1][0]
        page = self.show(tab, self.client.get(href, headers={"Referer": came_from},
                                              follow_redirects=True), href)
        assert page.status != 404, f"the link {href} leads nowhere"
        self.note_account()

    @rule(tab=st.sampled_from("AB"), address=st.sampled_from(TYPED_ADDRESSES))
    def type_an_address(self, tab, address):
        """The address bar, a bookmark: no page it came from (a jump, in a practice)."""
        page = self.show(tab, self.client.get(address, follow_redirects=True), address)
        assert page.status < 500
        self.note_account()

    @rule(tab=st.sampled_from("AB"), address=st.sampled_from(SHORTCUTS))
    def take_a_shortcut(self, tab, address):
        """What a trainee who knows the answer tries: type the address of the page that
        does it, and send its form with the right password."""
        page = self.show(tab, self.client.get(address, follow_redirects=True), address)
        forms = [(action, values) for action, values in _forms(page)
                 if not action.startswith(("/practice", "/tours"))]
        if page.status == 200 and forms:
            action, values = forms[0]
            values = {**values, **({"password": "123456"} if "password" in values else {})}
            if "auto_repay" in values:
                del values["auto_repay"]  # the switch, turned off
            response = self.client.post(action, data=values, follow_redirects=True,
                                        headers={"Referer": page.path + _query(page.response)})
            self.show(tab, response, action)
        self.note_account()

    @rule(tab=st.sampled_from("AB"), exercise=st.sampled_from(list(EXERCISES)))
    def start_an_exercise(self, tab, exercise):
        start = Page(self.client.get(f"/practice/{exercise}"))
        values = form_values(start.form("start-practice"))
        response = self.client.post(f"/practice/{exercise}/start", data=values,
                                    headers={"Referer": f"/practice/{exercise}"},
                                    follow_redirects=True)
        self.show(tab, response, f"/practice/{exercise}/start")
        self.note_account()

    @precondition(lambda self: not self.class_ended)
    @rule()
    def the_trainer_ends_the_class(self):
        asked = Page(self.trainer.get(f"/classes/{self.code}/end"))
        values = form_values(asked.form("class-end-confirm"))
        assert self.trainer.post(f"/classes/{self.code}/end", data=values).status_code == 302
        self.class_ended = True

    @rule(tab=st.sampled_from("AB"))
    def open_the_stage(self, tab):
        """The trainer's stage: its panel's forms are every panel action."""
        page = self.show(tab, self.client.get("/stage", follow_redirects=True), "/stage")
        assert page.status == 200

    @rule(tab=st.sampled_from("AB"))
    def look_at_the_stages_phone(self, tab):
        """The page the stage's phone shows, loaded as its iframe loads it."""
        stage = Page(self.client.get("/stage"))
        src = stage.testid("stage-phone").attrs["src"]
        page = self.show(tab, self.client.get(src, headers={"Sec-Fetch-Dest": "iframe"},
                                              follow_redirects=True), src)
        assert page.status != 404, f"the stage's phone is on {src}, which leads nowhere"

    @rule(tab=st.sampled_from("AB"), data=st.data())
    def go_back(self, tab, data):
        history = self.tabs[tab][:-1]
        if not history:
            return
        url, _, _ = data.draw(st.sampled_from(history))
        page = self.show(tab, self.client.get(url, follow_redirects=True), url)
        assert page.status != 404, f"Back to {url} leads nowhere"
        self.note_account()

    @rule(tab=st.sampled_from("AB"), data=st.data())
    def send_a_form(self, tab, data):
        forms = _forms(self.current(tab))
        if not forms:
            return
        action, values = data.draw(st.sampled_from(forms))
        values = dict(values)
        for name in list(values):
            if name in TYPED:
                values[name] = data.draw(st.sampled_from(TYPED[name]))
        response = self.client.post(action, data=values, follow_redirects=True,
                                    headers={"Referer": self.tabs[tab][-1][0]})
        page = self.show(tab, response, action)
        assert page.status != 404, f"the form of {action} leads nowhere"
        self.sent.append(Sent(action, values))
        del self.sent[:-15]
        self.note_account()

    @precondition(lambda self: self.sent)
    @rule(data=st.data())
    def send_a_form_again(self, data):
        """A resend, a retry, a replay: whatever the first one did, nothing new happens."""
        sent = data.draw(st.sampled_from(self.sent))
        before, settings_before = self.account(), self.settings()
        response = self.client.post(sent.action, data=sent.values)
        assert response.status_code < 500
        assert self.account() == before, f"{sent.action} sent again changed the account"
        assert self.settings() == settings_before, (
            f"{sent.action} sent again changed the session's tour or settings")

    @precondition(lambda self: self.drawn_before_replacement)
    @rule(data=st.data())
    def send_a_form_drawn_for_the_old_account(self, data):
        action, values = data.draw(st.sampled_from(self.drawn_before_replacement))
        if not values.get("once"):
            return  # a form of the session's (language, knobs): not the account's
        before = self.account()
        response = self.client.post(action, data=values)
        assert response.status_code < 500
        assert self.account() == before, f"{action} drawn for the old account acted"

    @rule(call=st.sampled_from(["scenario", "reset", "clock-days", "clock-next-due"]),
          scenario=st.sampled_from(SCENARIO_IDS), days=st.integers(1, 60))
    def call_the_api(self, call, scenario, days):
        if call == "scenario":
            response = self.client.post("/api/scenario", json={"name": scenario})
        elif call == "reset":
            response = self.client.post("/api/reset", json={})
        elif call == "clock-days":
            response = self.client.post("/api/clock", json={"days": days})
        else:
            response = self.client.post("/api/clock", json={"to": "next-due"})
        assert response.status_code in (200, 409), response.status_code
        self.note_account()

    @rule()
    def let_the_account_expire(self):
        with self.client.session_transaction() as session:
            key = session["sid"]
        APP.extensions["account_store"].delete(key)
        self.note_account()

    def settings(self):
        """What the session itself holds: the tour, 关怀模式, 演示模式, the knobs, the language."""
        with self.client.session_transaction() as session:
            return {name: session.get(name) for name in ("tour", "care", "present", "knobs",
                                                          "lang")}

    # -- what must always hold ---------------------------------------------------------------

    @invariant()
    def money_is_conserved(self):
        if getattr(self, "baseline", None) is None:
            return
        account = self.account()
        if account["id"] == self.baseline[0]:
            assert money_in_hand(account) == self.baseline[1], "money appeared or vanished"

    @invariant()
    def the_trainee_and_the_class_keep_the_same_record(self):
        if getattr(self, "client", None) is None:
            return
        with self.client.session_transaction() as session:
            attempt, results = session.get("practice"), session.get("practice_results", [])
        store = APP.extensions["class_store"]
        klass = classroom.find_class(store, self.code)
        kept = {summary["id"]: summary for trainee in classroom.trainees(store, klass)
                for summary in trainee.attempts}
        mine = [summary for summary in results if summary["id"] in kept]
        if attempt and attempt.get("klass") == self.code and attempt["outcome"] is not None:
            assert attempt["id"] in kept, "an ended attempt of the class is not in its record"
        for summary in mine:
            theirs = kept[summary["id"]]
            for name in ("outcome", "reason", "score", "steps", "wrong", "jumps", "hints"):
                assert summary.get(name) == theirs.get(name), (
                    f"{name}: the trainee has {summary.get(name)!r}, the class "
                    f"{theirs.get(name)!r}")

    @invariant()
    def no_score_exceeds_what_its_route_earns(self):
        if getattr(self, "client", None) is None:
            return
        with self.client.session_transaction() as session:
            results = session.get("practice_results", [])
        for summary in results:
            earned = score(summary["outcome"] == COMPLETED, summary["steps"],
                           summary["shortest"], summary["wrong"], summary["hints"],
                           summary["jumps"], summary["skipped"])
            assert summary["score"] == earned, summary
            if summary["outcome"] == COMPLETED and summary["steps"] < summary["shortest"]:
                assert summary["jumps"] > 0, f"shorter than the shortest without a jump: {summary}"

    @invariant()
    def a_tour_bar_always_offers_a_way(self):
        for tab in getattr(self, "tabs", {}):
            page = self.current(tab)
            bar = page.testid("tour-bar")
            if bar is None or page.status != 200:
                continue
            ways = [any("is-tour-target" in el.classes() for el in page.root.iter())]
            ways += [page.has(testid) for testid in ("tour-back", "tour-stuck",
                                                     "tour-finished", "tour-result")]
            assert any(ways), f"{page.path}: a tour bar with no ring and no way on"



def _open_class(trainer):
    page = Page(trainer.get("/classes/new"))
    values = {**form_values(page.form("class-form")), "name": "模型课堂"}
    response = trainer.post("/classes/new", data=values)
    assert response.status_code == 302, response.status_code
    return response.location.rsplit("/", 1)[1]


def _join(client, code):
    page = Page(client.get(f"/join/{code}"))
    values = {**form_values(page.form("join-form")), "name": "王阿姨"}
    assert client.post(f"/join/{code}", data=values).status_code == 302


def the_amounts_are_the_accounts(page, account):
    """The figures a page shows, as it is shown, are the account's."""
    if page.root.find("main") is None:
        return
    if page.has("panel-sim-date"):
        assert page.testid("panel-sim-date").text == account["sim_date"]
    if page.has("available-value"):
        assert page.testid("available-value").text == yuan(account["available"]), page.path
    if page.screen == "repay" and page.has("outstanding"):
        assert page.testid("outstanding").text == yuan(account["outstanding"]), page.path
    if page.screen == "repay-confirm" and page.has("repay-amount"):
        expected = page.root.find("input", name="expected")
        assert page.testid("repay-amount").text == yuan(int(expected.attrs["value"]))
        if "target=all" in page.path + _query(page.response):
            assert int(expected.attrs["value"]) == account["outstanding"]


def _query(response):
    query = response.request.query_string
    if isinstance(query, bytes):
        query = query.decode()
    return f"?{query}" if query else ""


def _internal(href):
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/") \
        and not parts.path.startswith("/static/") and not parts.path.startswith("/api/")


def _forms(page):
    """(action, values) of every POST form of the page, as a browser would send it; with a
    named submit button, one entry per button (its name and value are sent)."""
    found = []
    for form in page.root.find_all("form", method="post"):
        action = form.attrs.get("action") or page.path
        if action.startswith(SKIPPED_ACTIONS):
            continue
        values = form_values(form)
        for field in form.find_all("input", type="radio"):
            values.setdefault(field.attrs["name"], field.attrs.get("value", "on"))
        buttons = [b for b in form.find_all("button") if b.attrs.get("name")]
        if form.attrs.get("id"):  # a form whose button lives elsewhere (知道了)
            buttons = []
        found.append((action, values))
        found += [(action, {**values, b.attrs["name"]: b.attrs.get("value", "")})
                  for b in buttons]
    return found


WebLayer.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_the_web_layer_holds_under_any_sequence_of_real_use = WebLayer.TestCase
