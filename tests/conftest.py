"""pytest configuration shared by all tests."""

import pytest

from tests import lane

# tests/fixtures holds data for the grader's own tests (a demo check module and
# demo submissions); it is graded by tests/test_grader.py, not collected here.
collect_ignore = ["fixtures"]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """A 300 s limit per test from pytest-timeout (a test dependency). Set
    here rather than in pyproject.toml, so that a pytest without the plugin
    (a student's) gives no "Unknown config option: timeout" warning."""
    if getattr(config.option, "timeout", "no plugin") is None:
        config.option.timeout = 300


def pytest_collection_modifyitems(items):
    """The tests of modules whose work starts early (tests/lane.py) run
    after all the others, in their usual order."""
    items.sort(key=lambda item: hasattr(getattr(item, "module", None), "early"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtestloop(session):
    """Start the collected modules' early work before the first test, in
    a lane beside the tests (tests/lane.py), and end it after the last;
    nothing starts where no test will run (--collect-only, a collection
    error)."""
    if not session.config.option.collectonly and not session.testsfailed:
        lane.start(session.items)
    try:
        yield
    finally:
        lane.finish()
