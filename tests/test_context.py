"""post65 computes in its own decimal context, whatever the calling program set (issue 10.1).

A host may run with ``getcontext().prec = 6``, ``ROUND_FLOOR`` and ``Inexact`` and ``Rounded``
trapped: post65's answers stay byte-identical, and the caller's context and flags are untouched.
"""

from __future__ import annotations

import contextlib
import decimal
import json
import sys
import weakref
from collections.abc import Callable, Iterator
from decimal import Context, Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65
from post65 import nok, total
from post65.cli import main
from post65.funds import Funds, Payment, Receipt, SchemeId, Split
from post65.ledger import Ledger
from post65.rules import Outcome
from post65.stateaid import eur, eur_to_nok

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = ROOT / "examples" / "nordland-2024.portfolio.json"
INDEX = ROOT / "examples" / "illustrative-index.csv"
APPLICATIONS = ROOT / "examples" / "innlandet-2024-applications.json"
PROGRAMME = ROOT / "examples" / "innlandet-2024-programme.json"

ALL_SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
    decimal.FloatOperation,
]


def hostile() -> Context:
    """What a careless or hostile host may set: 6 digits, rounding down, every signal trapped
    except the ones Python itself raises from plain construction, and a tiny exponent range."""
    return Context(
        prec=6,
        rounding=decimal.ROUND_FLOOR,
        Emax=99,
        Emin=-99,
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow],
        flags=[],
    )


def under(ctx: Context, fn: Callable[[], object]) -> tuple[object, Context]:
    """``fn()`` run with ``ctx`` as the thread's context; the result and the context after."""
    with decimal.localcontext(ctx) as active:
        for signal in ALL_SIGNALS:
            active.flags[signal] = False
        result = fn()
        return result, active.copy()


def assert_untouched(after: Context, before: Context) -> None:
    assert (after.prec, after.rounding, after.Emax, after.Emin) == (
        before.prec,
        before.rounding,
        before.Emax,
        before.Emin,
    )
    assert {s: after.traps[s] for s in ALL_SIGNALS} == {s: before.traps[s] for s in ALL_SIGNALS}
    raised = [s.__name__ for s in ALL_SIGNALS if after.flags[s]]
    assert raised == [], f"post65 raised flags in the caller's context: {raised}"


def _unflagged(ctx: Context) -> Context:
    """``ctx`` as it was set, before any signal raised a flag in it."""
    expected = Context(
        prec=ctx.prec, rounding=ctx.rounding, Emax=ctx.Emax, Emin=ctx.Emin, traps=[], flags=[]
    )
    for signal in ALL_SIGNALS:
        expected.traps[signal] = ctx.traps[signal]
    return expected


def same_under_both(fn: Callable[[], object]) -> object:
    normal, _ = under(Context(), fn)
    ctx = hostile()
    strange, after = under(ctx, fn)
    assert strange == normal
    assert_untouched(after, hostile())
    return normal


# --------------------------------------------------------------------------------------------
# The two bugs the issue names


def test_total_is_exact_under_six_digits() -> None:
    result = same_under_both(lambda: total([nok(17_400_000), nok(40)]))
    assert result == nok(17_400_040)
    assert str(post65.money.kroner(result)) == "17400040"  # type: ignore[arg-type]


def _overspent_by_40() -> Funds:
    return Funds(
        received=(Receipt(SchemeId.A, 2024, nok(17_400_000)),),
        payments=(Payment(SchemeId.A, 2024, nok(17_400_040)),),
    )


def test_a_4_12_sees_40_kroner_overspent_under_six_digits() -> None:
    document = post65.load(PORTFOLIO)
    document = attrs.evolve(document, funds=_overspent_by_40())

    def outcome() -> list[tuple[str, str, str]]:
        return [
            (f.rule, f.outcome.value, json.dumps(f.values, sort_keys=True))
            for f in post65.check(document)
            if f.rule == "A-4.12"
        ]

    found = same_under_both(outcome)
    assert isinstance(found, list)
    assert found
    assert all(o == Outcome.NOT_MET.value for _, o, _ in found)


# --------------------------------------------------------------------------------------------
# Every entry point, byte for byte


def _cli(*argv: str) -> Callable[[], tuple[int, str, str]]:
    def run() -> tuple[int, str, str]:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    return run


