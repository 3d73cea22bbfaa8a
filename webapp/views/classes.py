"""Classes: a trainer opens one, projects its join link and QR code, and watches who has
done what; trainees join with a display name and practise.

Only the session that opened a class (or one that opened its secret trainer link, for a
second device) sees its dashboard, results.csv and statements.json: the session keeps the
trainer's key of each of its classes, and the class keeps the key's SHA-256. A trainee's
session keeps which class it joined and as whom; their attempts go to their own record in
the class store (webapp/practice/classroom.py), and each attempt's xAPI statements to the
Learning Record Store when one is configured (webapp/practice/outbox.py).

A class's code and trainer key, and a trainee's id, are derived from the one-time token of
the form that made them (keyed with SECRET_KEY), so the same form sent twice opens one
class or joins once, even when both arrive at the same moment.
"""

import csv
import hashlib
import hmac
import io
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone

import segno
from flask import (Blueprint, Response, current_app, flash, get_template_attribute, redirect,
                   render_template, request, session, url_for)
from markupsafe import Markup

from webapp import network
from webapp.forms import ActionForm, ClassCodeForm, JoinClassForm, NewClassForm
from webapp.i18n import gettext, ngettext
from webapp.practice import EXERCISES, classroom
from webapp.practice.classes import (CSV_COLUMNS, DONE, IN_PROGRESS, NOT_DONE, ClassError,
                                     TrainingClass, code_from, csv_safe, normal_code)
from webapp.messages import screen_title
from webapp.practice.attempt import is_scored
from webapp.practice.recording import statements, verb_statements
from webapp.practice.watching import funnels, running, stuck
from webapp.services import StaleForm
from webapp.store import ClassesFull
from webapp.views.shared import first_time_in_session, flash_replayed, flash_stale, posted_once

bp = Blueprint("classes", __name__)
log = logging.getLogger(__name__)

OWNED_KEY = "classes"  # {code: trainer key} of the classes this session may watch
OWNED_KEPT = 10
MEMBER_KEY = "class"  # {"code", "trainee", "name"}: the class this session joined

_MESSAGES = {
    "class_ended": lambda details: gettext("这个班级已经结束，不能再加入了"),
    "class_full": lambda details: gettext("这个班级已满（最多 %(max)s 人）", max=details["max"]),
    "name_taken": lambda details: gettext("班里已经有人叫“%(name)s”了，请换一个名字",
                                          name=details["name"]),
}


def now():
    return time.time()


def class_store():
    return current_app.extensions["class_store"]


def _keyed(*parts):
    message = "\x1f".join(parts).encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256)


def _digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class JoinLink:
    """A class's join link as the room's phones open it, and how its address was chosen
    (webapp/network.py's room_base: configured, request, network, local or no_network)."""

    base: str  # scheme://host[:port]
    url: str
    how: str
    qr: str  # its QR code's image: a URL of its own per link, so no stale one is cached

    @property
    def local_only(self):
        return network.is_local_only(self.base)


def join_link(klass):
    config = current_app.config
    base, how = network.room_base(config["PUBLIC_URL"], config["HOST"], request.host_url)
    url = base + url_for(".join", code=klass.code)
    return JoinLink(base, url, how, url_for(".qr_code", code=klass.code,
                                            link=hashlib.sha256(url.encode()).hexdigest()[:12]))


def _find(code):
    code = normal_code(code)
    return None if code is None else classroom.find_class(class_store(), code)


# -- who may see what ----------------------------------------------------------------------------

def _own(code, key):
    owned = {kept: value for kept, value in session.get(OWNED_KEY, {}).items() if kept != code}
    owned[code] = key
    session[OWNED_KEY] = dict(list(owned.items())[-OWNED_KEPT:])


def _trainer_key(klass):
    key = session.get(OWNED_KEY, {}).get(klass.code)
    return key if isinstance(key, str) and hmac.compare_digest(_digest(key), klass.trainer) \
        else None


def _trainers_class(code):
    """(class, None) for the trainer of ``code``; (None, the page to answer) otherwise."""
    klass = _find(code)
    if klass is None:
        return None, _unknown()
    if _trainer_key(klass) is None:
        return None, (render_template("classes/trainer_only.html", klass=klass), 403)
    return klass, None


