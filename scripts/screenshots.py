"""Take a PNG of each screen, light and dark, into docs/screens/<name>-<scheme>.png.

    python scripts/screenshots.py                 # serves the app in-process
    python scripts/screenshots.py --base-url http://127.0.0.1:5000
    python scripts/screenshots.py --only faq borrow --strict

(``make screenshots`` runs it; ``make screenshots SCREENSHOT_ARGS='--only faq'``.)

To add a screen, add a ``Screen`` to ``SCREENS``. A screen that needs a starting state names a
scenario: it is seeded with ``POST /api/scenario {"name": ...}`` in a new browser context
(a new account) before the page is opened. A screen whose page or scenario does not answer
200 is reported and not saved; with ``--strict`` the script then exits 1.
"""

import argparse
import sys
from pathlib import Path
from typing import Callable, NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for `e2e`, when run as `python scripts/screenshots.py`


class Screen(NamedTuple):
    name: str  # file name stem: docs/screens/<name>-light.png
    path: Optional[str]  # URL path on the app; None: where ``prepare`` left the page
    scenario: Optional[str] = None  # scenario id to seed first, or None for a fresh account
    full_page: bool = False  # True: the whole scrollable page, not just the phone's screen
    viewport: tuple = (390, 844)  # (width, height); wide: the phone in its frame
    prepare: Optional[Callable] = None  # page -> None: taps made, as a user would, first
    scale: float = 1  # device pixels per CSS pixel: a projector's 1080p stage at half size


WIDE = (1280, 900)
ROOM_URL = "http://192.168.1.20:5000"
PROJECTOR = (1920, 1080)


def care_mode(page):
    """关怀模式 on, by its switch in 我 → 设置."""
    from e2e.pages import MeSettingsPage

    MeSettingsPage(page).open().set_care_mode(True)


def stage_tour(title, taps=0):
    """On the trainer's stage: a tour started from its panel, ``taps`` steps taken on its
    phone by the stage's next-step key."""
    def prepare(page):
        from e2e.pages import ControlPanel, Stage

        ControlPanel(page).start_tour(title)
        stage = Stage(page)
        for number in range(taps):
            hint = stage.phone.get_by_test_id("tour-hint")
            hint.wait_for()
            page.keyboard.press("ArrowRight")
            page.wait_for_load_state()
        stage.phone.get_by_test_id("tour-hint").wait_for()
        page.wait_for_timeout(600)  # the panel's refresh after the phone's page
    return prepare


def tour_step(tour_id, taps):
    """A guided tour started from its page, then ``taps`` steps taken by tapping the ring."""
    def prepare(page):
        from e2e.pages import TourStartPage

        guide = TourStartPage(page, tour_id).open().start()
        for _ in range(taps):
            guide.tap_target()
    return prepare

def practice_hint(page):
    """A practice of closing Weilidai, one wrong turn in, its 提示 asked for on 我."""
    from e2e.pages import MePage, PracticeStartPage, WeChatHome

    bar = PracticeStartPage(page, "close-weilidai").open().start()
    WeChatHome(page).expect_shown().tab_me().open_settings()
    MePage(page).open()
    bar.ask_hint()


def practice_done(page):
    """The end page of that practice, done after the hint."""
    from e2e.pages import MePage

    practice_hint(page)
    MePage(page).open_services().open_weilidai().open_settings().open_management().close() \
        .confirm().submit()
    page.goto("/practice/done")


def _open_class(page, name="社区课堂 3 月 5 日"):
    from e2e.pages import NewClassPage

    return NewClassPage(page).open().open_class(name).code


def class_join(page):
    """A class's join page on a trainee's phone, their name typed."""
    code = _open_class(page)
    page.goto(f"/join/{code}")
    page.get_by_role("textbox", name="你的名字").fill("王阿姨")


def class_projector(page):
    page.goto(f"/classes/{_open_class(page)}/qr")


# Who the filled dashboard shows, and what each did (the exercises done, in order, "+" after
# one that took a wrong turn and a hint; a last one started and left running).
CLASS_TRAINEES = [
    ("王阿姨", ["auto-repay-off", "close-weilidai+"], "why-frozen"),
    ("老李", ["close-weilidai+"], "auto-repay-off"),
    ("张老师", ["auto-repay-off", "close-with-debt", "close-weilidai"], None),
    ("小陈", [], "close-weilidai"),
]


