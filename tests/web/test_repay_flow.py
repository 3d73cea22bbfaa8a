"""还款: one installment (the earliest of its loan) or everything, from a card."""

import pytest


def installment(account, loan_id, seq):
    loan = next(loan for loan in account["loans"] if loan["id"] == loan_id)
    return next(item for item in loan["installments"] if item["seq"] == seq)


def earliest_unpaid(account, loan_id=1):
    loan = next(loan for loan in account["loans"] if loan["id"] == loan_id)
    return next(item for item in loan["installments"] if not item["paid"])


def test_the_repay_page_offers_the_earliest_installment_of_each_loan(weilidai):
    account = weilidai.scenario("busy")
    page = weilidai.get("/weilidai/repay")
    for loan in account["loans"]:
        seq = earliest_unpaid(account, loan["id"])["seq"]
        link = page.testid(f"repay-{loan['id']}-{seq}")
        assert link.attrs["href"] == f"/weilidai/repay/confirm?target={loan['id']}-{seq}"
        assert not page.has(f"repay-{loan['id']}-{seq + 1}")
    assert page.testid("repay-all").attrs["href"] == "/weilidai/repay/confirm?target=all"


def test_repaying_one_installment_takes_exactly_what_it_owes(weilidai):
    before = weilidai.scenario("repaying")
    item = earliest_unpaid(before)
    confirm = weilidai.get(f"/weilidai/repay/confirm?target=1-{item['seq']}")
    assert confirm.screen == "repay-confirm"
    assert confirm.testid("repay-amount").text.replace(",", "") == f"{item['owed'] / 100:.2f}"

    page = weilidai.repay(f"1-{item['seq']}")
    assert page.screen == "repaid"
    after = weilidai.account()
    assert installment(after, 1, item["seq"])["status"] == "paid_manual"
    assert installment(after, 1, item["seq"])["paid"] == item["owed"]
    assert after["cards"][0]["balance"] == before["cards"][0]["balance"] - item["owed"]
    assert after["outstanding"] == before["outstanding"] - item["owed"]
    assert not page.has("all-repaid")  # more installments are still to come


def test_an_installment_that_is_not_the_earliest_is_refused(weilidai):
    before = weilidai.scenario("repaying")
    later = earliest_unpaid(before)["seq"] + 1
    page = weilidai.get(f"/weilidai/repay/confirm?target=1-{later}", follow=True)
    assert page.path == "/weilidai/repay"
    assert any("最早到期的一期" in text for text in page.flashes("error"))
    assert weilidai.account() == before


def test_posting_a_later_installment_is_refused_too(weilidai):
    before = weilidai.scenario("repaying")
    later = earliest_unpaid(before)["seq"] + 1
    page = weilidai.post_form("/weilidai/repay/confirm",
                              {"target": f"1-{later}", "card": "cmb", "password": "123456"},
                              token_from="/weilidai/repay/confirm?target=all", follow=True)
    assert page.path == "/weilidai/repay"
    assert weilidai.account() == before


@pytest.mark.parametrize("target", ["garbage", "", "1", "1-", "-1", "1-2-3", "a-b", "ALL",
                                    "1-99", "99-1", "0-0"])
def test_a_target_that_is_no_installment_goes_back_to_the_repay_page(weilidai, target):
    before = weilidai.scenario("repaying")
    page = weilidai.get(f"/weilidai/repay/confirm?target={target}", follow=True)
    assert page.status == 200
    assert page.path == "/weilidai/repay"
    assert weilidai.account() == before


def test_not_enough_on_the_card_is_refused_and_nothing_changes(weilidai):
    before = weilidai.scenario("low-balance")
    assert before["cards"][0] == {**before["cards"][0], "id": "cmb", "balance": 300_00}
    item = earliest_unpaid(before)
    page = weilidai.repay(f"1-{item['seq']}")
    assert page.screen == "repay-confirm"
    assert any("余额不足" in text for text in page.flashes("error"))
    assert weilidai.account() == before


def test_repaying_all_settles_every_loan(weilidai):
    weilidai.scenario("busy")
    page = weilidai.repay_all()
    assert page.screen == "repaid"
    assert page.has("all-repaid")
    account = weilidai.account()
    assert account["outstanding"] == 0
    assert {loan["status"] for loan in account["loans"]} == {"settled"}
    assert weilidai.get("/weilidai/repay").has("nothing-to-repay")


def test_a_wrong_password_repays_nothing(weilidai):
    before = weilidai.scenario("repaying")
    page = weilidai.repay_all(password=weilidai.wrong_password)
    assert page.screen == "repay-confirm"
    assert any("还可以再试 2 次" in text for text in page.flashes("error"))
    after = weilidai.account()
    assert after["outstanding"] == before["outstanding"]
    assert after["cards"] == before["cards"]


def test_an_unknown_card_repays_nothing(weilidai):
    before = weilidai.scenario("repaying")
    page = weilidai.repay_all(card="evil")
    assert page.status == 422
    assert page.field_errors()
    assert weilidai.account() == before


def test_with_nothing_owed_repay_all_goes_back_with_a_message(weilidai):
    page = weilidai.get("/weilidai/repay/confirm?target=all", follow=True)
    assert page.path == "/weilidai/repay"
    assert any("没有需要还的借款" in text for text in page.flashes("error"))


def test_reloading_the_result_page_does_not_repay_again(weilidai):
    weilidai.scenario("repaying")
    page = weilidai.repay("1-2")
    after = weilidai.account()
    assert weilidai.get(page.path).screen == "repaid"
    assert weilidai.account() == after


def test_an_overdue_installment_can_be_repaid_and_stays_marked_r4(weilidai):
    weilidai.scenario("overdue")
    page = weilidai.repay("1-1")
    assert page.screen == "repaid"
    account = weilidai.account()
    assert installment(account, 1, 1)["status"] == "paid_manual"
    assert account["bad_credit"] is True
