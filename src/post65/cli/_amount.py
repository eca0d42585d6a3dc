"""``post65 allocate --amount``: the amount read and checked, the same for an allocation and a
sweep (``--sweep-lowest``). A bare number is kroner; an amount smaller than 10 units per county
is refused, showing the form most likely meant (issue 15: no silent factor of 1 000)."""

from __future__ import annotations

import argparse

from post65.allocation import Unit, _units_of
from post65.cli._options import Problems
from post65.errors import Post65Error
from post65.money import Money, kroner, nok
from post65.text import Message, msg

__all__ = ["check_amount"]


def check_amount(args: argparse.Namespace, problems: Problems) -> None:
    """Note in ``problems`` an ``--amount`` that is missing, unreadable or too small."""
    if args.amount is None:
        problems.note("--amount", msg("cli.allocate.amount_missing"))
        return
    try:
        money, _ = _units_of(args.amount, Unit(args.unit))
    except Post65Error as exc:
        problems.add("--amount", exc)
        return
    small = _too_small(args.amount, money, Unit(args.unit))
    if small is not None:
        problems.note("--amount", small)


def _too_small(text: str, money: Money, unit: Unit) -> Message | None:
    """The refusal of an amount smaller than 10 units per county (150 units): most likely a
    number meant in thousands (``--amount 120000 --unit 1000kr``: the number in the unit) or
    millions (``--amount 120``), shown as the amount that was probably meant."""
    minimum = 15 * 10 * unit.kroner
    value = int(kroner(money))
    if value >= minimum:
        return None
    args = {"amount": money, "minimum": nok(minimum), "unit": nok(unit.kroner)}
    if value == 0:
        return msg("cli.allocate.amount_too_small_plain", **args)
    typed = text.strip()
    number = typed if typed.isascii() and typed.isdigit() else str(value)
    thousands = unit is Unit.THOUSAND_KR and value * 1000 >= minimum  # a number in the unit
    suffix, factor = ("kNOK", 1000) if thousands else ("MNOK", 1_000_000)
    return msg(
        "cli.allocate.amount_too_small",
        suggestion=f"{number} {suffix}",
        meant=nok(value * factor),
        **args,
    )
