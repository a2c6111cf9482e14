"""What crosses between the grader and the sandbox child, and its limits.

Both sides use this file: the grader imports it as ``grading.sandbox.wire``,
the child as ``wire`` (it is copied into the sandbox folder next to
``child.py`` and ``guard.py``). So it imports nothing but the standard
library, and never ``subprocess``.

The channel is two private pipes, one JSON record a line (UTF-8; nan and
inf allowed). Every record the child sends carries the run's ``nonce``.

grader -> child
    the config (first line): {"nonce", "module", "student_dir", "extra_paths",
        "scratch", "preload", "guard", "user", "display_dir", "stub"}
    a request: {"id", "kind": "call" | "drive", "name", "args", "kwargs"};
        in the arguments {"__fn__": name, "args": [...]} names a public
        function, {"__cb__": index, "name": ...} a Callback of the request
    a callback's value: {"callback": true, "ok": true, "value"} or
        {"callback": true, "ok": false, "message"}

child -> grader
    ready (id -1): {"nonce", "id": -1, "ok": true, "value": {"uid", "pid"}}
    imported (id 0), or an answer: {"nonce", "id", "ok": true, "value"}
    a failure: {"nonce", "id", "ok": false, "error": ERROR, "detail": traceback}
    a callback call: {"nonce", "id", "callback": index, "args": [...]}

ERROR is a structured record, never prose: the grader words the message a
student reads (``grading.sandbox.messages``). Its ``kind`` is one of
ERROR_KINDS:

    {"kind": "not_implemented", "task": "6.5", "function": "forward"}
    {"kind": "exception", "type": "IndexError", "text": str(exc), "function"}
    {"kind": "recursion", "function"}
    {"kind": "forbidden", "text": the guard's refusal, "function"}
    {"kind": "exit", "how": "sys.exit" | "KeyboardInterrupt" | "raise",
        "code": text, "type": name, "function"}
    {"kind": "memory" | "output", "function"}
    {"kind": "not_found", "function"}
    {"kind": "bad_return", "function", "why": "a Foo"}
    {"kind": "syntax", "text": exc.msg}                  (import only)

``function`` is the function (or driver) the request named; absent while
the module is imported.
"""

import json
import re

# -- limits (both sides) ------------------------------------------------------

MAX_FILES = 50              # exercise files copied into a sandbox
MAX_FILE_BYTES = 1 << 20    # the largest exercise file (bytes)
MAX_DEPTH = 20              # levels an answer may nest (the child refuses more)
MAX_RECORD_DEPTH = 24       # levels a whole record may nest: an answer inside one dict
MAX_REQUEST_DEPTH = 64      # levels a check's (trusted) arguments may nest
MAX_CALLBACK_BYTES = 64 * 1024  # the arguments of one call of a Callback
REPLY_KB = 1024             # the largest answer read back (the default of limits["reply_kb"])
EXCEPTION_TEXT = 500        # characters of str(exc) the child sends
MESSAGE_LIMIT = 2000        # characters of a message (it may quote the student's text)
TRACEBACK_LIMIT = 4000      # characters of the student's traceback
CALLBACK_TEXT = 300         # characters of a Callback's own exception
OUTPUT_LINES, OUTPUT_CHARS = 30, 4000  # what a step's printed output shows

# -- errors -------------------------------------------------------------------

# The guard's refusals end with this; the child tells a refusal by it.
FORBIDDEN_MARK = "which is not allowed during grading"

# StudentError.kind: what a student's step can end in ("syntax" and
# "recursion" are reported as "import" and "exception").
ERROR_KINDS = ("exception", "not_implemented", "timeout", "exit", "crash", "memory",
               "output", "bad_return", "forbidden", "import", "not_found")


def answer(nonce, rid, value):
    return {"nonce": nonce, "id": rid, "ok": True, "value": value}


def failure(nonce, rid, error, detail=""):
    return {"nonce": nonce, "id": rid, "ok": False, "error": error, "detail": detail}


def encode(record):
    """One record as the bytes of one line."""
    return (json.dumps(record, allow_nan=True) + "\n").encode("utf-8")


def cut_text(text, limit):
    """``text`` if short, else its head and its tail with the size between."""
    if type(text) is not str or len(text) <= limit:
        return text
    tail = limit // 4
    return "%s\n... (%d characters cut) ...\n%s" % (
        text[:limit - tail], len(text) - limit, text[-tail:])


