"""The panel's 找茬: a trainer switches planted faults on for a bug-hunting exercise
(webapp/faults.py), for this session only, as ``POST /api/faults`` does."""

from flask import Blueprint, flash, redirect

from webapp import faults
from webapp.forms import FaultsForm
from webapp.i18n import gettext, ngettext
from webapp.views.journeys import settings_changed
from webapp.views.shared import first_time_in_session, safe_next

bp = Blueprint("bug_hunt", __name__)


@bp.post("/panel/faults")
def panel_save():
    """开启所选 turns on the ticked faults and off every other of the session's own;
    全部关闭 sends none. The flash says how many, never which: the phone is what is hunted."""
    form = FaultsForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    elif first_time_in_session():
        chosen = frozenset() if form.off.data else form.values()["faults"]
        faults.save(chosen)
        settings_changed()
        flash(ngettext("找茬：已开启 %(num)s 个故障", "找茬：已开启 %(num)s 个故障", len(chosen))
              if chosen else gettext("找茬：故障已全部关闭"), "success")
    return redirect(safe_next(form.next.data))

