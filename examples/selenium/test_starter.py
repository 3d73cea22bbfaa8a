"""A starter suite for Weilidai Mock in Selenium for Python.

Deliberately incomplete: it checks a few of the article's rules and leaves the rest to you.
Grade it (README.md) to see which planted faults it catches, then add the tests it lacks.

Selenium has no locator by role and no request client sharing the browser's cookies, so the
tests find controls by test id, aria-label and link text, seed a scenario by its start page
(/scenarios/<id>, a button that POSTs) and wait for each screen, never sleep.
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def by_testid(testid):
    return By.CSS_SELECTOR, f'[data-testid="{testid}"]'


def start(driver, base_url, scenario):
    """Put this browser's account in a scenario: its start page, then its button."""
    driver.get(f"{base_url}/scenarios/{scenario}")
    driver.find_element(*by_testid("start-scenario")).click()
    return wait_for(driver, "weilidai-home")


def wait_for(driver, screen):
    """Wait for a screen by its test id (screen-<id> on <main>)."""
    return WebDriverWait(driver, 10).until(
        EC.visibility_of_element_located(by_testid(f"screen-{screen}")))


def tap(driver, locator):
    WebDriverWait(driver, 10).until(EC.element_to_be_clickable(locator)).click()


def test_closing_with_debt_is_refused(driver, base_url):
    """R6: a loan being repaid stands in the way of closing."""
    start(driver, base_url, "repaying")
    tap(driver, (By.CSS_SELECTOR, '[aria-label="设置"]'))
    tap(driver, (By.LINK_TEXT, "微粒贷管理"))
    tap(driver, (By.LINK_TEXT, "关闭微粒贷"))
    dialog = wait_for(driver, "close-confirm").find_element(By.CSS_SELECTOR, '[role="dialog"]')
    assert "暂时不能关闭微粒贷" in dialog.text


def test_the_repay_total_is_what_repaying_everything_asks(driver, base_url):
    start(driver, base_url, "repaying")
    tap(driver, by_testid("repay"))
    total = wait_for(driver, "repay").find_element(*by_testid("outstanding")).text
    tap(driver, by_testid("repay-all"))
    asked = wait_for(driver, "repay-confirm").find_element(*by_testid("repay-amount")).text
    assert asked == total


def test_the_records_are_kept_after_closing(driver, base_url):
    """R8: a closed account still shows its loans."""
    start(driver, base_url, "closed")
    tap(driver, by_testid("records"))
    records = wait_for(driver, "records")
    assert records.find_elements(By.CSS_SELECTOR, 'section[data-testid^="loan-"]')
