"""Article text is untrusted: in every report it must appear as text, never as live markup or script."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from lib import report

pytestmark = pytest.mark.notebook  # every test here renders the hostile corpus through the runner

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
HOSTILE = (
    "Envoy Steve Witkoff met Kirill Dmitriev in Washington on Monday to discuss a ceasefire.\n"
    f"A leaked memo read {PAYLOADS[0]} and the Kremlin said nothing.\n"
    f"“Security guarantees {PAYLOADS[1]} may be acceptable,” Dmitriev told reporters.\n"
    "Putin and Trump spoke later about sanctions and energy infrastructure.\n"
)


class LiveMarkup(HTMLParser):
    """Collects script bodies, event-handler attributes and the visible text of a page."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.text, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.handlers += [value or "" for name, value in attrs if name.startswith("on")]
        if tag == "img":
            self.handlers += [value or "" for name, value in attrs if name == "src" and value == "x"]

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "x1_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "x2_plain.txt").write_text("Talks in Riyadh ended without a deal, Lavrov said on Tuesday.\n"
                                         "The EU prepared new sanctions against Russia.\n", encoding="utf-8")
    (corpus / "x3_unreadable.txt").write_bytes(b"\x00\x01binary\x00" * 64)  # skipped, listed, never fatal
    out = tmp_path_factory.mktemp("out")
    notebooks = report.find_notebooks()
    results = report.run_all(notebooks, {nb: {"corpus": str(corpus)} for nb in notebooks}, out, jobs=2,
                             progress=False, cache_dir=tmp_path_factory.mktemp("cache"))
    return out, results


def pages(out):
    return sorted(out.glob("*.html"))


def test_hostile_corpus_renders(hostile_reports):
    _, results = hostile_reports
    assert all(r.status == "ok" for r in results), [(r.name, r.error) for r in results]


def test_every_notebook_lists_the_skipped_file_and_why(hostile_reports):
    out, results = hostile_reports
    for result in results:
        page = (out / f"{result.name}.html").read_text(encoding="utf-8")
        assert "x3_unreadable.txt" in page, result.name


def test_the_index_forbids_scripts_too(hostile_reports):
    out, _ = hostile_reports
    assert "script-src 'none'" in (out / "index.html").read_text(encoding="utf-8")


def test_payloads_are_text_not_markup(hostile_reports):
    out, _ = hostile_reports
    shown = 0
    for page in pages(out):
        parser = LiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not any("alert(1)" in s for s in parser.scripts), page.name
        assert not any("alert(1)" in h for h in parser.handlers), page.name
        visible = "".join(parser.text)
        shown += sum(p in visible for p in PAYLOADS)
    assert shown >= 2, "the payloads should be visible as text in the reports"


def test_reports_forbid_scripts_by_policy(hostile_reports):
    out, _ = hostile_reports
    for page in pages(out):
        if page.name != "index.html":
            assert "script-src 'none'" in page.read_text(encoding="utf-8"), page.name


@pytest.mark.browser
def test_no_dialog_fires_in_a_real_browser(hostile_reports, chromium):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    out, _ = hostile_reports
    browser = chromium  # tests/conftest.py: skipped where Chromium is absent
    # The check itself must be able to fail: a page that does run the payload raises a dialog.
    canary = out / "canary.html"
    canary.write_text(f"<html><body>{PAYLOADS[1]}</body></html>", encoding="utf-8")
    browser.get(canary.as_uri())
    WebDriverWait(browser, 5).until(expected_conditions.alert_is_present())
    browser.switch_to.alert.accept()
    canary.unlink()
    for page in pages(out):
        browser.get(page.as_uri())
        with pytest.raises(TimeoutException):
            WebDriverWait(browser, 1).until(expected_conditions.alert_is_present())
        assert "Dmitriev" in browser.page_source or page.name == "index.html"

