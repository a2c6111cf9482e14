"""pytest configuration shared by all tests."""

import pytest

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
