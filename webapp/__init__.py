"""Weilidai Mock: the application factory."""

from pathlib import Path

from flask import g

from webapp import config as settings
from webapp import faults, i18n, messages, security, static_files, views
from webapp.domain import Policy
from webapp.domain.money import yuan
from webapp.extensions import babel, csrf
from webapp.messages import card_name, event_text
from webapp.practice.outbox import Outbox
from webapp.store import create_class_store, create_store
from webapp.templating import App

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the app: defaults, then the environment, then ``config`` overrides."""
    app = App(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
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
    register_template_helpers(app)
    return app


def register_extensions(app):
    csrf.init_app(app)
    babel.init_app(app, default_locale=i18n.DEFAULT, locale_selector=i18n.select_locale,
                   default_translation_directories=str(i18n.TRANSLATIONS))
    app.before_request(i18n.remember_language)
    i18n.install_template_gettext(app)
    app.add_template_global(i18n.html_lang)
    app.add_template_global(i18n.language_url)


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
    app.extensions["xapi_outbox"] = Outbox(
        endpoint, app.config["XAPI_USERNAME"], app.config["XAPI_PASSWORD"],
        size=app.config["XAPI_OUTBOX_SIZE"], timeout=app.config["XAPI_TIMEOUT_SECONDS"],
        retry_max=app.config["XAPI_RETRY_MAX_SECONDS"]) if endpoint else None


def register_blueprints(app):
    views.register(app)
    csrf.exempt(app.blueprints["api"])


def register_template_helpers(app):
    app.add_template_filter(yuan)
    app.add_template_global(card_name, "card_label")
    app.add_template_global(event_text)
    for words in (messages.installment_status, messages.installment_due,
                  messages.loan_status, messages.status_text):
        app.add_template_global(words)

    @app.context_processor
    def account():
        return {"account": g.get("account")}
