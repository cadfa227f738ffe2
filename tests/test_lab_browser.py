"""The explorer in a real JupyterLab, driven by headless Chromium: run the notebook, type a query, read KWIC."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import time
import urllib.request

import pytest

from lib import lab, paths

EXPLORER = paths.NOTEBOOKS / "05_explore.ipynb"


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on a free port, serving a copy of the explorer notebook (autosave never touches the repo)."""
    shutil.copy(EXPLORER, tmp_path / EXPLORER.name)
    port, token = lab.free_port(), secrets.token_hex(8)
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(lab.lab_command(port=port, token=token, notebook_dir=tmp_path, expose_app=True),
                               env=lab.lab_environment(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail((tmp_path / "lab.log").read_text())
                time.sleep(0.25)
        yield url, token
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_lab_settings_turn_the_news_prompt_off(jupyterlab):
    url, token = jupyterlab
    plugin = "@jupyterlab/apputils-extension:notification"
    with urllib.request.urlopen(f"{url}/lab/api/settings/{plugin}?token={token}", timeout=10) as response:
        schema = json.load(response)["schema"]  # the server writes overrides into the schema's defaults
    defaults = {name: spec.get("default") for name, spec in schema["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False


@pytest.mark.browser
def test_explorer_answers_a_typed_query_in_jupyterlab(jupyterlab, chromium):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    url, token = jupyterlab
    chromium.get(f"{url}/lab/tree/{EXPLORER.name}?token={token}")
    wait = WebDriverWait(chromium, 90, poll_frequency=0.5)
    wait.until(lambda b: b.execute_script(
        "const a = window.jupyterapp; const w = a && a.shell.currentWidget;"
        "return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel);"))
    chromium.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    box = wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".explorer-query input"))[0]
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("ceasefire", Keys.ENTER)
    kwic = wait.until(lambda b: [e for e in b.find_elements(By.CSS_SELECTOR, ".explorer-kwic")
                                 if "hits in" in e.text and "ceasefire" in e.text.lower()])[0]
    # 14 whole-word hits in the raw files (grep -oiw), one in a "Read more" list that cleaning drops
    assert "13 hits in 5 articles" in kwic.text
    assert "mark" in kwic.get_attribute("innerHTML")

