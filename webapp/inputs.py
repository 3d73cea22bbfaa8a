"""What a person types into a number or a password field, read the same way in every form.

- Full-width characters, as a Chinese input method types them, are read as their ASCII
  twins: the digits ０-９ and the signs ，．－ (so １０００ is 1000, and １２３４５６ is the
  password 123456). Surrounding spaces do not count.
- A number may carry thousands separators (5,000) and zero decimals (1000.00 is 1000).
- Anything else is refused with a reason, which each field turns into its own words:
  ``blank``, ``not_a_number``, ``negative``, ``fraction`` (a part of a whole: 1000.50).

webapp/forms.py reads every typed number (the borrow amount, the panel's day count, the
knobs) with ``read_number`` and every payment password with ``typed``.
"""

import re

_FULL_WIDTH = {ord("０") + i: str(i) for i in range(10)}
_FULL_WIDTH.update({ord("，"): ",", ord("．"): ".", ord("－"): "-"})

# Only ASCII digits: str.isdigit() and int() would also take "³" or Arabic-Indic "٣".
_NUMBER = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?", flags=re.ASCII)

# More digits than this is past every range a field takes (and int() refuses thousands of
# digits): such a number is read as BEYOND, which every range check then refuses.
MAX_DIGITS = 9
BEYOND = 10**MAX_DIGITS


class NotANumber(ValueError):
    """What was typed is not a whole number; ``reason`` says why (see the module's doc)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def typed(text):
    """The text as typed, full-width digits and signs made ASCII, without surrounding spaces."""
    return (text or "").translate(_FULL_WIDTH).strip()


def read_number(text):
    """The whole number typed in ``text`` (0 or more), or NotANumber with the reason.

    '5000', '5,000', '５０００' and '5000.00' all give 5000."""
    text = typed(text).replace(",", "")
    if not text:
        raise NotANumber("blank")
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise NotANumber("not_a_number")
    sign, digits, decimals = match.groups()
    digits = digits.lstrip("0") or "0"
    value = int(digits) if len(digits) <= MAX_DIGITS else BEYOND
    if sign and (value or (decimals or "").strip("0")):
        raise NotANumber("negative")
    if (decimals or "").strip("0"):
        raise NotANumber("fraction")
    return value


def whole_number(text):
    """The whole number typed in ``text``, or None when it is not one (or has more digits
    than any field takes)."""
    try:
        value = read_number(text)
    except NotANumber:
        return None
    return value if value < BEYOND else None
