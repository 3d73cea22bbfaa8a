"""The accessibility audit the axe tests share (e2e/test_accessibility.py, and practice's):
axe-core in each of a session's modes (light and dark, 关怀模式, English), and the size of every
control as a target."""

from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import Page, expect

from e2e.pages import MeSettingsPage


MIN_TARGET = 44  # px, each way


# (color scheme, 关怀模式, language); 关怀模式 has a light and a dark set of tokens. English
# changes every name and the page's lang; its dark pass checks the longer words' contrast
# and targets.
MODES = {
    "light": ("light", False, "zh"),
    "dark": ("dark", False, "zh"),
    "care": ("light", True, "zh"),
    "care-dark": ("dark", True, "zh"),
    "english": ("light", False, "en"),
    "english-dark": ("dark", False, "en"),
}


# The modes one session shows, by its colour scheme alone: each screen is checked in both.
SESSIONS = {
    "zh": ("light", "dark"),
    "care": ("care", "care-dark"),
    "en": ("english", "english-dark"),
}


FULL_PASSES = {"light", "english"}


EVERY_RULE = {"resultTypes": ["violations"]}


VISUAL_RULES = {"runOnly": ["color-contrast", "link-in-text-block", "target-size"],
                "resultTypes": ["violations"]}


# Every interactive element on the phone, with its size: a control counts with its labels,
# which take its taps too, and a label that covers its row (.cell__cover) with the row. The
# trainer's panel is a desk tool beside the phone, not a screen of it, and is left out.
TARGETS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[role=switch], [tabindex]:not([tabindex="-1"])';
  const area = node => getComputedStyle(node, '::after').position === 'absolute'
    && node.offsetParent ? node.offsetParent : node;
  return [...document.querySelectorAll(selector)].filter(el => !el.closest('[data-stage-panel]'))
    .flatMap(el => {
    const boxes = [el, ...[...(el.labels || [])].map(area)].map(node => node.getBoundingClientRect())
      .filter(box => box.width && box.height);
    if (!boxes.length || getComputedStyle(el).visibility === 'hidden') return [];
    const width = Math.max(...boxes.map(box => box.width));
    const height = Math.max(...boxes.map(box => box.height));
    return [{name: el.dataset.testid || el.outerHTML.slice(0, 80), width, height}];
  });
}"""


# A scheme changed under a drawn page starts the CSS transitions of the colours it changes
# (the switches'); they are finished at once, so axe sees the scheme's own colours.
FINISH_TRANSITIONS_JS = """() => document.getAnimations()
  .filter(animation => animation instanceof CSSTransition)
  .forEach(animation => animation.finish())"""


class Audit:
    """Runs the checks on each screen it is shown, in each of the session's modes (its
    colour schemes), in the session's language, and keeps what fails."""

    def __init__(self, page: Page, session):
        self.page, self.modes, self.problems, self.screens = page, SESSIONS[session], [], 0
        # axe-core (570 KB) sent to the browser once, for every document the page opens,
        # rather than evaluated again for each check: that was half of a check's time.
        page.context.add_init_script(script=AXE_SCRIPT)
        _, self.care, self.language = MODES[self.modes[0]]
        self.lang = "en" if self.language == "en" else "zh-CN"

    def choose_session(self):
        """Choose the session's language and 关怀模式, as a user does; the session remembers
        them (check() sees the language kept)."""
        self.page.goto(f"/?lang={self.language}")
        if self.care:
            MeSettingsPage(self.page).open().set_care_mode(True)
        return self

    def check(self, label):
        self.page.wait_for_load_state()
        expect(self.page.locator("html")).to_have_attribute("lang", self.lang)
        self.screens += 1
        for mode in self.modes:
            self._check_in(mode, label)

    def _check_in(self, mode, label):
        self.page.emulate_media(color_scheme=MODES[mode][0])
        self.page.evaluate(FINISH_TRANSITIONS_JS)
        options = EVERY_RULE if mode in FULL_PASSES else VISUAL_RULES
        results = AxeResults(self.page.evaluate("options => axe.run(document, options)", options))
        if results.violations_count:
            self.problems.append(f"{mode} {label}: {results.generate_report()}")
        small = [f"{t['name']} {t['width']:.0f}×{t['height']:.0f}"
                 for t in self.page.evaluate(TARGETS_JS)
                 if t["width"] < MIN_TARGET - 0.5 or t["height"] < MIN_TARGET - 0.5]
        if small:
            self.problems.append(f"{mode} {label}: targets under 44×44 px: {small}")
