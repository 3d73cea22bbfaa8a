"""A starter suite's setup: Selenium for Python with Debian's Chromium and chromedriver.

    apt-get install chromium chromium-driver      # /usr/bin/chromium, /usr/bin/chromedriver

The driver's path is given explicitly (Selenium Manager would try to download one, which a
closed network cannot). CHROMIUM_PATH and CHROMEDRIVER_PATH point elsewhere. The server's
URL is BASE_URL (the grader sets it), else a local ``make run``. Each test gets a new driver:
a new session, so a new account.
"""

import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")


@pytest.fixture
def driver():
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    for argument in ("--headless=new", "--window-size=390,844",
                     "--disable-background-networking", "--no-first-run",
                     "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_PATH",
                                                     "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    yield browser
    browser.quit()
