"""One FlaskForm per POST. Labels and messages are the product's words."""

import re
from datetime import date

from functools import lru_cache

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path
from wtforms import (BooleanField, HiddenField, RadioField, SelectChoice, SelectMultipleField,
                     StringField, SubmitField)
from wtforms.validators import DataRequired, InputRequired, StopValidation, ValidationError

from webapp import switches
from webapp.domain import TERMS
from webapp.domain.money import FEN_PER_YUAN
from webapp.i18n import lazy_gettext as _l
from webapp.inputs import NotANumber, read_number, typed, whole_number
from webapp.messages import card_name
from webapp.practice.classes import (CLASS_NAME_MAX, CODE_LENGTH, NAME_MAX, BadCode, BadName,
                                     clean_name, read_code)


@lru_cache(maxsize=8)
def _wtforms_translations(locale):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Form(FlaskForm):
    """Every form of the app. WTForms' own messages in the page's language, their catalogue
    read once per process and language: Flask-WTF reads and parses it again for every
    request that builds a form (bench/RESULTS.md: 6% of a confirmation page, 14% of a tour's
    page)."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_translations(str(get_locale()))


class PaymentPassword:
    """The 6-digit payment password of every password form, read as webapp/inputs.py reads
    what is typed (１２３４５６ is 123456): the field's data is the password as read."""

    message = _l("请输入 6 位数字支付密码")

    def __call__(self, form, field):
        field.data = typed(field.data)
        if not re.fullmatch(r"[0-9]{6}", field.data, flags=re.ASCII):
            raise ValidationError(self.message)


PASSWORD_RULE = PaymentPassword()


class Checkbox(BooleanField):
    """A checkbox as a browser or a script sends it: left out, or ``0``, ``false``, ``off``,
    ``no`` or empty (in any case) is off; any other value is on. WTForms' own BooleanField
    takes only "false" and "" as off, so ``auto_repay=0`` would turn auto-repay on."""

    false_values = ("", "0", "false", "off", "no")

    def process_formdata(self, valuelist):
        self.data = bool(valuelist) and typed(valuelist[0]).lower() not in self.false_values


def card_choices(account):
    return [SelectChoice(card.id, card_name(card)) for card in account.cards]


def parse_yuan(text):
    """Whole yuan as fen, or None: '5000' -> 500000."""
    number = whole_number(text)
    return None if number is None else number * FEN_PER_YUAN


class AmountField(StringField):
    """An amount typed in whole yuan (webapp/inputs.py); ``.fen`` holds it in fen once valid."""

    fen = None
    refusals = {
        "not_a_number": _l("请输入整数金额，例如 5000"),
        "fraction": _l("借款金额只能是整元，例如 5000"),
        "negative": _l("借款金额不能是负数"),
    }

    def pre_validate(self, form):
        try:
            yuan = read_number(self.data)
        except NotANumber as refused:
            if refused.reason == "blank":
                raise StopValidation(_l("请输入借款金额")) from None
            raise ValidationError(self.refusals[refused.reason]) from None
        if yuan == 0:
            raise ValidationError(_l("借款金额须大于 0"))
        self.fen = yuan * FEN_PER_YUAN


class BorrowForm(Form):
    amount = AmountField(_l("借款金额（元）"),
                         validators=[InputRequired(message=_l("请输入借款金额"))])
    term = RadioField(_l("借款期限"),
                      choices=[SelectChoice(str(n), _l("%(n)s 个月", n=n)) for n in TERMS],
                      default=str(TERMS[1]),
                      validators=[InputRequired(message=_l("请选择借款期限"))],
                      invalid_choice_message=_l("请选择 3、6 或 12 个月的借款期限"))
    card = RadioField(_l("收款银行卡"), validators=[InputRequired(message=_l("请选择收款银行卡"))],
                      invalid_choice_message=_l("找不到这张银行卡，请重新选择"))
    auto_repay = Checkbox(_l("开启自动还款（到期自动从还款卡扣款）"), default=True)
    submit = SubmitField(_l("下一步"))

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.card.choices = card_choices(account)
        if self.card.data is None and account.cards:
            self.card.data = account.repayment_card_id