def valid_text(text):
    """``text`` made valid Unicode: JSON can carry lone surrogates
    ("\\ud800") that no report file or terminal can encode."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# -- the one walker over data that crosses -------------------------------------

class NotPlain(Exception):
    """A value that is not plain data; ``str()`` says what it is ("a Foo")."""


class TooBig(NotPlain):
    """A value larger than the walk allows (items, text or depth)."""


_REFUSE = object()


def to_plain(x, other=None, key=None, text=None, number=None, max_depth=MAX_DEPTH,
             deep=_REFUSE, max_items=None, max_text=None):
    """A plain copy of ``x``: None, bools, ints, floats, strings, lists, dicts
    with string keys. Every walk over data that crosses the sandbox, or that
    a report keeps of it, is this one.

    A subclass of a plain type (a NamedTuple, an IntEnum, a list subclass)
    is taken at its plain value, read with the base type's own methods,
    which a subclass cannot override: a rigged ``==`` or ``float()`` is
    never called. A tuple becomes a list. The builtins are bound as default
    arguments of the walk, so patching ``builtins.type`` does not fool it.

    Anything else is ``other(x)`` (its result kept as it is), or refused:
    ``NotPlain("a Foo")``. A dict key that is not a str is ``key(k)``, or
    refused. Each string is ``text(s)`` and each float ``number(f)`` when
    given. A list or dict more than ``max_depth`` levels deep is ``deep``,
    or refused (``TooBig``); more than ``max_items`` values in all, or a
    string longer than ``max_text``, is refused (``TooBig``). Bounded in
    depth, so it never recurses further than ``max_depth`` + 1 calls.
    """
    walk = _Walk(other, key, text, number, max_depth, deep, max_items, max_text)
    return walk.value(x, 0)


class _Walk:
    __slots__ = ("other", "key", "text", "number", "max_depth", "deep", "max_items",
                 "max_text", "count")

    def __init__(self, other, key, text, number, max_depth, deep, max_items, max_text):
        self.other, self.key, self.text, self.number = other, key, text, number
        self.max_depth, self.deep = max_depth, deep
        self.max_items, self.max_text = max_items, max_text
        self.count = 0

    def value(self, x, depth, type=type, str=str, bool=bool, int=int, float=float,
              list=list, tuple=tuple, dict=dict, len=len, issubclass=issubclass,
              _int=int.__int__, _float=float.__float__, _str=str.__str__,
              _list_iter=list.__iter__, _tuple_iter=tuple.__iter__, _items=dict.items,
              _REFUSE=_REFUSE, NotPlain=NotPlain, TooBig=TooBig):
        if self.max_items is not None:
            self.count += 1
            if self.count > self.max_items:
                raise TooBig("more than %d values" % self.max_items)
        t = type(x)
        if x is None or t is bool or t is int:
            return x
        if t is float:
            return x if self.number is None else self.number(x)
        if t is str:
            return self.string(x)
        if t is list or t is tuple or t is dict or (
                issubclass(t, (list, tuple, dict)) and not issubclass(t, str)):
            if depth >= self.max_depth + 1:
                if self.deep is _REFUSE:
                    raise TooBig("a value nested more than %d levels deep" % self.max_depth)
                return self.deep
        if t is list or t is tuple:
            return [self.value(v, depth + 1) for v in x]
        if t is dict:
            return self.mapping(x.items(), depth)
        if issubclass(t, bool):  # (bool cannot be subclassed today)
            return self.refuse(x, t)
        if issubclass(t, int):
            return _int(x)
        if issubclass(t, float):
            x = _float(x)
            return x if self.number is None else self.number(x)
        if issubclass(t, str):
            return self.string(_str(x))
        if issubclass(t, list):
            return [self.value(v, depth + 1) for v in _list_iter(x)]
        if issubclass(t, tuple):
            return [self.value(v, depth + 1) for v in _tuple_iter(x)]
        if issubclass(t, dict):
            return self.mapping(_items(x), depth)
        return self.refuse(x, t)

    def string(self, x, len=len, TooBig=TooBig):
        if self.max_text is not None and len(x) > self.max_text:
            raise TooBig("a string of %d characters" % len(x))
        return x if self.text is None else self.text(x)

    def refuse(self, x, t):
        if self.other is None:
            raise NotPlain("a %s" % t.__name__)
        return self.other(x)

    def mapping(self, items, depth, type=type, str=str, NotPlain=NotPlain):
        out = {}
        for k, v in items:
            if type(k) is str:
                k = self.string(k)
            elif self.key is not None:
                k = self.key(k)
            else:
                raise NotPlain("a dict with a non-string key (%s)" % type(k).__name__)
            if self.max_items is not None:
                self.count += 1
            out[k] = self.value(v, depth + 1)
        return out


# -- the grader's side: how deep a line nests, before parsing it ---------------

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_PAIR = re.compile(rb"\[\]|\{\}")


def nesting(line, limit=MAX_RECORD_DEPTH):
    """How deep the JSON text ``line`` nests (strings skipped; ``limit`` + 1
    means deeper than ``limit``), found without recursion, before
    ``json.loads`` walks it: each round removes the innermost bracket pairs."""
    brackets = _JSON_STRING.sub(b'""', line).translate(None, _NOT_BRACKETS)
    for depth in range(limit + 1):
        if not brackets:
            return depth
        fewer = _PAIR.sub(b"", brackets)
        if fewer == brackets:
            return 0  # unbalanced: not JSON, json.loads will say so
        brackets = fewer
    return limit + 1 if brackets else limit


def parse(line, max_depth=MAX_RECORD_DEPTH):
    """The record of one line the child sent, plain and with valid text, or
    None if it is not JSON or nests deeper than ``max_depth``. Never raises."""
    if nesting(line, max_depth) > max_depth:
        return None
    try:
        return to_plain(json.loads(line.decode("utf-8")), text=valid_text,
                        max_depth=max_depth)
    except (ValueError, UnicodeDecodeError, RecursionError, MemoryError, NotPlain):
        return None