def _unknown():
    return render_template("classes/unknown.html"), 404


def in_class_mode():
    """A trainee's phone in a class: this session joined one and watches none. It shows
    nothing of the trainer's (no 培训师工具); the trainer's own devices, which opened the
    class or its secret trainer link, still do. Read from the session alone."""
    return MEMBER_KEY in session and not session.get(OWNED_KEY)


def membership():
    """{"code", "name", "klass"} of the class this session joined, or None."""
    member = session.get(MEMBER_KEY)
    if not isinstance(member, dict) or not isinstance(member.get("code"), str):
        return None
    klass = _find(member["code"])
    if klass is None:
        return None
    return {"code": klass.code, "name": member["name"], "klass": klass,
            "open": klass.is_open(now())}


def counting_class():
    """(code, trainee id) of the class a new attempt counts for, or (None, None)."""
    member = membership()
    if member is None:
        return None, None
    if not member["open"]:
        flash(gettext("班级“%(name)s”已经结束，这次练习不计入班级", name=member["klass"].name),
              "info")
        return None, None
    return member["code"], session[MEMBER_KEY]["trainee"]


# -- an attempt's statements ---------------------------------------------------------------------

def recorder():
    return current_app.extensions["recorder"]


def _settled(klass):
    """The class's trainees, once the attempts left running past the class's end or their
    time are ended (and their statements sent)."""
    base = current_app.config["XAPI_ACTIVITY_BASE"]
    trainees, ended = classroom.settled_trainees(
        class_store(), klass, now(), current_app.config["PRACTICE_TIME_LIMIT_SECONDS"])
    for trainee, summary in ended:
        recorder().send(verb_statements(summary, trainee.name, klass, base, summary["outcome"]))
    return trainees


# -- the trainer's pages --------------------------------------------------------------------------

@bp.route("/classes/new", methods=["GET", "POST"])
def new():
    form = NewClassForm()
    if not form.validate_on_submit():
        return _new_page(form), 422 if form.errors else 200
    try:
        token = posted_once("class").token
    except StaleForm:
        flash_stale()
        return redirect(url_for(".new"))
    config = current_app.config
    code = code_from(_keyed("class", token).digest())
    key = _keyed("trainer", token).hexdigest()[:32]
    klass = TrainingClass.new(code, form.name.data, now(), config["CLASS_HOURS"],
                              config["CLASS_KEEP_HOURS"], trainer=_digest(key),
                              creator=_keyed("creator", token).hexdigest())
    try:
        classroom.open_class(class_store(), klass, config["MAX_CLASSES"], now())
    except classroom.AlreadyOpened:
        flash_replayed()
    except ClassesFull:
        # Refused like a form with an error (422): the limit is the server's answer, not a
        # failure of it.
        flash(gettext("服务器上的班级已达上限（%(max)s 个），请等已结束的班级过期后再开班",
                      max=config["MAX_CLASSES"]), "error")
        return _new_page(form), 422
    except classroom.ClassesBusy:
        flash(gettext("开班没有成功，请重试"), "error")
        return _new_page(form), 422
    _own(code, key)
    return redirect(url_for(".dashboard", code=code))


def _new_page(form):
    return render_template("classes/new.html", form=form, owned=_owned_classes(), now=now())


def _owned_classes():
    """[(class, how many joined)] of this session's classes, the latest first."""
    found = [classroom.find_class(class_store(), code) for code in session.get(OWNED_KEY, {})]
    return [(klass, classroom.roster_size(class_store(), klass)) for klass in reversed(found)
            if klass is not None and _trainer_key(klass)]


@bp.get("/classes")
def index():
    return redirect(url_for(".new"))


@dataclass(frozen=True)
class ProgressCell:
    """A trainee's progress in one exercise, as the dashboard's cell shows it (templates/
    classes/_progress.html): a pill (components/list.html's, drawn), then the score and the
    details of the best attempt when done."""

    exercise: str
    state: str
    pill: Markup
    score: str = ""
    detail: str = ""


