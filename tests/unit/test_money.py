"""Money is int fen everywhere; ``yuan`` is the one place it becomes text."""

import pytest

from webapp.domain.money import per_million, yuan


@pytest.mark.parametrize(("fen", "text"), [
    (0, "0.00"),
    (5, "0.05"),
    (50, "0.50"),
    (100, "1.00"),
    (123456, "1,234.56"),
    (-123456, "-1,234.56"),
    (-5, "-0.05"),
    (100_000_000_00, "100,000,000.00"),
    (1_000_00, "1,000.00"),
    (999_99, "999.99"),
])
def test_yuan_shows_fen_as_yuan_with_two_decimals_and_thousands_separators(fen, text):
    assert yuan(fen) == text


def test_per_million_rounds_half_up():
    # 1 fen at 500 ppm for 1,000 days is exactly half a fen: it rounds up.
    assert per_million(1, 500, 1000) == 1
    # Just under half a fen rounds down.
    assert per_million(1, 499, 1000) == 0
    assert per_million(33333, 500, 30) == 500  # 499.995
    assert per_million(66666, 500, 31) == 1033  # 1,033.323


def test_per_million_is_simple_interest_over_days():
    assert per_million(100_000, 500) == 50
    assert per_million(100_000, 500, days=28) == 1400
    assert per_million(0, 500, 30) == 0
    assert per_million(100_000, 500, days=0) == 0