def class_dashboard(page):
    """A class of four trainees, each on their own phone, at work; the trainer's dashboard."""
    from e2e.pages import JoinPage

    code = _open_class(page)
    origin = page.url.split("/classes/")[0]
    for name, done, running in CLASS_TRAINEES:
        context = page.context.browser.new_context(base_url=origin)
        try:
            phone = context.new_page()
            JoinPage(phone, code).open().join(name)
            for exercise_id in done:
                _practise(phone, exercise_id)
            if running:
                from e2e.pages import PracticeStartPage

                PracticeStartPage(phone, running).open().start()
        finally:
            context.close()
    page.goto(f"/classes/{code}")  # shot at once, well before it reloads itself


# The class of thirty on the wall: each trainee's name, then what they do, one letter an
# exercise (in the order of EXERCISES): d done by the shortest route, w done after a wrong
# turn, h done after a wrong turn and a hint, r started and running, g given up, - not yet.
WALL_CLASS = [
    ("王阿姨", "dd-r"), ("老李", "w-r-"), ("张老师", "dddd"), ("小陈", "r---"),
    ("刘大爷", "-d--"), ("赵姐", "hr--"), ("孙师傅", "dwr-"), ("周阿姨", "g-r-"),
    ("吴叔", "----"), ("郑奶奶", "d-dr"), ("钱老师", "ddd-"), ("冯大姐", "-r--"),
    ("陈伯", "wd--"), ("褚阿姨", "d--r"), ("卫叔叔", "-dh-"), ("蒋姐", "dr--"),
    ("沈师傅", "r---"), ("韩阿姨", "ddwd"), ("杨老师", "-g--"), ("朱大爷", "d-r-"),
    ("秦阿姨", "hd--"), ("尤叔", "-rd-"), ("许奶奶", "r---"), ("何老师", "dddr"),
    ("吕姐", "w---"), ("施师傅", "-dr-"), ("张阿姨", "d-g-"), ("孔叔叔", "rr--"),
    ("曹大姐", "dd--"), ("严伯", "--d-"),
]
# Each exercise's shortest route after its first page: pages opened, and forms sent (the
# action, what is typed; None unticks a box).
_REPAY_ALL = [("/weilidai/repay", None), ("/weilidai/repay/confirm?target=all", None),
              ("/weilidai/repay/confirm", {"password": "123456"})]
_CLOSE = [("/weilidai/settings", None), ("/weilidai/manage", None),
          ("/weilidai/manage/close", None), ("/weilidai/manage/close/password", None),
          ("/weilidai/manage/close/password", {"password": "123456"})]
WALL_ROUTES = {
    "close-weilidai": [("/me", None), ("/me/services", None), ("/weilidai", None), *_CLOSE],
    "auto-repay-off": [("/weilidai/settings", None), ("/weilidai/settings/repayment", None),
                       ("/weilidai/settings/repayment", {"auto_repay": None})],
    "close-with-debt": [*_REPAY_ALL, *_CLOSE],
    "why-frozen": _REPAY_ALL,
}


class _HttpPhone:
    """A trainee's phone as the server sees it: a session of its own (a browser context's
    cookies), pages opened by tapping (each sends the page it came from as its Referer)."""

    def __init__(self, browser, origin):
        self.context = browser.new_context(base_url=origin)
        self.origin, self.here, self.text = origin, None, ""

    def open(self, path):
        headers = {"Referer": self.origin + self.here} if self.here else {}
        response = self.context.request.get(path, headers=headers)
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status}")
        self.here, self.text = path, response.text()

    def submit(self, action, typed=None):
        """The form of the page shown that posts to ``action``; its answer's page opened."""
        from bench.classroom import form_fields

        fields = form_fields(self.text, action)
        if fields is None:
            raise RuntimeError(f"{self.here} has no form posting to {action}")
        fields = {name: value for name, value in {**fields, **(typed or {})}.items()
                  if value is not None}
        response = self.context.request.post(action, form=fields, max_redirects=0,
                                             headers={"Referer": self.origin + self.here})
        if response.status != 302:
            raise RuntimeError(f"POST {action}: {response.status}")
        self.open(response.headers["location"].removeprefix(self.origin))