@dataclass(frozen=True)
class NowCells:
    """The attempt a trainee is on, as the dashboard's first columns show it: the screen
    they are on, steps so far against the shortest, wrong turns, jumps and hints, and why
    they are stuck (words, or ""). Empty where nothing runs, or its record did not say:
    unknown, never a false 0."""

    screen: str = ""
    steps: str = ""
    wrong: str = ""
    jumps: str = ""
    hints: str = ""
    stuck: str = ""


NOTHING_RUNS = NowCells()


class _CellWords:
    """The dashboard's words, each translated (and each pill drawn) once for the whole
    table: a class of 500 is 2,000 cells, and a gettext and a macro call per cell and word
    were most of drawing it (bench/RESULTS.md)."""

    def __init__(self, at, stuck_after):
        # How an attempt ended, in words: webapp/views/practice.py's, as the templates have it
        # (that module imports this one).
        practice_outcome = current_app.jinja_env.globals["practice_outcome"]
        draw = get_template_attribute("components/list.html", "pill")
        self.done, self.running = draw(gettext("完成"), "success"), draw(gettext("进行中"), "info")
        self.not_started = draw(gettext("未开始"))
        self.score = gettext("%(score)s 分")
        self.detail = gettext("提示 %(hints)s · 走错 %(wrong)s · 跳转 %(jumps)s · "
                              "%(minutes)s 分 %(seconds)s 秒")
        # A record kept before attempts counted jumps: its detail says none, not 0.
        self.detail_before_jumps = gettext("提示 %(hints)s · 走错 %(wrong)s · "
                                           "%(minutes)s 分 %(seconds)s 秒")
        self.steps = gettext("走了 %(steps)s 步 / 最短 %(shortest)s")
        self.at, self.stuck_after = at, stuck_after
        self._draw, self._outcome, self._outcomes, self._times = draw, practice_outcome, {}, {}
        self._screens = {}

    def times(self, count):
        if count not in self._times:
            self._times[count] = ngettext("共 %(num)s 次", "共 %(num)s 次", count)
        return self._times[count]

    def outcome(self, summary):
        key = summary["outcome"], summary["reason"]
        if key not in self._outcomes:
            self._outcomes[key] = self._draw(self._outcome(*key), "warn")
        return self._outcomes[key]

    def screen(self, screen):
        if screen not in self._screens:
            self._screens[screen] = screen_title(screen)
        return self._screens[screen]

    def cell(self, exercise_id, state, summary, count):
        if state == DONE:
            seconds = int(summary["ended"] - summary["started"])
            jumps = summary.get("jumps")
            detail = (self.detail_before_jumps if jumps is None else self.detail) % {
                "hints": summary["hints"], "wrong": summary["wrong"], "jumps": jumps,
                "minutes": seconds // 60, "seconds": seconds % 60}
            if count > 1:
                detail = f"{detail} · {self.times(count)}"
            return ProgressCell(exercise_id, state, self.done,
                                self.score % {"score": summary["score"]}, detail)
        if state == IN_PROGRESS:
            return ProgressCell(exercise_id, state, self.running)
        if state == NOT_DONE:
            return ProgressCell(exercise_id, state, self.outcome(summary),
                                detail=self.times(count) if count > 1 else "")
        return ProgressCell(exercise_id, state, self.not_started)

    def now(self, summary):
        """NowCells of the attempt running (``summary``), or NOTHING_RUNS."""
        if summary is None:
            return NOTHING_RUNS
        screen = summary.get("screen")
        title = "" if screen is None else self.screen(screen)
        steps = summary.get("steps")
        why = stuck(summary, self.at, *self.stuck_after)
        return NowCells(
            screen=title,
            steps="" if steps is None else self.steps % {"steps": steps,
                                                         "shortest": summary["shortest"]},
            wrong=str(_known(summary.get("wrong"))), jumps=str(_known(summary.get("jumps"))),
            hints=str(_known(summary.get("hints"))),
            stuck="" if why is None else stuck_words(why, title))


def _duration(seconds):
    """How long, in the words a trainer says it: seconds under a minute, else minutes."""
    if seconds < 60:
        return ngettext("%(num)s 秒", "%(num)s 秒", int(seconds))
    return ngettext("%(num)s 分钟", "%(num)s 分钟", int(seconds // 60))


def stuck_words(why, screen):
    """Why a trainee is stuck, in plain words: where (the screen's title, when known), how
    long, how many wrong turns."""
    if why.wrong is not None and why.seconds is not None:
        text = (gettext("在“%(screen)s”停了 %(time)s，走错了 %(wrong)s 次", screen=screen,
                        time=_duration(why.seconds), wrong=why.wrong) if screen else
                gettext("在这一页停了 %(time)s，走错了 %(wrong)s 次",
                        time=_duration(why.seconds), wrong=why.wrong))
    elif why.wrong is not None:
        text = (ngettext("在“%(screen)s”走错了 %(num)s 次", "在“%(screen)s”走错了 %(num)s 次",
                         why.wrong, screen=screen) if screen else
                ngettext("在这一页走错了 %(num)s 次", "在这一页走错了 %(num)s 次", why.wrong))
    else:
        text = (gettext("在“%(screen)s”停了 %(time)s", screen=screen,
                        time=_duration(why.seconds)) if screen else
                gettext("在这一页停了 %(time)s", time=_duration(why.seconds)))
    return text


# What the dashboard shows: each trainee now (the attempt they are on, the exercises in
# short), the exercises' results in full, or each exercise's funnel.
TRAINEES_VIEW, SCORES_VIEW, STEPS_VIEW = "trainees", "scores", "steps"
VIEWS = (TRAINEES_VIEW, SCORES_VIEW, STEPS_VIEW)
STUCK_NAMED = 10  # the stuck trainees named at the top; more are counted
STOPPED_NAMED = 8  # the trainees named at a step of the funnel; more are counted


@dataclass(frozen=True)
class FunnelStep:
    """A step of an exercise's shortest route as the funnel shows it."""

    number: int
    screen: str  # its screen's title
    hint: str  # what to do, in the hint's words
    reached: int
    stopped: list  # of watching.Stopped, the stuck first, then those still on it
    more: int  # stopped there, beyond those named


def _funnel_view(trainees, at, stuck_after):
    """Each exercise's funnel, with its steps' words, in the order /practice lists them."""
    found = funnels(trainees, {exercise_id: exercise.shortest
                               for exercise_id, exercise in EXERCISES.items()},
                    at, *stuck_after)
    shown = []
    for exercise_id, exercise in EXERCISES.items():
        funnel = found[exercise_id]
        steps = []
        for number, (step, count) in enumerate(zip(exercise.route.shortest_branch,
                                                   funnel.steps), 1):
            stopped = sorted(count.stopped, key=lambda who: (who.stuck is None,
                                                             not who.running))
            steps.append(FunnelStep(number, screen_title(step.screen), str(step.hint),
                                    count.reached, stopped[:STOPPED_NAMED],
                                    max(0, len(stopped) - STOPPED_NAMED)))
        shown.append((exercise, funnel, steps))
    return shown


def _views(is_open):
    """(the view asked for, the default): by default, who is where while the class runs,
    the results once it ended."""
    default, asked = TRAINEES_VIEW if is_open else SCORES_VIEW, request.args.get("view")
    return asked if asked in VIEWS else default, default


def _progress(klass):
    """What the dashboard shows of the class now, and refreshes (templates/classes/
    _progress.html): who is stuck, and its trainees (each with the attempt they are on, and
    whether they are stuck) against the exercises, how many did each; or, in its steps view,
    each exercise's funnel."""
    at, config = now(), current_app.config
    view, default_view = _views(klass.is_open(at))
    stuck_after = config["PRACTICE_STUCK_SECONDS"], config["PRACTICE_STUCK_WRONG"]
    words = _CellWords(at, stuck_after)
    trainees = _settled(klass)
    rows = [(trainee, words.now(running(trainee)),
             [words.cell(exercise_id, *trainee.progress(exercise_id))
              for exercise_id in EXERCISES])
            for trainee in trainees]
    done = [sum(1 for _, _, cells in rows if cells[index].state == DONE)
            for index in range(len(EXERCISES))]
    stuck_ones = [trainee for trainee, now_cells, _ in rows if now_cells.stuck]
    return {"klass": klass, "rows": rows, "done": done, "exercises": list(EXERCISES.values()),
            "ended_at": klass.ended_at(at), "drawn_at": at, "view": view,
            # Links keep the view shown, and name it only when it is not the default.
            "this_view": {} if view == default_view else {"view": view},
            "stuck": stuck_ones[:STUCK_NAMED], "stuck_count": len(stuck_ones),
            "funnels": _funnel_view(trainees, at, stuck_after) if view == STEPS_VIEW else (),
            "live": klass.is_open(at) and request.args.get("refresh") != "0",
            "refresh": config["CLASS_REFRESH_SECONDS"]}


@bp.get("/classes/<code>")
def dashboard(code):
    """Who has done what: the roster against the exercises, refreshed while it is open
    (static/js/dashboard.js fetches the live view; without it, a meta refresh)."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    link = join_link(klass)
    page = render_template(
        "classes/dashboard.html", **_progress(klass),
        outbox=current_app.extensions.get("xapi_outbox"), link=link,
        # The trainer's other device is in the room too: the room's address, as the phones'.
        trainer_url=link.base + url_for(".trainer_link", code=klass.code,
                                        key=_trainer_key(klass)),
        form=ActionForm(formdata=None))
    return page, 200, {"Cache-Control": "no-store"}


@bp.get("/classes/<code>/live")
def live(code):
    """The dashboard's refreshed parts alone: its status and its table."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    return render_template("classes/live.html", **_progress(klass)), 200, {
        "Cache-Control": "no-store"}


@bp.get("/classes/<code>/qr")
def projector(code):
    """The join link and its QR code, large, for the projector."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    return render_template("classes/projector.html", klass=klass, link=join_link(klass),
                           ended_at=klass.ended_at(now()))


@bp.route("/classes/<code>/end", methods=["GET", "POST"])
def end(code):
    """结束班级: asked first (GET, what it will do), done by the form it asks with (POST)."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    if request.method == "GET":
        at = now()
        if not klass.is_open(at):
            return redirect(url_for(".dashboard", code=klass.code))
        busy = sum(1 for trainee in _settled(klass) for summary in trainee.attempts
                   if summary["outcome"] is None)
        return render_template("classes/end.html", klass=klass, running=busy,
                               keep_hours=current_app.config["CLASS_KEEP_HOURS"],
                               form=ActionForm(formdata=None))
    form = ActionForm()
    if form.validate_on_submit() and first_time_in_session():
        _, ended = classroom.end_class(class_store(), klass.code, now())
        if ended:
            flash(gettext("班级已结束：学员不能再加入，还在做的练习已中断，不计分"), "success")
    return redirect(url_for(".dashboard", code=klass.code))


@bp.get("/classes/<code>/trainer/<key>")
def trainer_link(code, key):
    """The secret trainer link, for a second device: this session may watch the class too."""
    klass = _find(code)
    if klass is None or not hmac.compare_digest(_digest(key), klass.trainer):
        return _unknown()
    _own(klass.code, key)
    return redirect(url_for(".dashboard", code=klass.code))


@bp.app_template_global()
def class_time(seconds):
    """A moment as the trainer's dashboard shows it: the server's local time of day."""
    return datetime.fromtimestamp(seconds).strftime("%H:%M")


@bp.app_template_global()
def class_clock(seconds):
    """The same, to the second: when the dashboard's figures were read."""
    return datetime.fromtimestamp(seconds).strftime("%H:%M:%S")


def _iso(seconds):
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def _known(value):
    """A cell of what is known: empty when it is not (a running attempt's score, a count an
    older record did not keep), never a false 0."""
    return "" if value is None else value


def _stuck_cell(summary, at, stuck_after):
    """1 while it runs and the trainee is stuck (as the dashboard flags them), 0 while it runs
    and they are not; empty once it ended, or when its record does not say where they
    arrived."""
    if summary["outcome"] is not None or summary.get("arrived") is None:
        return ""
    return 1 if stuck(summary, at, *stuck_after) else 0


@bp.get("/classes/<code>/results.csv")
def results_csv(code):
    """Every attempt of every trainee, one row each (docs/practice.md lists the columns)."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    at, config = now(), current_app.config
    stuck_after = config["PRACTICE_STUCK_SECONDS"], config["PRACTICE_STUCK_WRONG"]
    for trainee in _settled(klass):
        for summary in trainee.attempts:
            ended = summary["ended"]
            writer.writerow([
                klass.code, csv_safe(trainee.name), summary["exercise"], summary["id"],
                _iso(summary["started"]), _iso(ended), summary["outcome"] or "in_progress",
                summary["reason"] or "",
                _known(summary.get("score")) if is_scored(summary["outcome"], summary["reason"])
                else "", summary["steps"],
                summary["shortest"], summary["wrong"], summary["hints"],
                "" if ended is None else round(ended - summary["started"], 1),
                _known(summary.get("jumps")),
                "" if summary["outcome"] else _known(summary.get("screen")),
                _stuck_cell(summary, at, stuck_after)])
    # A byte order mark, so that a spreadsheet opens the Chinese names as UTF-8.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="class-{klass.code}-results.csv"',
        "Cache-Control": "no-store"})


@bp.get("/classes/<code>/statements.json")
def statements_json(code):
    """Every attempt's xAPI statements, to import into a Learning Record Store by hand."""
    klass, refused = _trainers_class(code)
    if refused:
        return refused
    base = current_app.config["XAPI_ACTIVITY_BASE"]
    made = [statement for trainee in _settled(klass) for summary in trainee.attempts
            for statement in statements(summary, trainee.name, klass, base)]
    return Response(json.dumps(made, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers={"Content-Disposition":
                             f'attachment; filename="class-{klass.code}-statements.json"',
                             "Cache-Control": "no-store"})


# -- the trainee's pages --------------------------------------------------------------------------

@bp.get("/join")
def join_by_code():
    """The class code typed by hand, as the projector shows it: on to the class's join page.
    A code that cannot be one, or that no class has, is said so under the field."""
    asked = "code" in request.args
    form = ClassCodeForm(request.args if asked else None)
    if not asked or not form.validate():
        return render_template("classes/join_code.html", form=form), 422 if asked else 200
    klass = classroom.find_class(class_store(), form.code.data)
    if klass is None:
        form.code.errors.append(gettext("没有班级码是 %(code)s 的班级：请对照老师投影的班级码再输一次",
                                        code=form.code.data))
        return render_template("classes/join_code.html", form=form), 404
    return redirect(url_for(".join", code=klass.code))


@bp.route("/join/<code>", methods=["GET", "POST"])
def join(code):
    klass = _find(code)
    if klass is None:
        return _unknown()
    # An ended class says so first, to those who joined it too: their practice no longer
    # counts for it.
    if not klass.is_open(now()):
        return render_template("classes/ended.html", klass=klass)
    member = membership()
    if member is not None and member["code"] == klass.code:
        return render_template("classes/joined.html", klass=klass, name=member["name"])
    form = JoinClassForm()
    if not form.validate_on_submit():
        return render_template("classes/join.html", klass=klass, form=form), \
            422 if form.errors else 200
    try:
        token = posted_once("join").token
    except StaleForm:
        flash_stale()
        return redirect(url_for(".join", code=klass.code))
    trainee_id = _keyed("trainee", klass.code, token).hexdigest()[:12]
    try:
        klass, trainee = classroom.join(class_store(), klass.code, trainee_id, form.name.data,
                                        now(), current_app.config["CLASS_MAX_TRAINEES"])
    except ClassError as refused:
        form.name.errors.append(_MESSAGES[refused.code](refused.details))
        return render_template("classes/join.html", klass=klass, form=form), 422
    except (classroom.ClassMissing, classroom.ClassesBusy):
        flash(gettext("加入班级没有成功，请重试"), "error")
        return redirect(url_for(".join", code=klass.code))
    session[MEMBER_KEY] = {"code": klass.code, "trainee": trainee.id, "name": trainee.name}
    flash(gettext("你已加入班级“%(name)s”，开始练习吧", name=klass.name), "success")
    return redirect(url_for("practice.index"))


@bp.get("/join/<code>/qr.svg")
def qr_code(code):
    """The join link as a QR code (segno), black on white whatever the theme: scanners
    need the contrast. Cached: a changed link is another URL (JoinLink.qr)."""
    klass = _find(code)
    if klass is None:
        return _unknown()
    out = io.BytesIO()
    segno.make_qr(join_link(klass).url, error="m").save(
        out, kind="svg", scale=10, border=4, dark="#000", light="#fff", xmldecl=True)
    return Response(out.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=3600"})