CLI_RUNS = {
    "check-portfolio": ("check", str(PORTFOLIO), "--format", "json"),
    "check-table": ("check", str(PORTFOLIO), "--index", str(INDEX), "--lowest", "100"),
    "check-applications": (
        "check",
        str(APPLICATIONS),
        "--param",
        "b.population_decline_min=0.05",
        "--param",
        "b.employment_decline_min=0.05",
    ),
    "check-programme": ("check", str(PROGRAMME), "--format", "markdown"),
    "allocate": ("allocate", "--amount", "120 mill. kr", "--index", str(INDEX), "--lowest", "100"),
    "allocate-json": (
        "allocate",
        "--amount",
        "120 mill. kr",
        "--index",
        str(INDEX),
        "--population-share",
        "0.3",
        "--format",
        "json",
    ),
    "report-markdown": ("report", str(PORTFOLIO)),
    "report-html": ("report", str(PORTFOLIO), "--format", "html", "--lang", "en"),
    "report-text": ("report", str(PORTFOLIO), "--format", "text"),
    "report-json": ("report", str(PORTFOLIO), "--format", "json"),
}


@pytest.mark.parametrize("argv", CLI_RUNS.values(), ids=CLI_RUNS.keys())
def test_the_command_line_is_byte_identical_under_a_hostile_context(argv: tuple[str, ...]) -> None:
    result = same_under_both(_cli(*argv))
    assert isinstance(result, tuple)
    code, out, err = result
    assert code in (0, 1), err
    assert out


def test_the_api_is_identical_under_a_hostile_context() -> None:
    from post65.allocation import Lowest, allocate, compare
    from post65.report import build_report, render_report

    document = post65.load(PORTFOLIO)
    index = post65.read_index(INDEX)

    def everything() -> list[object]:
        a = allocate(nok(120_000_000), index, Lowest(100))
        b = allocate(nok(120_000_001), index, Lowest(90), method="sainte-lague")
        report = build_report(document)
        return [
            post65.check(document).to_json(),
            post65.check(document, index=index, selection=Lowest(100)).to_json("en"),
            a.to_cli_json(),
            compare(a, b),
            *(render_report(report, f) for f in ("markdown", "html", "text")),
            post65.dump(report),
            post65.compute_index(
                {
                    "0301": post65.Indicators(*map(Decimal, (1, 2, 3, 4))),
                    "1101": post65.Indicators(*map(Decimal, (2, 1, 5, 3))),
                    "1103": post65.Indicators(*map(Decimal, (7, 3, 1, 1))),
                },
                places=6,
            ).scores,
            post65.apportion(1000, {"01": 3, "02": 7, "03": 11}, "sainte-lague"),
            post65.section2(document),
            eur_to_nok(eur(Decimal("123456.78")), Decimal("11.6543")),
        ]

    same_under_both(everything)


def _ledger_figures() -> list[object]:
    funds = Funds(
        received=(
            Receipt(SchemeId.A, 2023, nok(Decimal("3333333.33"))),
            Receipt(SchemeId.A, 2024, nok(Decimal("7777777.77"))),
            Receipt(SchemeId.B, 2024, nok(Decimal("1234567.89"))),
        ),
        payments=(Payment(SchemeId.A, 2024, nok(Decimal("11111111.11"))),),
    )
    ledger = Ledger.from_funds(funds)
    split = Split(nok(Decimal("0.01")), nok(17_400_000), nok(Decimal("3.33")), "x")
    return [
        ledger.balance(SchemeId.A, 2024),
        ledger.available(SchemeId.A, 2024),
        ledger.statements(),
        ledger.overdrafts(),
        ledger.frame(2024),
        funds.received_total(SchemeId.A),
        split.total,
        split.shares(10),
        post65.format_amount(split.total),
        post65.to_thousands(nok(Decimal("1234567.50"))),
        post65.round_ore(nok(Decimal("17400000.005"))),
    ]


def test_the_ledger_is_identical_under_a_hostile_context() -> None:
    figures = same_under_both(_ledger_figures)
    assert isinstance(figures, list)
    assert figures[0] == nok(Decimal("-0.01"))


def test_the_callers_context_object_is_the_same_afterwards() -> None:
    with decimal.localcontext(hostile()) as ctx:
        post65.check(post65.load(PORTFOLIO))
        assert decimal.getcontext() is ctx
        assert ctx.prec == 6
        assert not ctx.flags[decimal.Inexact]


# --------------------------------------------------------------------------------------------
# A property: money.total ignores any caller context


def _contexts() -> st.SearchStrategy[Context]:
    return st.builds(
        lambda prec, rounding, traps, emax: Context(
            prec=prec, rounding=rounding, traps=traps, Emax=emax, Emin=-emax, flags=[]
        ),
        st.integers(1, 40),
        st.sampled_from(
            [
                decimal.ROUND_05UP,
                decimal.ROUND_CEILING,
                decimal.ROUND_DOWN,
                decimal.ROUND_FLOOR,
                decimal.ROUND_HALF_DOWN,
                decimal.ROUND_HALF_EVEN,
                decimal.ROUND_HALF_UP,
                decimal.ROUND_UP,
            ]
        ),
        st.lists(st.sampled_from(ALL_SIGNALS), unique=True),
        st.integers(1, 99),
    )


