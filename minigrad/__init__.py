"""minigrad: learn backpropagation by deriving it, step by step.

Pure standard library. The scalar autodiff node is :class:`minigrad.Value`;
the rest of the library (``nn``, ``perceptron``, ``numeric``, ``backprop``,
``losses``, ``optim``, ``data``, ``plot``) is imported on demand.
"""

from minigrad.engine import Value
from minigrad.tape import Tape

__all__ = ["Value", "Tape"]
__version__ = "0.1.0"
