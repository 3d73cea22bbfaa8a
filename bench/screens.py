"""Every GET screen of the app, each with a session seeded so that the page has content.

A screen is a path and the state its session starts from: a scenario (``busy`` by default:
three loans on two cards, so lists and the trainer's panel are full) and, where a page needs
more (a result page, a finished tour), a setup step played through the app itself.

Its kind says what it is: a phone screen (the product, what a trainee's phone loads), the
trainer's stage (``/stage``: the phone in an iframe beside the panel) or the panel fragment
its script fetches after every page of the phone (``/stage/panel``), or JSON.

``plan(app)`` checks the table against the app's URL map, so a GET route added later is
listed as not measured instead of being silently left out.
"""

import time
from dataclasses import dataclass

from bench.client import Client

PASSWORD = "123456"  # every demo account's payment password


PHONE, STAGE, FRAGMENT, JSON = "phone", "stage", "fragment", "json"
# What a page of each kind has, once seeded: the phone's screen, the trainer's panel.
MARKERS = {PHONE: b'data-testid="screen-', STAGE: b'data-testid="panel"',
           FRAGMENT: b'data-testid="panel"'}


@dataclass(frozen=True)
class Screen:
    path: str  # may hold {placeholders} that ``setup`` fills
    endpoint: str
    scenario: str = "busy"
    setup: object = None  # (client, secret_key) -> placeholders
    label: str = ""
    kind: str = PHONE

    @property
    def name(self):
        return self.label or self.path

    @property
    def html(self):
        return self.kind != JSON

    @property
    def page(self):
        """A whole page a browser loads (weight, Lighthouse): not a fragment, not JSON."""
        return self.kind in (PHONE, STAGE)


def _first_loan(client, secret_key):
    return {"loan": client.get("/api/account").json()["loans"][0]["id"]}


def _repaid_everything(client, secret_key):
    """还款 → 全部还清, paid: the result page of a real repayment."""
    done = client.submit("/weilidai/repay/confirm?target=all", "/weilidai/repay/confirm",
                         password=PASSWORD)
    if done.status not in (302, 303):
        raise RuntimeError(f"repaying everything answered {done.status}")
    return {"event": done.location.rstrip("/").rsplit("/", 1)[-1]}


def _first_tour(client, secret_key):
    from webapp.tours import TOURS

    return {"tour": next(iter(TOURS))}


def _tour_started(client, secret_key):
    """The first tour started by its own button: its first page, with the ring and hint."""
    tour_id = _first_tour(client, secret_key)["tour"]
    started = client.submit(f"/tours/{tour_id}", f"/tours/{tour_id}/start")
    if started.status not in (302, 303):
        raise RuntimeError(f"starting tour {tour_id} answered {started.status}")
    return {"start": started.location}


def _tour_finished(client, secret_key):
    """A tour finished a minute ago. Playing one through takes a page per step, so it is
    started by its own button and the session then says it is done, signed with the server's
    key as the server would sign it."""
    from webapp import create_app
    from webapp.tours import TOURS
    from webapp.views.journeys import TOUR_KEY

    _tour_started(client, secret_key)
    tour_id = _first_tour(client, secret_key)["tour"]
    app = create_app({"SECRET_KEY": secret_key})
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(client.cookie)
    now = time.time()
    # Every branch of its route at its end (webapp/journey/engine.py's Journey).
    session[TOUR_KEY]["journey"].update(
        at=[len(branch) for branch in TOURS[tour_id].route.branches], wrong=1,
        started=now - 75, finished=now)
    client.cookie = serializer.dumps(session)
    return {"tour": tour_id}


