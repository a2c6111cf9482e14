"""The one formatter of values for messages and reports.

Python's spelling of a value, so it reads like the student's own code:
``True``, ``None``, floats to 10 significant digits, lists and tuples as
``[...]``, dicts as ``{'k': v}``. Bounded: at most ``depth`` levels, at most
``items`` items a level, each leaf cut; it never raises (a ``repr`` that
fails shows the type's name). ``cut`` is its short form for a value too
large to keep in a report.
"""


def show(value, limit=None, items=None, depth=10, leaf=None):
    """``value`` as text: ``depth`` levels at most ("[...]", "{...}" below),
    at most ``items`` items a level (then ", ..."), each leaf's text at most
    ``leaf`` characters and the whole at most ``limit`` (then " ...")."""
    text = _show(value, 0, items, depth, leaf)
    if limit is not None and len(text) > limit:
        text = text[:limit] + " ..."
    return text


def _show(x, level, items, depth, leaf):
    if isinstance(x, float):
        text = "%.10g" % x
    elif isinstance(x, (list, tuple, dict)):
        if level >= depth:
            return "{...}" if isinstance(x, dict) else "[...]"
        entries = list(x.items()) if isinstance(x, dict) else list(x)
        more = items is not None and len(entries) > items
        if more:
            entries = entries[:items]
        if isinstance(x, dict):
            inner = ", ".join("%s: %s" % (_show(k, level + 1, items, depth, leaf),
                                          _show(v, level + 1, items, depth, leaf))
                              for k, v in entries)
            return "{" + inner + (", ...}" if more else "}")
        inner = ", ".join(_show(v, level + 1, items, depth, leaf) for v in entries)
        return "[" + inner + (", ...]" if more else "]")
    else:
        try:
            text = repr(x)
        except Exception:  # noqa: BLE001 -- RecursionError, a hostile __repr__
            text = "(%s)" % type(x).__name__
    if leaf is not None and len(text) > leaf:
        text = text[:leaf] + " ..."
    return text


def short(value, limit=300):
    """A string as it is, anything else ``show``n; at most ``limit`` characters."""
    text = value if isinstance(value, str) else show(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def cut(value, budget=2000):
    """A short text for a value too large to keep: a string's head and its
    length, a list's first items and its length, a dict's size."""
    if isinstance(value, str):
        return value[:budget] + " ... (%d characters)" % len(value)
    if isinstance(value, (list, tuple)):
        return "%s (a list of %d items)" % (show(value, items=8, depth=4, leaf=40), len(value))
    if isinstance(value, dict):
        return "{...} (a dict of %d keys)" % len(value)
    return show(value, limit=budget)
