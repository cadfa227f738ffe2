"""Shared fixtures: the bundled corpus, cleaned once per test session; no kernels in a run without notebooks."""

from __future__ import annotations

import os

import pytest

from lib import paths


def pytest_configure(config):
    """In a run that deselects notebooks (``-m "not notebook"``, ``make test-fast``), starting a Jupyter kernel
    is an error naming the test, so a test that executes a notebook cannot stay unmarked (and slow down the fast
    run). Kernels started by the runner's worker processes are refused too: they are forked from this one."""
    if "not notebook" not in (config.getoption("markexpr") or ""):
        return
    from jupyter_client.provisioning import local_provisioner

    def refuse(cmd, **kwargs):
        test = os.environ.get("PYTEST_CURRENT_TEST", "a test").split(" ")[0]
        raise RuntimeError(f"{test} starts a Jupyter kernel: mark it @pytest.mark.notebook.")

    patch = pytest.MonkeyPatch()
    patch.setattr(local_provisioner, "launch_kernel", refuse)
    config.add_cleanup(patch.undo)


@pytest.fixture(scope="session", autouse=True)
def private_annotation_cache(tmp_path_factory):
    """Notebooks run by tests annotate into a temporary cache, never the project's ``.cache/``: ``run_all`` (and
    the command line) get an explicit ``cache_dir`` unless the test gives its own."""
    from lib import report
    from lib.report import cli

    cache = tmp_path_factory.mktemp("annotation-cache")
    original = report.run_all

    def run_all(*args, cache_dir=None, **kwargs):
        return original(*args, cache_dir=cache_dir or cache, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setattr(report, "run_all", run_all)
    patch.setattr(cli, "run_all", run_all)
    yield cache
    patch.undo()


@pytest.fixture(scope="session")
def bundled_articles():
    from lib.clean import clean_articles
    from lib.corpus import load_corpus

    articles, audit = clean_articles(load_corpus(paths.CORPUS))
    return articles, audit


@pytest.fixture(scope="session")
def bundled_sentences(bundled_articles):
    from lib.text import sentence_table

    return sentence_table(bundled_articles[0])


@pytest.fixture
def chromium():
    """Debian's headless Chromium through Selenium; the test is skipped where it is not installed."""
    import shutil

    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (binary and driver):
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        yield browser
    finally:
        browser.quit()