class BorrowConfirmForm(Form):
    """The plan the user saw, carried back; the domain checks it all again. ``total`` and
    ``first_due`` are what the plan showed: if it is another plan now, nothing is borrowed."""

    amount = HiddenField(validators=[DataRequired()])
    term = HiddenField(validators=[DataRequired()])
    card = HiddenField(validators=[DataRequired()])
    auto_repay = HiddenField()
    total = HiddenField()
    first_due = HiddenField()
    password = StringField(_l("支付密码"), validators=[PASSWORD_RULE])
    submit = SubmitField(_l("确认借款"))

    @property
    def quoted(self):
        """(total, first due date) as the page showed them, or None if they are not there."""
        total = whole_number(self.total.data)
        try:
            first_due = date.fromisoformat(self.first_due.data or "")
        except ValueError:
            return None
        return None if total is None else (total, first_due)


class RepayForm(Form):
    target = HiddenField(validators=[DataRequired()])
    # The amount the page showed, in fen: if repaying takes another amount now, nothing moves.
    expected = HiddenField()
    card = RadioField(_l("付款银行卡"), validators=[InputRequired(message=_l("请选择付款银行卡"))],
                      invalid_choice_message=_l("找不到这张银行卡，请重新选择"))
    password = StringField(_l("支付密码"), validators=[PASSWORD_RULE])
    submit = SubmitField(_l("确认还款"))

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.card.choices = card_choices(account)
        if self.card.data is None and account.cards:
            self.card.data = account.repayment_card_id


class AutoRepayForm(Form):
    """R11: the 自动还款 switch."""

    auto_repay = Checkbox(_l("自动还款"))
    submit = SubmitField(_l("保存"))