amounts = st.lists(
    st.integers(-(10**15), 10**15).map(lambda cents: nok(Decimal(cents).scaleb(-2))),
    max_size=20,
)


@given(ctx=_contexts(), values=amounts)
def test_total_ignores_the_callers_context(ctx: Context, values: list[post65.Money]) -> None:
    exact = sum((post65.money.kroner(v) for v in values), Decimal(0))
    got, after = under(ctx, lambda: post65.money.kroner(total(values)))
    assert got == exact
    assert_untouched(after, _unflagged(ctx))


@pytest.fixture(autouse=True)
def _restore_context() -> Iterator[None]:
    saved = decimal.getcontext().copy()
    yield
    decimal.setcontext(saved)


def test_check_gives_the_garbage_collector_back_as_it_was() -> None:
    """check() pauses the cyclic collector while the rules run and restores the caller's state."""
    import gc

    from post65.rules import check

    document = post65.load(
        Path(__file__).resolve().parents[1] / "examples" / "nordland-2024.portfolio.json"
    )
    assert gc.isenabled()
    check(document)
    assert gc.isenabled()
    gc.disable()
    try:
        check(document)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_load_gives_the_garbage_collector_back_as_it_was() -> None:
    """load() pauses the cyclic collector while it builds the document, and restores the
    caller's state, whether the document loads or is refused."""
    import gc

    path = Path(__file__).resolve().parents[1] / "examples" / "nordland-2024.portfolio.json"
    for source in (path, b'{"kind": "portfolio", "year": "x"}'):
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            try:
                with contextlib.suppress(post65.InvalidDocument):
                    post65.load(source)
                assert gc.isenabled() is enabled
            finally:
                gc.enable()


def test_what_a_pause_made_goes_to_the_oldest_generation_untraversed() -> None:
    """Objects made while the collector is paused are still alive when it is given back: they go
    to the oldest generation without a collection (none starts at the end of the pause), and a
    reference cycle made in the pause is still collected by a full collection. The pause
    starts with a collection of the young generation, so that only what it made is moved."""
    import gc

    from post65._gc import collector_paused

    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    assert gc.isenabled()
    gc.collect()
    gc.callbacks.append(seen)
    try:
        with collector_paused():
            assert started == [0]  # the caller's young objects, looked at as the pause starts
            assert not gc.isenabled()
            made = [[i] for i in range(20_000)]  # far more than the young generation's 700
            ref = weakref.ref(_Cycle())  # garbage in a reference cycle
        assert gc.isenabled()
        assert gc.get_count()[0] < 100
        _ = [[i] for i in range(50)]  # an allocation: with 20 000 young objects, a collection
        assert started == [0]
        assert gc.is_tracked(made[0])
        assert any(o is made[-1] for o in gc.get_objects(generation=2))
    finally:
        gc.callbacks.remove(seen)
    assert ref() is not None  # not collected yet: only a collection finds a cycle
    gc.collect()
    assert ref() is None


def test_a_callers_cycles_are_never_carried_into_the_oldest_generation() -> None:
    """A caller that leaves a reference cycle before each load or check (and does little else)
    does not pile them up: the young collection that starts each pause collects them, where
    moving them with post65's objects would leave them to a full collection that might never
    come (each move also resets the young generation's count)."""
    import gc

    from post65._gc import collector_paused

    gc.collect()
    refs = []
    for _ in range(3_000):
        refs.append(weakref.ref(_Cycle()))
        with collector_paused():
            _ = [[i] for i in range(5)]
    assert sum(r() is not None for r in refs) <= 1  # at most the last, made after the pause


def test_with_another_thread_a_pause_only_gives_the_collector_back() -> None:
    """While another thread runs, what a pause made stays young: that thread's objects would be
    moved too. The young generation is traversed at the end of the pause, as before."""
    import gc
    import threading

    from post65._gc import collector_paused

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    try:
        gc.collect()
        gc.callbacks.append(seen)
        try:
            with collector_paused():
                assert started == []  # no collection as it starts: nothing will be moved
                made = [[i] for i in range(5_000)]
            _ = [[i] for i in range(50)]
        finally:
            gc.callbacks.remove(seen)
    finally:
        stop.set()
        other.join()
    assert started[:1] == [0]  # at the end, as before
    assert not any(o is made[-1] for o in gc.get_objects(generation=2))


def test_a_thread_started_in_the_pause_keeps_its_objects_young() -> None:
    """A thread started while the collector is paused: at the end nothing is moved."""
    import gc
    import threading

    from post65._gc import collector_paused

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    gc.collect()
    try:
        with collector_paused():
            other.start()
            made = [[i] for i in range(5_000)]
        assert not any(o is made[-1] for o in gc.get_objects(generation=2))
    finally:
        stop.set()
        other.join()


