"""One session hit by many requests at once, as people really do it; each story checks that
no update was lost, nothing was done twice and the invariants hold. They take a Browser, so
the same stories run through the Flask test client and against gunicorn workers."""

from tests.production.support import (PASSWORD, assert_invariants, balance, days_between,
                                      in_threads, new_events)

# Answers a racing request may get: done or refused (a redirect), the API's OK, or "busy,
# try again" when every attempt lost its race. Never a 500.
FORM_ANSWERS = {302, 503}
API_ANSWERS = {200, 503}


def next_installment(account):
    loan = account["loans"][0]
    seq = next(item["seq"] for item in loan["installments"] if not item["paid"])
    return f"{loan['id']}-{seq}"


def paid_installments(before, after):
    """(loan, seq) of every installment paid since ``before``, once per payment."""
    paid = []
    for event in new_events(before, after, "repaid", "auto_repaid"):
        if event["seq"] is not None:
            paid.append((event["loan"], event["seq"]))
        else:  # a repay-all: every installment unpaid before and paid now
            paid += [(loan["id"], item["seq"]) for loan in before["loans"]
                     for item in loan["installments"] if not item["paid"]]
    return paid


def assert_money_adds_up(before, after):
    """The card lost exactly what the new repayments say was taken, and each installment was
    paid at most once."""
    taken = sum(event["amount"] for event in new_events(before, after, "repaid", "auto_repaid"))
    assert balance(before) - balance(after) == taken
    paid = paid_installments(before, after)
    assert len(paid) == len(set(paid)), f"an installment was paid twice: {paid}"


def shown_amount(account, target):
    """The amount the 确认还款 page shows for ``target``, which its form sends back."""
    if target == "all":
        return account["outstanding"]
    loan_id, seq = map(int, target.split("-"))
    loan = next(loan for loan in account["loans"] if loan["id"] == loan_id)
    return next(item["owed"] for item in loan["installments"] if item["seq"] == seq)


def double_clicked_repay(browser, clicks, everything=False):
    """还款 tapped ``clicks`` times at once (one form, so one token sent ``clicks`` times):
    exactly one deduction, of the amount shown, and every tap lands on its result."""
    before = browser.api("scenario", name="repaying")
    target = "all" if everything else next_installment(before)
    once, expected = browser.form_token(), shown_amount(before, target)
    responses = in_threads(clicks, lambda _: browser.post_form(
        "/weilidai/repay/confirm", target=target, card="cmb", password=PASSWORD,
        expected=str(expected), once=once))
    after = browser.account()
    answers = [response.status for response in responses]
    assert set(answers) <= FORM_ANSWERS, answers
    done = {r.location for r in responses if "/weilidai/repay/done/" in (r.location or "")}
    assert len(done) == 1, f"sent to {done}: not one result for one repayment"
    repaid = new_events(before, after, "repaid")
    assert len(repaid) == 1, repaid
    assert done == {f"/weilidai/repay/done/{repaid[0]['id']}"}
    assert balance(before) - balance(after) == repaid[0]["amount"] == expected > 0
    assert_money_adds_up(before, after)
    assert_invariants(after)
    return answers


def two_tabs_toggling_auto_repay(browser, rounds):
    """Tab A keeps turning 自动还款 off, tab B keeps turning it on, while a third tab moves
    the clock a day at a time: every move counts, every switch is recorded in order."""
    before = browser.api("scenario", name="repaying")

    def tab(i):
        answers = []
        for _ in range(rounds):
            if i == 0:
                answers.append(browser.post_form("/weilidai/settings/repayment").status)
            elif i == 1:
                answers.append(browser.post_form("/weilidai/settings/repayment",
                                                 auto_repay="y").status)
            else:
                answers.append(browser.request("POST", "/api/clock",
                                               json_body={"days": 1}).status)
        return answers

    off, on, clock = in_threads(3, tab)
    after = browser.account()
    assert set(off + on) <= FORM_ANSWERS, (off, on)
    assert set(clock) <= API_ANSWERS, clock
    assert days_between(before, after) == clock.count(200)
    switches = [e["kind"] for e in new_events(before, after, "auto_repay_on", "auto_repay_off")]
    assert all(a != b for a, b in zip(switches, switches[1:])), f"not alternating: {switches}"
    if switches:
        assert after["auto_repay"] == (switches[-1] == "auto_repay_on")
    assert_money_adds_up(before, after)
    assert_invariants(after)


def clock_moves_racing_a_repayment(browser, movers, days_each, clicks):
    """Trainers' clock moves (the panel and the API) racing a double-clicked 还款 of the
    next installment: every move counts, and the installment is paid once, by hand (the
    amount its page showed, or nothing if a move changed it first) or by auto-repay on its
    due date."""
    before = browser.api("scenario", name="repaying")
    target = next_installment(before)
    once, expected = browser.form_token(), shown_amount(before, target)
    responses = []

    def work(i):
        answers = []
        if i < clicks:
            response = browser.post_form("/weilidai/repay/confirm", target=target, card="cmb",
                                         password=PASSWORD, expected=str(expected), once=once)
            responses.append(response)
            answers.append(response.status)
            return "repay", answers
        for _ in range(days_each):
            if i % 2:
                answers.append(browser.post_form("/panel/clock", days="1", next="/weilidai")
                               .status)
            else:
                answers.append(browser.request("POST", "/api/clock", json_body={"days": 1})
                               .status)
        return "clock", answers

    results = in_threads(clicks + movers, work)
    after = browser.account()
    repays = [a for kind, answers in results if kind == "repay" for a in answers]
    moves = [a for kind, answers in results if kind == "clock" for a in answers]
    assert set(repays) <= FORM_ANSWERS, repays
    assert set(moves) <= FORM_ANSWERS | API_ANSWERS, moves
    # A day's move is never refused: each 200 (API) or 302 (panel) is one day, a 503 none.
    assert days_between(before, after) == moves.count(200) + moves.count(302)
    # Paid once: by hand (a tap that landed on the result page), with exactly the amount
    # shown, or on its due date by auto-repay; not at all if every tap was refused (a move
    # changed the amount first: 金额已变化) or busy, and the date never came.
    loan, seq = map(int, target.split("-"))
    due_date_came = after["sim_date"] >= before["next_due"]
    by_hand = {r.location for r in responses if "/weilidai/repay/done/" in (r.location or "")}
    assert len(by_hand) <= 1, by_hand
    paid = 1 if by_hand or due_date_came else 0
    assert paid_installments(before, after).count((loan, seq)) == paid
    if by_hand:
        (repaid,) = new_events(before, after, "repaid")
        assert repaid["amount"] == expected
    assert_money_adds_up(before, after)
    assert_invariants(after)