class RepaymentCardForm(Form):
    card = RadioField(_l("还款银行卡"), validators=[InputRequired(message=_l("请选择还款银行卡"))],
                      invalid_choice_message=_l("找不到这张银行卡，请重新选择"))
    submit = SubmitField(_l("保存还款银行卡"))

    def __init__(self, account, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.card.choices = card_choices(account)
        if self.card.data is None:
            self.card.data = account.repayment_card_id


class ClosePasswordForm(Form):
    password = StringField(_l("支付密码"), validators=[PASSWORD_RULE])
    submit = SubmitField(_l("确认关闭"))


class ActionForm(Form):
    """A POST that needs nothing but its CSRF token (start a scenario, reset)."""

    submit = SubmitField(_l("开始"))


class ScenarioForm(Form):
    scenario = RadioField(_l("场景"), validators=[InputRequired(message=_l("请选择一个场景"))])
    next = HiddenField()
    submit = SubmitField(_l("开始场景"))

    def __init__(self, scenarios, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scenario.choices = [SelectChoice(s.id, s.title) for s in scenarios]


class ClockForm(Form):
    """Move the simulated date: by ``days``, or ``to`` the next due date."""

    days = StringField(_l("天数"))
    to = HiddenField()
    next = HiddenField()
    submit = SubmitField(_l("前进"))

    def validate_days(self, field):
        if self.to.data == "next-due":
            return
        try:
            days = read_number(field.data)
        except NotANumber:
            days = 0
        if days == 0:
            raise ValidationError(_l("请输入大于 0 的整天数"))
        # A number of too many digits is read as one past the clock's range: the domain says so.
        self.day_count = days

    day_count = None


class PanelActionForm(Form):
    """Reset, presentation mode: a POST with only its token and where to go back to."""

    next = HiddenField()
    submit = SubmitField(_l("确定"))


class RangeField(StringField):
    """A whole number from 0 to ``maximum``, typed as webapp/inputs.py reads it, blank meaning
    0; ``.value`` holds it once valid."""

    value = None

    def __init__(self, label, maximum, message, **kwargs):
        super().__init__(label, **kwargs)
        self.maximum, self.message = maximum, message

    def pre_validate(self, form):
        try:
            self.value = read_number(self.data)
        except NotANumber as refused:
            self.value = 0 if refused.reason == "blank" else None
        if self.value is None or self.value > self.maximum:
            self.value = None
            raise ValidationError(self.message)


class SwitchField(Checkbox):
    """A switch's box: on or off, as a Checkbox reads it; ``.value`` is whether it is on."""

    @property
    def value(self):
        return self.data


class ChoicesField(SelectMultipleField):
    """The choices of a SET switch that are ticked; ``.value`` is them, a set."""

    @property
    def value(self):
        return frozenset(self.data or ())


def switch_field(switch):
    """The form field of a session switch (webapp/switches.py), named and bounded as it is
    declared; its ``.value`` is what was sent, once the form is valid."""
    label = _l(switch.label)
    if switch.kind == switches.BOOLEAN:
        return SwitchField(label)
    if switch.kind == switches.INTEGER:
        return RangeField(label, switch.maximum, _l(switch.invalid, max=switch.maximum))
    if switch.kind == switches.SET:
        return ChoicesField(label, choices=switch.values,
                            invalid_choice_message=_l(switch.invalid))
    raise ValueError(f"{switch.id}: a {switch.kind} switch is set by a link, not a form")


class SwitchesForm(Form):
    """A form of session switches: one field per switch (named by its ``field``), ``next``
    to go back to; ``values()`` is {switch id: value} once valid."""

    SWITCHES = ()
    next = HiddenField()

    def values(self):
        return {switch.id: self[switch.field].value for switch in self.SWITCHES}


def switches_form(chosen):
    """The base of a form of the switches ``chosen``: a field for each, in their order."""
    fields = {switch.field: switch_field(switch) for switch in chosen}
    return type("SwitchesForm", (SwitchesForm,), {"SWITCHES": tuple(chosen), **fields})


class KnobsForm(switches_form(switches.KNOBS)):
    """The panel's difficulty knobs (webapp/knobs.py); 全部关闭 turns every one off."""

    submit = SubmitField(_l("保存"))
    off = SubmitField(_l("全部关闭"))


class FaultsForm(switches_form((switches.FAULTS,))):
    """The panel's 找茬: the planted faults to turn on (webapp/faults.py), one box each (drawn
    by templates/panel/_faults.html itself, with the panel's shared token and ``next``);
    全部关闭 turns off every one the session turned on."""

    submit = SubmitField(_l("开启所选"))
    off = SubmitField(_l("全部关闭"))


class TourStartForm(Form):
    """Start a guided tour (webapp/tours/), or 再学一次; autoplay "1" plays it by itself."""

    autoplay = HiddenField()
    submit = SubmitField(_l("开始练习"))


class CareModeForm(switches_form((switches.CARE,))):
    """我 → 设置 → 关怀模式 (larger text and targets), also the panel's toggle."""

    submit = SubmitField(_l("保存"))


class _NameField(StringField):
    """A name as webapp/practice/classes.py's clean_name reads it; ``.data`` is the clean
    name once valid."""

    longest = NAME_MAX
    refusals = {}

    def pre_validate(self, form):
        try:
            self.data = clean_name(self.data, self.longest)
        except BadName as refused:
            message = self.refusals[refused.details["reason"]]
            raise StopValidation(str(message) % {"longest": self.longest}) from None


class ClassNameField(_NameField):
    longest = CLASS_NAME_MAX
    refusals = {"blank": _l("请输入班级名称"),
                "too_long": _l("班级名称最多 %(longest)s 个字"),
                "unprintable": _l("班级名称里有不能显示的字符")}


class DisplayNameField(_NameField):
    longest = NAME_MAX
    refusals = {"blank": _l("请输入你的名字"),
                "too_long": _l("名字最多 %(longest)s 个字"),
                "unprintable": _l("名字里有不能显示的字符")}


class NewClassForm(Form):
    """/classes/new: a trainer opens a class."""

    name = ClassNameField(_l("班级名称"))
    submit = SubmitField(_l("开班"))


class JoinClassForm(Form):
    """/join/<code>: a trainee's display name, shown on the trainer's dashboard."""

    name = DisplayNameField(_l("你的名字"))
    submit = SubmitField(_l("加入班级"))


class ClassCodeField(StringField):
    """A class code as webapp/practice/classes.py's read_code reads it; ``.data`` is the
    code once valid."""

    refusals = {"blank": _l("请输入班级码"),
                "length": _l("班级码是 %(length)s 个字母和数字，你输入了 %(count)s 个"),
                "letters": _l("班级码里没有这些字符：%(letters)s（班级码不用 0、1、I、L、O）")}

    def pre_validate(self, form):
        try:
            self.data = read_code(self.data)
        except BadCode as refused:
            message = self.refusals[refused.details["reason"]]
            raise StopValidation(str(message) % {**refused.details, "length": CODE_LENGTH}) \
                from None


class ClassCodeForm(Form):
    """/join: the class code as a trainee types it from the projector. Sent by GET: it
    only finds a class, and changes nothing."""

    class Meta(Form.Meta):
        csrf = False

    code = ClassCodeField(_l("班级码"), render_kw={
        "autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false",
        "maxlength": 40})
    submit = SubmitField(_l("找班级"))
