"""§3 Tilskuddsutmåling: the allocation between the counties (rule A-3.1).

«Fordeling av midlene mellom fylkeskommunene tar utgangspunkt i folketallet i kommunene
som skårer lavest på distriktsindeksen.»

An ``allocation`` document states its inputs (the index, the population, the selection, the
method, the unit and the amount); A-3.1 recomputes the table from them with
:func:`post65.allocation.recompute` and compares it line by line, to the krone:

- one finding per county line (``/counties/i``): ``met`` when the county, its target
  municipalities, their population and its amount are those recomputed; ``not_met`` otherwise
  (the values say what was stated and what was expected);
- one finding for the whole table (``""``): ``met`` when every one of the 15 counties is listed
  exactly once and the amounts add up to the amount exactly;
- ``undetermined`` (one finding) when the stated inputs cannot be recomputed (for instance a
  selection by score with no index stated), saying why.

The quota column is for reading and is not compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from post65.allocation import Allocation, CountyAllocation, recompute
from post65.errors import Post65Error
from post65.law import Interpretation
from post65.money import amount_to_str, kroner
from post65.rulebook import Context, Result, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.a._common import cite, msg, semicolons
from post65.text import Message

__all__ = ["RULES", "a_3_1"]


def _municipalities(stated: CountyAllocation, expected: CountyAllocation) -> Message | None:
    """What is wrong with the stated list of target municipalities, or ``None``."""
    if tuple(sorted(stated.municipalities)) == expected.municipalities:
        return None
    extra = sorted(set(stated.municipalities) - set(expected.municipalities))
    absent = sorted(set(expected.municipalities) - set(stated.municipalities))
    parts: list[Message] = []
    if extra:
        parts.append(msg("a.3-1.not_picked", numbers=extra))
    if absent:
        parts.append(msg("a.3-1.picked_missing", numbers=absent))
    if not parts:
        parts.append(msg("a.3-1.listed_twice"))
    return msg("a.3-1.municipalities", reasons=semicolons(parts))


def _differences(stated: CountyAllocation, expected: CountyAllocation, times: int) -> list[Message]:
    """How a county line differs from the line the §3 key gives."""
    found: list[Message] = []
    if kroner(stated.amount) != kroner(expected.amount):
        diff = kroner(stated.amount) - kroner(expected.amount)
        found.append(msg("a.3-1.amount", stated=stated.amount, expected=expected.amount, diff=diff))
    wrong = _municipalities(stated, expected)
    if wrong is not None:
        found.append(wrong)
    if stated.population != expected.population:
        found.append(
            msg("a.3-1.population", stated=stated.population, expected=expected.population)
        )
    if times > 1:
        found.append(msg("a.3-1.county_twice", times=times))
    return found


def _line(line: CountyAllocation, want: CountyAllocation | None, times: int) -> Verdict:
    """A-3.1's verdict on one county line of the table."""
    values = {"fylkesnummer": line.fylkesnummer, "stated": amount_to_str(line.amount)}
    if want is None:
        return verdict.not_met(msg("a.3-1.unknown_county", nr=line.fylkesnummer), values)
    values["expected"] = amount_to_str(want.amount)
    name = f"{want.fylkesnummer} {want.name}"
    wrong = _differences(line, want, times)
    if wrong:
        return verdict.not_met(msg("a.3-1.not_met", name=name, reasons=semicolons(wrong)), values)
    return verdict.met(msg("a.3-1.met", name=name, amount=line.amount), values)


def _total(document: Allocation, expected: Allocation, seen: Counter[str]) -> Verdict:
    """A-3.1's verdict on the whole table: every county once, the amounts adding up."""
    stated_total = sum((kroner(c.amount) for c in document.counties), start=Decimal(0))
    amount = kroner(document.amount)
    absent = [f"{c.fylkesnummer} {c.name}" for c in expected.counties if c.fylkesnummer not in seen]
    wrong: list[Message] = []
    if stated_total != amount:
        wrong.append(msg("a.3-1.sum", total=stated_total, amount=amount))
    if absent:
        wrong.append(msg("a.3-1.counties_missing", names=absent))
    values = {"amount": amount_to_str(document.amount), "sum": str(stated_total)}
    if wrong:
        return verdict.not_met(semicolons(wrong), values)
    return verdict.met(msg("a.3-1.all_counties", amount=amount), values)


def _cannot(exc: Post65Error) -> Message:
    """Why the allocation cannot be recomputed from what the document states."""
    return msg("a.3-1.undetermined", reason=exc.text)


@rule(
    "A-3.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="allocation",
    kinds=("allocation",),
    title=msg("a.3-1.title"),
    citation=cite(
        "3",
        "Fordeling av midlene mellom fylkeskommunene tar utgangspunkt i folketallet i kommunene "
        "som skårer lavest på distriktsindeksen.",
    ),
    interpretations=(Interpretation.library("recompute", msg("interp.a-3.1.recompute")),),
)
def a_3_1(document: Allocation, ctx: Context) -> Iterator[Result]:
    """Recompute the allocation from its stated inputs and compare it, to the krone."""
    try:
        expected = recompute(document)
    except Post65Error as exc:
        yield verdict.result("", verdict.UNDETERMINED, _cannot(exc))
        return
    by_county = {c.fylkesnummer: c for c in expected.counties}
    seen = Counter(c.fylkesnummer for c in document.counties)
    for i, line in enumerate(document.counties):
        want = by_county.get(line.fylkesnummer)
        yield verdict.result(f"/counties/{i}", *_line(line, want, seen[line.fylkesnummer]))
    yield verdict.result("", *_total(document, expected, seen))


RULES: tuple[Rule, ...] = (a_3_1,)
"""The rule of §3."""
