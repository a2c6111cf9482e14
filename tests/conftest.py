"""pytest configuration shared by all tests."""

# tests/fixtures holds data for the grader's own tests (a demo check module and
# demo submissions); it is graded by tests/test_grader.py, not collected here.
collect_ignore = ["fixtures"]
