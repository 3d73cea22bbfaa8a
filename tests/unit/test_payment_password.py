"""The 6-digit payment password: three wrong tries lock it (the one refusal that persists)."""

from datetime import timedelta

import pytest

from webapp.domain import errors


def test_a_wrong_password_says_how_many_tries_are_left_then_locks_on_the_third(demo):
    account = demo.account
    with pytest.raises(errors.WrongPassword) as first:
        account.check_password(demo.wrong_password)
    assert first.value.details["tries_left"] == 2
    with pytest.raises(errors.WrongPassword) as second:
        account.check_password("")
    assert second.value.details["tries_left"] == 1
    with pytest.raises(errors.PasswordLocked):
        account.check_password(None)
    assert account.password_locked
    assert account.locked_on == account.sim_date
    assert account.tries_left == 0
    assert [event.kind for event in account.events] == ["wrong_password"] * 3 + [
        "password_locked"]


def lock(demo):
    for _ in range(3):
        with pytest.raises(errors.DomainError):
            demo.account.check_password(demo.wrong_password)
    assert demo.account.password_locked


def test_the_lock_lifts_by_itself_after_the_configured_simulated_time(make_demo):
    from webapp.domain import Policy

    demo = make_demo(Policy(password_lock_days=2))
    account = demo.account
    lock(demo)
    assert account.password_unlocks_on(demo.policy) == account.sim_date + timedelta(days=2)
    demo.advance(1)
    assert account.password_locked
    demo.advance(1)
    assert not account.password_locked and account.tries_left == 3
    assert "password_unlocked" in [event.kind for event in account.events]
    account.check_password(demo.password)


def test_the_lock_lifts_the_next_simulated_day_by_default(demo):
    lock(demo)
    demo.advance(1)
    assert not demo.account.password_locked


def test_the_trainer_can_lift_the_lock_without_touching_anything_else(demo):
    demo.borrow()
    lock(demo)
    before = demo.snapshot()
    demo.account.unlock_password()
    after = demo.snapshot()
    assert demo.account.tries_left == 3 and not demo.account.password_locked
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"wrong_tries", "locked_on", "events", "next_event_id"}


def test_wrong_password_refusals_must_be_saved(demo):
    # The web layer saves the account before reporting these, so the count survives.
    assert errors.WrongPassword.persist is True
    assert errors.PasswordLocked.persist is True
    assert errors.OutstandingDebt.persist is False


def test_once_locked_even_the_right_password_is_refused_everywhere(demo):
    account = demo.account
    loan = demo.borrow()
    for _ in range(3):
        with pytest.raises(errors.DomainError):
            account.check_password(demo.wrong_password)
    before = demo.snapshot()
    with pytest.raises(errors.PasswordLocked):
        account.check_password(demo.password)
    with pytest.raises(errors.PasswordLocked):
        demo.borrow()
    with pytest.raises(errors.PasswordLocked):
        demo.repay_next(loan)
    with pytest.raises(errors.PasswordLocked):
        demo.repay_all()
    assert demo.snapshot() == before
    assert account.wrong_tries == 3


def test_the_right_password_before_the_lock_resets_the_count(demo):
    account = demo.account
    for _ in range(2):
        with pytest.raises(errors.WrongPassword):
            account.check_password(demo.wrong_password)
    account.check_password(demo.password)
    assert account.wrong_tries == 0
    assert account.tries_left == 3
    with pytest.raises(errors.WrongPassword) as again:
        account.check_password(demo.wrong_password)
    assert again.value.details["tries_left"] == 2


def test_R5_a_locked_password_blocks_closing(demo):
    account = demo.account
    for _ in range(3):
        with pytest.raises(errors.DomainError):
            account.close(demo.wrong_password)
    with pytest.raises(errors.PasswordLocked):
        demo.close()
    assert account.status == "active"