def class_wall(page):
    """A class of thirty at work, the dashboard on a 1920×1080 projector: each trainee's
    phone a session of its own, joining by the link and tapping through exercises (some
    after a wrong turn or a hint, some still running, one given up)."""
    from webapp.practice import EXERCISES

    code = _open_class(page)
    origin = page.url.split("/classes/")[0]
    for name, plan in WALL_CLASS:
        phone = _HttpPhone(page.context.browser, origin)
        try:
            phone.open(f"/join/{code}")
            phone.submit(f"/join/{code}", {"name": name})
            for exercise_id, step in zip(EXERCISES, plan):
                if step == "-":
                    continue
                phone.open(f"/practice/{exercise_id}")
                phone.submit(f"/practice/{exercise_id}/start")
                if step == "r":
                    continue
                if step == "g":
                    phone.submit("/practice/give-up")
                    continue
                if step in "wh":
                    phone.open("/contacts")  # a wrong turn
                if step == "h":
                    phone.submit("/practice/hint")
                for path, typed in WALL_ROUTES[exercise_id]:
                    if typed is None:
                        phone.open(path)
                    else:
                        phone.submit(path, typed)
        finally:
            phone.context.close()
    page.goto(f"/classes/{code}")


def _practise(phone, exercise_id):
    """Do an exercise by its route, as a trainee who knows the way; ``id+``: after a wrong
    turn (通讯录) and a hint."""
    from e2e.pages import (ContactsPage, PracticeStartPage, RepaymentSettingsPage,
                           SettingsPage, WeChatHome, WeilidaiHome)

    exercise_id, lost = exercise_id.rstrip("+"), exercise_id.endswith("+")
    bar = PracticeStartPage(phone, exercise_id).open().start()
    if lost:
        ContactsPage(phone).open()
        bar.ask_hint()
        WeChatHome(phone).open()
    if exercise_id == "auto-repay-off":
        WeilidaiHome(phone).expect_shown().open_settings().open_repayment_settings()
        RepaymentSettingsPage(phone).set_auto_repay(False)
    elif exercise_id == "close-weilidai":
        WeChatHome(phone).expect_shown().tab_me().open_services().open_weilidai() \
            .open_settings().open_management().close().confirm().submit()
    elif exercise_id == "close-with-debt":
        refusal = WeilidaiHome(phone).expect_shown().open_settings().open_management().close()
        refusal.go_repay().repay_all().confirm().done()
        SettingsPage(phone).open().open_management().close().confirm().submit()


SCREENS = [
    Screen("wechat-home", "/"),
    Screen("me", "/me"),
    Screen("services", "/me/services"),
    Screen("weilidai-home", "/weilidai"),
    Screen("settings", "/weilidai/settings"),
    Screen("manage", "/weilidai/manage"),
    Screen("repayment-settings", "/weilidai/settings/repayment"),
    Screen("borrow", "/weilidai/borrow"),
    Screen("borrow-confirm", "/weilidai/borrow/confirm?amount=5000&term=6&card=cmb&auto_repay=1"),
    Screen("repay", "/weilidai/repay", scenario="repaying"),
    Screen("records", "/weilidai/records", scenario="busy"),
    Screen("faq", "/weilidai/faq"),
    Screen("close-confirm", "/weilidai/manage/close"),
    Screen("close-refused", "/weilidai/manage/close", scenario="repaying"),
    Screen("close-password", "/weilidai/manage/close/password"),
    Screen("weilidai-closed", "/weilidai", scenario="closed"),
    Screen("weilidai-frozen", "/weilidai", scenario="frozen"),
    Screen("weilidai-force-closed", "/weilidai", scenario="force-closed"),
    Screen("stage", "/stage", scenario="busy", viewport=PROJECTOR, scale=0.5),
    Screen("stage-tour", None, scenario="dormant", viewport=PROJECTOR, scale=0.5,
           prepare=stage_tour("微粒贷为什么被冻结")),
    Screen("stage-presenting", "/stage?present=1", scenario="repaying", viewport=PROJECTOR,
           scale=0.5),
    Screen("stage-narrow", "/stage", scenario="overdue"),
    Screen("weilidai-wide", "/weilidai", scenario="repaying", viewport=WIDE),
    Screen("tour-step", None, prepare=tour_step("close-weilidai", 3)),
    Screen("tour-refused", None, prepare=tour_step("close-with-debt", 3)),
    Screen("care-weilidai-home", "/weilidai", scenario="repaying", prepare=care_mode),
    Screen("care-settings", "/weilidai/settings", prepare=care_mode),
    Screen("english-weilidai-home", "/weilidai?lang=en", scenario="repaying"),
    Screen("english-close-confirm", "/weilidai/manage/close?lang=en"),
    Screen("practice-hint", None, prepare=practice_hint),
    Screen("practice-done", None, full_page=True, prepare=practice_done),
    Screen("class-join", None, prepare=class_join),
    Screen("class-projector", None, viewport=WIDE, prepare=class_projector),
    Screen("class-dashboard", None, viewport=WIDE, prepare=class_dashboard),
    Screen("class-wall", None, viewport=PROJECTOR, prepare=class_wall),
]

