"""minigrad: learn backpropagation by deriving it, step by step.

Pure standard library. The scalar autodiff node is :class:`minigrad.Value`;
``minigrad.Tape(loss)`` compiles a graph of Values into straight-line
forward and backward code;
``minigrad.draw(root)`` draws its graph as an SVG picture (loaded on first
use, from ``minigrad.drawing``). The rest of the library (``nn``,
``perceptron``, ``numeric``, ``backprop``, ``losses``, ``optim``, ``data``,
``plot``, ``viz``) is imported on demand.
"""

from minigrad.engine import Value
from minigrad.tape import Tape

__all__ = ["Value", "Tape", "draw"]
__version__ = "0.1.0"


def __getattr__(name):
    """``minigrad.draw``, imported the first time it is used (``import minigrad`` stays fast)."""
    if name == "draw":
        from minigrad.drawing import draw
        globals()["draw"] = draw
        return draw
    raise AttributeError("module 'minigrad' has no attribute %r" % (name,))
