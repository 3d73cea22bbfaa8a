"""Money is an int of fen everywhere; this is the one place that turns it into text."""

FEN_PER_YUAN = 100
PPM = 1_000_000


def yuan(fen):
    """Fen as yuan with two decimals and thousands separators: 123456 -> '1,234.56'."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{cents:02d}"


def per_million(amount, ppm, days=1):
    """Simple interest of ``amount`` fen at ``ppm`` parts per million a day, rounded half up."""
    return (amount * ppm * days + PPM // 2) // PPM
