"""post65's own decimal arithmetic context, chosen once, used everywhere.

Every ``Decimal`` computation in post65 (money, the ledger and funds, apportionment, allocation
shares and ratios, the district index, the rules, the report) runs inside
:data:`POST65_CONTEXT`, never in the calling thread's context. A program that embeds post65 may
set any precision, rounding or traps it likes (``getcontext().prec = 6``, ``ROUND_FLOOR``,
``Inexact`` trapped): post65's answers do not change, and the caller's context, its traps and its
flags are neither used nor changed (:func:`decimal.localcontext` works on a copy and restores the
caller's context on exit).

The context:

- ``prec=60``: sixty significant digits. Amounts are at most 10¹⁸ kr in whole øre (20 digits), so
  sums of any realistic number of amounts are exact, and shares and ratios carry 40 digits
  beyond that;
- ``rounding=ROUND_HALF_UP``: the rounding people expect in money (0,5 øre rounds up). Places
  that round on purpose name their mode explicitly;
- ``Emax=999_999``, ``Emin=-999_999``: exponents far beyond any real figure, small enough that an
  absurd input overflows (and is refused) instead of making a number with a billion digits;
- traps ``InvalidOperation``, ``DivisionByZero``, ``Overflow``: an impossible computation raises
  (and the public functions turn that into a located :class:`~post65.errors.Post65Error`);
  ``Inexact``, ``Rounded``, ``Underflow``, ``Subnormal`` and ``Clamped`` are not trapped.

:func:`exact` is the decorator that runs a function inside the context (a copy of it, made by the
outermost call: an exact function called by another runs in the copy its caller installed, unless
something in between switched to another context); :func:`exact_methods` applies it to every
public method and property of a class.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from decimal import (
    ROUND_HALF_UP,
    Context,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    localcontext,
)
from typing import Final, ParamSpec, TypeVar

__all__ = ["POST65_CONTEXT", "exact", "exact_methods"]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

POST65_CONTEXT: Final = Context(
    prec=60,
    rounding=ROUND_HALF_UP,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
    flags=[],
)
"""The one decimal context post65 computes in (see the module docstring). Never mutate it:
:func:`exact` runs each call in a fresh copy."""


_installed: Final[ContextVar[Context | None]] = ContextVar("post65_decimal", default=None)
"""The copy of :data:`POST65_CONTEXT` the outermost :func:`exact` call installed, if any: an
exact function called inside it runs in it as it is (a check calls exact functions per measure
and amount; each copy of a context costs more than the arithmetic it guards)."""


def exact(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run inside a copy of :data:`POST65_CONTEXT`; the caller's context is restored.

    Generator functions are refused (the context would end before the first item).
    """
    if inspect.isgeneratorfunction(fn):
        raise TypeError(f"exact() cannot wrap the generator function {fn.__qualname__}")

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if getcontext() is _installed.get():
            # Called by another exact function, in the very copy it installed (no code in
            # between switched to another context): run in it, without a copy of one's own.
            return fn(*args, **kwargs)
        with localcontext(POST65_CONTEXT) as ctx:
            token = _installed.set(ctx)
            try:
                return fn(*args, **kwargs)
            finally:
                _installed.reset(token)

    return run


def exact_methods(cls: type[T]) -> type[T]:
    """``cls`` with :func:`exact` applied to its public methods, class and static methods and
    property getters (those defined in ``cls`` itself; generator methods are left as they are).
    """
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        wrapped: object
        if isinstance(member, property) and member.fget is not None:
            if inspect.isgeneratorfunction(member.fget):
                continue
            wrapped = property(exact(member.fget), member.fset, member.fdel, member.__doc__)
        elif isinstance(member, staticmethod):
            if inspect.isgeneratorfunction(member.__func__):
                continue
            wrapped = staticmethod(exact(member.__func__))
        elif isinstance(member, classmethod):
            if inspect.isgeneratorfunction(member.__func__):
                continue
            wrapped = classmethod(exact(member.__func__))
        elif inspect.isfunction(member):
            if inspect.isgeneratorfunction(member):
                continue
            wrapped = exact(member)
        else:
            continue
        setattr(cls, name, wrapped)
    return cls
