"""The session's switches, each declared once: the difficulty knobs, 关怀模式 (care mode),
演示模式 (presentation mode), the language, the page's structure (the redesign check) and
the planted faults.

A switch lives in the session (the signed cookie), never in the account: it is about how this
browser is served, so a new scenario or a reset keeps it. Its declaration says what it is
(``id``; ``kind``: on or off, a whole number in a range, one of some choices, or a set of
them), what it is called (``label``, a msgid; ``description``, for the API and the docs),
where the session keeps it, which control of the trainer's panel sets it (``testid``), and
how else it is set: a form of its own (``form``, an endpoint), the JSON API (``api``), any
page's address (``query``: ``?lang=en``). Made from these declarations:

- the fields of the forms that read them (webapp/forms.py, ``switch_field``);
- the JSON API's schema, which the API also holds bodies to (webapp/openapi.py, ``schema``);
- the panel's controls (templates/panel/_switches.html draws each kind);
- the table of docs/testing.md (scripts/testing_doc.py);
- the tests, which run over ``SWITCHES`` (tests/web/test_switches.py).

A new difficulty knob is one entry in ``KNOBS`` (and the code that makes it do something);
a new planted fault is one entry in webapp/faults.py's catalogue, a new language one in
webapp/i18n.py's (and its name in ``NATIVE_NAMES``), each the choices of its switch here.
"""

from dataclasses import dataclass

from webapp import faults, i18n, redesign
from webapp.i18n import N_

BOOLEAN, INTEGER, CHOICE, SET = "boolean", "integer", "choice", "set"
KINDS = (BOOLEAN, INTEGER, CHOICE, SET)


@dataclass(frozen=True)
class Choice:
    """One value a CHOICE or SET switch takes: ``label`` a msgid, or a name shown as it is in
    its own language (``lang``, its tag), as a language is named on the language switch."""

    value: str
    label: str
    lang: str | None = None


@dataclass(frozen=True)
class Switch:
    id: str
    kind: str
    label: str  # msgid: what the panel and the forms call it
    description: str  # what it does, for the API's schema and docs/testing.md (English)
    testid: str  # the panel's control; a CHOICE or SET control per choice: testid-<value>
    session_key: str  # where the session keeps it (a knob: in the dict under KNOBS_KEY)
    default: object = False
    maximum: int | None = None  # INTEGER: from 0 to this
    choices: tuple = ()  # CHOICE and SET: Choice, in the order they are drawn
    invalid: str = ""  # msgid of the refusal of a value out of range (%(max)d) or choice
    name: str = ""  # its field in the API's body and in a form, when not its id
    form: str | None = None  # the endpoint of the form that sets it, when it has one
    prefix: str = ""  # that form's prefix (WTForms'): its field is <prefix>-<field>
    api: str | None = None  # the JSON API's path that reads and sets it, when it has one
    query: bool = False  # ?<name>=<value> on any page sets it for the session

    @property
    def field(self):
        return self.name or self.id

    @property
    def form_field(self):
        """Its name in the form that sets it, as the form is posted."""
        return f"{self.prefix}-{self.field}" if self.prefix else self.field

    @property
    def values(self):
        return [choice.value for choice in self.choices]

    def schema(self, described=True):
        """Its JSON Schema (OpenAPI 3.1), as the API publishes and checks it."""
        if self.kind == BOOLEAN:
            schema = {"type": "boolean"}
        elif self.kind == INTEGER:
            schema = {"type": "integer", "minimum": 0, "maximum": self.maximum}
        elif self.kind == CHOICE:
            schema = {"enum": self.values}
        else:
            schema = {"type": "array", "items": {"enum": self.values}, "uniqueItems": True}
        return {**schema, "description": self.description} if described else schema

    def fits(self, value):
        """Whether ``value`` (as JSON has it, or as the session keeps it) is one it takes."""
        if self.kind == BOOLEAN:
            return isinstance(value, bool)
        if self.kind == INTEGER:
            return (isinstance(value, int) and not isinstance(value, bool)
                    and 0 <= value <= self.maximum)
        if self.kind == CHOICE:
            return value in self.values
        return (isinstance(value, (list, tuple, set, frozenset))
                and all(item in self.values for item in value))

    @property
    def range_text(self):
        """Its values, for the docs: ``0–5000``, ``on / off``, ``zh, en``."""
        if self.kind == BOOLEAN:
            return "on / off"
        if self.kind == INTEGER:
            return f"0–{self.maximum}"
        return ", ".join(self.values)