SCHEMES = ("light", "dark")
OUT_DIR = ROOT / "docs" / "screens"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running server; default: serve the app in-process")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"default: {OUT_DIR.relative_to(ROOT)}")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these screens")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any screen fails")
    args = parser.parse_args(argv)
    known = {screen.name for screen in SCREENS}
    unknown = set(args.only or ()) - known
    if unknown:
        parser.error(f"unknown screen(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    return args


def shoot(chromium, base_url, screen, scheme, out_dir):
    """One PNG; return None on success, or what went wrong."""
    context = chromium.new_context(
        base_url=base_url,
        viewport={"width": screen.viewport[0], "height": screen.viewport[1]},
        device_scale_factor=screen.scale,
        color_scheme=scheme,
    )
    try:
        page = context.new_page()
        if screen.scenario:
            # The page's request context shares the context's cookies: same session, same account.
            seeded = page.request.post("/api/scenario", data={"name": screen.scenario})
            if seeded.status != 200:
                return f"scenario {screen.scenario!r}: POST /api/scenario answered {seeded.status}"
        if screen.prepare:
            screen.prepare(page)
        if screen.path:
            response = page.goto(screen.path, wait_until="load")
            if response is None or response.status != 200:
                return f"GET {screen.path} answered {response.status if response else 'nothing'}"
        page.evaluate("() => document.fonts.ready.then(() => true)")
        target = out_dir / f"{screen.name}-{scheme}.png"
        page.screenshot(path=str(target), full_page=screen.full_page, animations="disabled")
        return None
    finally:
        context.close()


def shown(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def run(base_url, screens, out_dir):
    from playwright.sync_api import sync_playwright

    from e2e import browser

    out_dir.mkdir(parents=True, exist_ok=True)
    failures = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**browser.launch_args())
        try:
            for screen in screens:
                for scheme in SCHEMES:
                    problem = shoot(chromium, base_url, screen, scheme, out_dir)
                    label = f"{screen.name}-{scheme}"
                    if problem:
                        failures.append((label, problem))
                        print(f"  skipped {label}: {problem}", flush=True)
                    else:
                        print(f"  saved   {shown(out_dir / f'{label}.png')}", flush=True)
        finally:
            chromium.close()
    return failures


def main(argv=None):
    args = parse_args(argv)
    screens = [s for s in SCREENS if not args.only or s.name in args.only]
    out_dir = args.out.resolve()
    if args.base_url:
        failures = run(args.base_url.rstrip("/"), screens, out_dir)
    else:
        from e2e.live_server import LiveServer

        # As make class serves a room: the class pages show the link the room's phones open
        # (an address of a room's network, shown and never requested), not the warning that
        # only this computer could open it.
        with LiveServer(config={"PUBLIC_URL": ROOM_URL}) as server:
            print(f"Serving the app at {server.url}")
            failures = run(server.url, screens, out_dir)

    shots = len(screens) * len(SCHEMES)
    print(f"{shots - len(failures)} of {shots} screenshots saved.")
    if failures:
        print("Not 200 (not saved):")
        for label, problem in failures:
            print(f"  {label}: {problem}")
    return 1 if failures and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
