"""Weilidai Mock: the application factory."""

from flask import g

from webapp import config as settings
from webapp import faults, i18n, messages, paths, security, static_files
from webapp.domain import DEMO_PASSWORD, PASSWORD_TRIES, Policy
from webapp.domain.money import yuan
from webapp.events import Events
from webapp.extensions import babel, csrf
from webapp.messages import card_name, event_text
from webapp.practice.outbox import Outbox
from webapp.practice.recording import Recorder
from webapp.store import create_class_store, create_store
from webapp.templating import App, drawn_once
from webapp.views import api as api_views
from webapp.views import bug_hunt as bug_hunt_views
from webapp.views import classes as classes_views
from webapp.views import errors as errors_views
from webapp.views import guides as guides_views
from webapp.views import journeys, shared
from webapp.views import knobs as knobs_views
from webapp.views import layout as layout_views
from webapp.views import panel as panel_views
from webapp.views import panel_rows
from webapp.views import practice as practice_views
from webapp.views import scenarios as scenarios_views
from webapp.views import settings as settings_views
from webapp.views import stage as stage_views
from webapp.views import switches as switches_views
from webapp.views import tours as tours_views
from webapp.views import wechat as wechat_views
from webapp.views import weilidai as weilidai_views

def create_app(config=None):
    """Build the app: defaults, then the environment, then ``config`` overrides."""
    app = App(
        __name__,
        template_folder=str(paths.TEMPLATES),
        static_folder=str(paths.STATIC),
    )
    values = settings.from_environment()
    values.update(config or {})
    app.config.update(settings.ensure_secret_key(settings.check_thresholds(values)))
    security.init_app(app)
    static_files.init_app(app, security.response_headers(app.config))
    register_faults(app)
    register_extensions(app)
    register_account_store(app)
    register_practice(app)
    register_blueprints(app)
    register_hooks(app)
    register_template_helpers(app)
    return app


def register_extensions(app):
    csrf.init_app(app)
    babel.init_app(app, default_locale=i18n.DEFAULT, locale_selector=i18n.select_locale,
                   default_translation_directories=str(i18n.catalogues()))


def register_faults(app):
    """WEILIDAI_FAULTS as a set of ids; an id the catalogue does not have stops the app."""
    chosen = app.config["FAULTS"]
    try:
        app.config["FAULTS"] = faults.parse(chosen if isinstance(chosen, str)
                                            else ",".join(chosen))
    except faults.UnknownFault as unknown:
        raise settings.ConfigError(f"WEILIDAI_FAULTS names no fault {unknown}; one of: "
                                   f"{', '.join(faults.FAULTS)} or all") from None
    faults.init_app(app)


def register_account_store(app):
    app.extensions["account_store"] = create_store(app.config)
    app.extensions["policy"] = Policy(
        inactivity_freeze_days=app.config["INACTIVITY_FREEZE_DAYS"],
        force_close_overdue_days=app.config["FORCE_CLOSE_OVERDUE_DAYS"],
        password_lock_days=app.config["PASSWORD_LOCK_DAYS"],
    )


def register_practice(app):
    """Classes live beside the accounts, in the same backend; xAPI statements go out through
    an outbox when a Learning Record Store is configured (webapp/practice/)."""
    app.extensions["class_store"] = create_class_store(app.config)
    endpoint = app.config["XAPI_ENDPOINT"]
    app.extensions["xapi_outbox"] = outbox = Outbox(
        endpoint, app.config["XAPI_USERNAME"], app.config["XAPI_PASSWORD"],
        size=app.config["XAPI_OUTBOX_SIZE"], timeout=app.config["XAPI_TIMEOUT_SECONDS"],
        retry_max=app.config["XAPI_RETRY_MAX_SECONDS"]) if endpoint else None
    # An attempt's events (webapp/practice/events.py), and the one recorder of what follows
    # from them: the class's record, the statements.
    app.extensions["events"] = events = Events()
    app.extensions["recorder"] = recorder = Recorder(
        app.extensions["class_store"], outbox, app.config["XAPI_ACTIVITY_BASE"])
    recorder.subscribe(events)


BLUEPRINTS = (wechat_views, weilidai_views, settings_views, scenarios_views, panel_views,
              stage_views, knobs_views, bug_hunt_views, tours_views, guides_views, practice_views,
              classes_views, layout_views, api_views, errors_views)


def register_blueprints(app):
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    csrf.exempt(app.blueprints["api"])


def register_hooks(app):
    """Every hook of the app, in the order it runs: the language first (the messages of
    every later hook are in it), then the account, what follows from its change for a running
    tour or practice, presentation mode and the difficulty knobs; after the view, what the
    stage's phone shows, the cache, the knobs' loading page, the page rewritten in the
    redesigned layout when the session has it (whatever page the hooks before it made), and
    the security headers last
    (Flask runs after-request hooks in the reverse order: so they are on every response);
    with SCREEN_LOG set (the grader), first of all, the screen the request showed."""
    app.before_request(api_views.api_gate)
    app.before_request(i18n.remember_language)
    app.before_request(layout_views.remember_layout)  # as the language: ?layout=
    i18n.install_template_gettext(app)  # binds the chosen language's translations
    app.before_request(shared.load_account)
    app.before_request(journeys.follow_the_account)
    app.before_request(panel_views.remember_presentation_mode)
    app.before_request(knobs_views.slow_down_or_fail)
    app.after_request(security.headers_hook(app))
    app.after_request(layout_views.redesign_page)
    app.after_request(stage_views.remember_phone_page)
    app.after_request(shared.never_from_the_cache)
    app.after_request(knobs_views.spinner_before_result)
    if app.config["SCREEN_LOG"]:
        app.after_request(faults.log_screen)


def register_template_helpers(app):
    app.add_template_global(app.built_url, "url_for")
    app.add_template_global(i18n.html_lang)
    app.add_template_global(i18n.language_url)
    app.add_template_global(panel_views.panel_forms)
    app.add_template_global(shared.once_token)
    app.add_template_global(shared.hidden_inputs)
    app.add_template_global(switches_views.panel_switches)
    for rows in (panel_rows.panel_events, panel_rows.panel_scenarios, panel_rows.panel_tours):
        app.add_template_global(rows)
    app.add_template_global(drawn_once(app, "components/icons.html", "icon"), "icon_svg")
    app.add_template_global(shared.password_unlocks_on)
    # Named once (webapp/domain): every page that says them says these.
    app.add_template_global(DEMO_PASSWORD, "demo_password")
    app.add_template_global(PASSWORD_TRIES, "password_tries")
    app.add_template_filter(yuan)
    app.add_template_global(card_name, "card_label")
    app.add_template_global(event_text)
    for words in (messages.installment_status, messages.installment_due,
                  messages.loan_status, messages.status_text, messages.screen_title,
                  messages.route_marks):
        app.add_template_global(words)

    @app.context_processor
    def account():
        return {"account": g.get("account")}