# -- the difficulty knobs (webapp/knobs.py): all off by default ---------------------------------

KNOBS_KEY = "knobs"  # the session's dict of the knobs that are not off
KNOBS_PREFIX = "knobs"  # the panel's form of the knobs: knobs-latency_ms, knobs-off, ...

KNOBS = (
    Switch("latency_ms", INTEGER, N_("响应延迟（毫秒）"),
           "every phone page and action waits this long", "knob-latency-ms", KNOBS_KEY,
           default=0, maximum=5000, invalid=N_("响应延迟请输入 0 到 %(max)d 之间的毫秒数"),
           form="knobs.panel_save", prefix=KNOBS_PREFIX, api="/api/knobs"),
    Switch("latency_random", BOOLEAN, N_("随机延迟（每次 0 到上面的毫秒数）"),
           "wait a random time up to latency_ms instead", "knob-latency-random", KNOBS_KEY,
           form="knobs.panel_save", prefix=KNOBS_PREFIX, api="/api/knobs"),
    Switch("spinner", BOOLEAN, N_("操作后先显示加载中"),
           "after an action, a 加载中 page before the result", "knob-spinner", KNOBS_KEY,
           form="knobs.panel_save", prefix=KNOBS_PREFIX, api="/api/knobs"),
    Switch("failure_rate", INTEGER, N_("系统繁忙的概率（%）"),
           "percent of page loads answered 503 系统繁忙，请稍后重试 (never twice in a row, never "
           "an action)", "knob-failure-rate", KNOBS_KEY,
           default=0, maximum=100, invalid=N_("系统繁忙的概率请输入 0 到 %(max)d 之间的整数"),
           form="knobs.panel_save", prefix=KNOBS_PREFIX, api="/api/knobs"),
    Switch("layout_shift", BOOLEAN, N_("微粒贷首页稍后插入横幅"),
           "the Weilidai home inserts a banner a moment late", "knob-layout-shift", KNOBS_KEY,
           form="knobs.panel_save", prefix=KNOBS_PREFIX, api="/api/knobs"),
)

# -- how the phone and the stage are shown -----------------------------------------------------

CARE = Switch("care", BOOLEAN, N_("关怀模式"),
              "larger text and targets, stronger contrast, on every page (我 → 设置)",
              "panel-care", "care", form="wechat.settings")

PRESENT = Switch("present", BOOLEAN, N_("演示模式"),
                 "the stage shows the phone alone, the clock under it; ?present=1 or 0 on any "
                 "page", "panel-present", "present", form="panel.present", query=True)

# Each language the app has a catalogue for (webapp/i18n.py), named in itself.
NATIVE_NAMES = {"zh": "中文", "en": "English"}

LANGUAGE = Switch("lang", CHOICE, N_("语言"),
                  "the language of every page and message; ?lang=zh or en on any page",
                  "panel-lang", i18n.SESSION_KEY, default=i18n.DEFAULT, query=True,
                  choices=tuple(Choice(code, NATIVE_NAMES[code], tag)
                                for code, tag in i18n.LANGUAGES.items()))

# -- the page's structure under the same look (webapp/redesign.py): a test suite's check -------

LAYOUT = Switch("layout", CHOICE, N_("页面结构"),
                "the DOM under the same look: classic, or redesign (class names, ids, "
                "wrappers and the order of a row's empty parts changed; every word, role, "
                "name and data-testid kept); ?layout=classic or redesign on any page; the "
                "server's default is WEILIDAI_LAYOUT", "panel-layout", "layout",
                default=redesign.CLASSIC, query=True,
                choices=(Choice(redesign.CLASSIC, N_("经典")), Choice(redesign.REDESIGN, N_("改版"))))

# -- a bug hunt's planted faults (webapp/faults.py) --------------------------------------------

FAULTS = Switch("faults", SET, N_("要开启的故障"),
                "the planted faults on for this session (besides the server's "
                "WEILIDAI_FAULTS); none by default", "panel-fault", faults.SESSION_KEY,
                default=frozenset(), name="enable", invalid=N_("没有这个故障，请重新选择"),
                choices=tuple(Choice(fault.id, fault.hint) for fault in faults.FAULTS.values()),
                form="bug_hunt.panel_save", api="/api/faults")

SWITCHES = {switch.id: switch for switch in (*KNOBS, CARE, PRESENT, LANGUAGE, LAYOUT, FAULTS)}