class _Cycle:
    """An object that refers to itself, that a weak reference can watch."""

    def __init__(self) -> None:
        self.me = self


def test_a_pause_keeps_the_callers_frozen_objects_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller that froze objects (``gc.freeze()``, as a server does before it forks) keeps
    them frozen across load and check; the collector is given back all the same. Once frozen
    objects are found, the pauses no longer count them (counting walks them all)."""
    import gc

    from post65 import _gc

    monkeypatch.setattr(_gc, "_caller_freezes", False)
    path = Path(__file__).resolve().parents[1] / "examples" / "nordland-2024.portfolio.json"
    kept: list[object] = [[]]  # a tracked object of the caller's, frozen below
    gc.freeze()
    try:
        assert not any(o is kept for o in gc.get_objects())  # the frozen are in no generation
        post65.check(post65.load(path))
        assert not any(o is kept for o in gc.get_objects())
        assert gc.get_freeze_count() > 0
        assert gc.isenabled()
        assert _gc._caller_freezes
        counted: list[int] = []

        def count() -> int:
            counted.append(1)
            return 1

        monkeypatch.setattr(gc, "get_freeze_count", count)
        post65.check(post65.load(path))
        assert counted == []
    finally:
        gc.unfreeze()


def test_where_freezing_is_dear_a_pause_only_gives_the_collector_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where ``gc.freeze()`` would visit every object (a free-threaded build, Python 3.14's
    incremental collector: ``MOVES`` false), what a pause made stays young, as before."""
    import gc
    import sysconfig

    from post65 import _gc

    cheap = sys.implementation.name == "cpython" and sys.version_info < (3, 14)
    assert _gc.MOVES is (cheap and not sysconfig.get_config_var("Py_GIL_DISABLED"))
    monkeypatch.setattr(_gc, "MOVES", False)
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(seen)
    try:
        with _gc.collector_paused():
            made = [[i] for i in range(5_000)]
        _ = [[i] for i in range(50)]  # an allocation: with 5 000 young objects, a collection
    finally:
        gc.callbacks.remove(seen)
    assert gc.isenabled()
    assert started[:1] == [0]  # the young generation traversed, as before the move
    assert not any(o is made[-1] for o in gc.get_objects(generation=2))


@given(
    ctx=_contexts(),
    value=st.decimals(
        min_value=Decimal(-(10**15)), max_value=Decimal(10**15), places=2, allow_nan=False
    ),
    unit=st.sampled_from(["NOK", "kNOK", "øre"]),
)
def test_amount_to_str_ignores_the_callers_context(ctx: Context, value: Decimal, unit: str) -> None:
    # amount_to_str switches no context (it writes every amount of a document): what it reads
    # and rounds names post65's own, so a caller's 6 digits or traps change nothing.
    q = post65.money.ureg.Quantity(value, unit)
    try:
        normal, _ = under(Context(), lambda: post65.amount_to_str(q))
    except post65.InvalidAmount:
        return  # too large, or fractions of an øre: refused whatever the context
    got, after = under(ctx, lambda: post65.amount_to_str(q))
    assert got == normal
    assert_untouched(after, _unflagged(ctx))


def test_an_exact_function_called_by_another_runs_in_the_copy_it_installed() -> None:
    """``exact`` copies post65's context once per outermost call: an exact function called by
    another runs in the copy its caller installed, and in a copy of its own when the code in
    between switched to another context (or when called from outside)."""
    from post65._decimal import POST65_CONTEXT, exact

    @exact
    def inner() -> Context:
        return decimal.getcontext()

    @exact
    def outer() -> tuple[Context, Context, Context]:
        here = decimal.getcontext()
        same = inner()
        with decimal.localcontext() as other:
            other.prec = 5
            switched = inner()
        return here, same, switched

    with decimal.localcontext() as caller:
        caller.prec = 6
        here, same, switched = outer()
        assert decimal.getcontext() is caller
        alone = inner()
    assert same is here
    assert switched is not here
    assert switched.prec == POST65_CONTEXT.prec == 60
    assert alone is not here
    assert alone.prec == 60


def test_a_caller_that_wants_no_automatic_collection_gets_none() -> None:
    """``gc.set_threshold(0)`` turns automatic collection off while the collector stays
    enabled: a pause then collects nothing at its start, and moves nothing at its end."""
    import gc

    from post65._gc import collector_paused

    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    saved = gc.get_threshold()
    gc.collect()
    gc.set_threshold(0)
    gc.callbacks.append(seen)
    try:
        with collector_paused():
            made = [[i] for i in range(5_000)]
        _ = [[i] for i in range(50)]
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*saved)
    assert started == []
    assert not any(o is made[-1] for o in gc.get_objects(generation=2))
