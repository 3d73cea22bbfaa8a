"""Every state-changing form on the phone checks its CSRF token: sent without it, with
everything else the page gave it (its one-time token too), it is refused and changes nothing."""

import pytest

from e2e.pages import account, seed

# Screens, in a scenario where they draw their forms.
SCREENS = [("busy", "/weilidai/settings/repayment"), ("busy", "/weilidai/borrow"),
           ("fresh", "/weilidai/manage/close/password"), ("busy", "/me/settings")]


@pytest.mark.parametrize("scenario, path", SCREENS)
@pytest.mark.bughunt
def test_a_form_sent_without_its_csrf_token_is_refused(page, scenario, path):
    seed(page, scenario)
    page.goto(path)
    forms = page.get_by_role("main").locator("form[method=post]")
    assert forms.count() > 0
    before = account(page)
    for index in range(forms.count()):
        form = forms.nth(index)
        fields = {name: value for name, value in form.evaluate(
            "form => [...new FormData(form)]") if name != "csrf_token"}
        action = form.get_attribute("action")
        response = page.request.post(action, form=fields, max_redirects=0)
        assert response.status == 400, f"{action} answered {response.status}"
    assert account(page) == before
