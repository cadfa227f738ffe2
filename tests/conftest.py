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