SCREENS = (
    Screen("/", "wechat.home"),
    Screen("/contacts", "wechat.contacts"),
    Screen("/discover", "wechat.discover"),
    Screen("/me", "wechat.me"),
    Screen("/me/services", "wechat.services"),
    Screen("/me/settings", "wechat.settings"),
    Screen("/weilidai", "weilidai.home"),
    Screen("/weilidai/borrow", "weilidai.borrow"),
    Screen("/weilidai/borrow/confirm?amount=1000&term=6&card=cmb&auto_repay=1",
           "weilidai.borrow_confirm", label="/weilidai/borrow/confirm"),
    Screen("/weilidai/borrow/done/{loan}", "weilidai.borrowed", setup=_first_loan),
    Screen("/weilidai/repay", "weilidai.repay"),
    Screen("/weilidai/repay/confirm?target=all", "weilidai.repay_confirm"),
    Screen("/weilidai/repay/done/{event}", "weilidai.repaid", setup=_repaid_everything),
    Screen("/weilidai/records", "weilidai.records"),
    Screen("/weilidai/settings", "settings.index"),
    Screen("/weilidai/settings/repayment", "settings.repayment"),
    Screen("/weilidai/manage", "settings.manage"),
    Screen("/weilidai/manage/close", "settings.close"),
    # Only an account that owes nothing gets the password page, only a closed one the result.
    Screen("/weilidai/manage/close/password", "settings.close_password", scenario="fresh"),
    Screen("/weilidai/manage/closed", "settings.closed", scenario="closed"),
    Screen("/weilidai/faq", "settings.faq"),
    Screen("/scenarios", "scenarios.index"),
    Screen("/scenarios/busy", "scenarios.start"),
    Screen("/tours", "tours.index"),
    Screen("/tours/{tour}", "tours.start_page", setup=_first_tour),
    Screen("{start}", "tours.start", setup=_tour_started, label="a tour's first step"),
    Screen("/tours/{tour}/done", "tours.done", setup=_tour_finished),
    Screen("/loading?next=/weilidai", "knobs.loading"),
    # Where make guides has not built the tour's guide: the page that says how to.
    Screen("/tours/{tour}/guide", "guides.guide", setup=_first_tour),
    Screen("/stage", "stage.index", kind=STAGE),
    Screen("/stage/panel", "stage.panel", kind=FRAGMENT),
    Screen("/api/account", "api.account", kind=JSON),
)

# GET routes that are no screen: files, and the JSON a test reads besides /api/account.
NOT_SCREENS = {"static": "static files (their weight is counted with each screen)",
               "api.get_knobs": "JSON, like /api/account",
               "api.openapi_json": "JSON: the API's description",
               "guides.index": "a guide built by make guides: its files",
               "guides.file": "a guide built by make guides: its files",
               "guides.short": "a guide built by make guides: its PDF and videos",
               "classes.dashboard": "a class's: measured in part 8 (bench/classroom.py)",
               "classes.live": "a class's: measured in part 8 (bench/classroom.py)",
               "classes.join": "a class's: measured in part 8 (bench/classroom.py)"}


def plan(app):
    """(the screens this app has, [(endpoint, rule) of GET routes the table misses])."""
    endpoints = {}
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods:
            endpoints.setdefault(rule.endpoint, rule.rule)
    # "tours.start" is a POST; its screen is the page the started tour opens.
    screens = [s for s in SCREENS if s.endpoint in endpoints or
               (s.endpoint == "tours.start" and "tours.start_page" in endpoints)]
    covered = {s.endpoint for s in screens} | set(NOT_SCREENS)
    missed = sorted((e, r) for e, r in endpoints.items() if e not in covered)
    return screens, missed


def open_session(base_url, screen, secret_key):
    """A new session on the server at ``base_url`` seeded for ``screen``: (cookie, path).

    The screen must then answer 200 with its page, or this raises."""
    client = Client(base_url)
    client.get("/")  # a first visit: the cookie and a default account
    if client.cookie is None:
        raise RuntimeError(f"{base_url}/ set no session cookie")
    seeded = client.post_json("/api/scenario", {"name": screen.scenario})
    if seeded.status != 200:
        raise RuntimeError(f"POST /api/scenario {screen.scenario}: {seeded.status}")
    values = screen.setup(client, secret_key) if screen.setup else {}
    path = screen.path.format(**values)
    page = client.get(path)
    if page.status != 200:
        raise RuntimeError(f"GET {path}: {page.status} {page.location or ''}".strip())
    if screen.html and MARKERS[screen.kind] not in page.body:
        raise RuntimeError(f"GET {path}: no {screen.kind} in the page")
    return client.cookie, path
