"""The minigrad grader: checks, sandbox, runner, reports (see grader.py)."""
