"""Rule A-3.1: the allocation between the counties follows the §3 key of scheme a.

«Fordeling av midlene mellom fylkeskommunene tar utgangspunkt i folketallet i kommunene som skårer
lavest på distriktsindeksen.» An ``allocation`` document states its inputs (the index, the
population, the selection, the method, the unit and the amount); A-3.1 recomputes the table from
them with :func:`post65.allocation.recompute` and compares it line by line, to the krone:

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
from post65.law import Citation
from post65.money import Money, amount_to_str, format_amount, kroner, nok
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Text, rule

__all__: list[str] = []

_QUOTE = (
    "Fordeling av midlene mellom fylkeskommunene tar utgangspunkt i folketallet i kommunene "
    "som skårer lavest på distriktsindeksen."
)


def _kr(value: Money | Decimal) -> str:
    return format_amount(nok(value) if isinstance(value, Decimal) else value)


def _line_differences(
    stated: CountyAllocation, expected: CountyAllocation
) -> tuple[list[str], list[str]]:
    nb: list[str] = []
    en: list[str] = []
    if kroner(stated.amount) != kroner(expected.amount):
        diff = nok(kroner(stated.amount) - kroner(expected.amount))
        nb.append(
            f"beløpet er {_kr(stated.amount)}, men §3-nøkkelen gir {_kr(expected.amount)}"
            f" (avvik {format_amount(diff)})"
        )
        en.append(
            f"the amount is {_kr(stated.amount)}, but the §3 key gives {_kr(expected.amount)}"
            f" (off by {format_amount(diff)})"
        )
    if tuple(sorted(stated.municipalities)) != expected.municipalities:
        extra = sorted(set(stated.municipalities) - set(expected.municipalities))
        absent = sorted(set(expected.municipalities) - set(stated.municipalities))
        parts_nb = []
        parts_en = []
        if extra:
            parts_nb.append(f"ikke valgt av utvalget: {', '.join(extra)}")
            parts_en.append(f"not picked by the selection: {', '.join(extra)}")
        if absent:
            parts_nb.append(f"valgt, men mangler: {', '.join(absent)}")
            parts_en.append(f"picked but missing: {', '.join(absent)}")
        if not parts_nb:
            parts_nb.append("en kommune står mer enn én gang")
            parts_en.append("a municipality is listed more than once")
        nb.append("kommunelisten stemmer ikke (" + "; ".join(parts_nb) + ")")
        en.append("the list of municipalities is wrong (" + "; ".join(parts_en) + ")")
    if stated.population != expected.population:
        nb.append(f"folketallet er {stated.population}, men målkommunene har {expected.population}")
        en.append(
            f"the population is {stated.population}, but the target municipalities have"
            f" {expected.population}"
        )
    return nb, en


@rule(
    "A-3.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="allocation",
    kinds=("allocation",),
    title=Text(
        "Fordelingen mellom fylkeskommunene følger folketallet i kommunene som skårer lavest på"
        " distriktsindeksen",
        "The allocation between the counties follows the population of the municipalities that"
        " score lowest on the district index",
    ),
    citation=Citation("regelverk-a-2023", "3", _QUOTE),
)
def check_allocation(document: Allocation, ctx: Context) -> Iterator[Result]:
    """Recompute the allocation from its stated inputs and compare it, to the krone."""
    try:
        expected = recompute(document)
    except Post65Error as exc:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text(
                f"fordelingen kan ikke regnes om fra opplysningene i dokumentet: {exc.nb}",
                f"the allocation cannot be recomputed from what the document states: {exc.en}",
            ),
        )
        return
    by_county = {c.fylkesnummer: c for c in expected.counties}
    seen = Counter(c.fylkesnummer for c in document.counties)
    for i, line in enumerate(document.counties):
        subject = f"/counties/{i}"
        want = by_county.get(line.fylkesnummer)
        values = {"fylkesnummer": line.fylkesnummer, "stated": amount_to_str(line.amount)}
        if want is None:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"fylke {line.fylkesnummer} er ikke et av de 15 fylkene i 2024",
                    f"county {line.fylkesnummer} is not one of the 15 counties of 2024",
                ),
                values,
            )
            continue
        values["expected"] = amount_to_str(want.amount)
        nb, en = _line_differences(line, want)
        if seen[line.fylkesnummer] > 1:
            nb.append(f"fylket står {seen[line.fylkesnummer]} ganger i tabellen")
            en.append(f"the county is listed {seen[line.fylkesnummer]} times in the table")
        name = f"{want.fylkesnummer} {want.name}"
        if nb:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(f"{name}: " + "; ".join(nb), f"{name}: " + "; ".join(en)),
                values,
            )
        else:
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"{name}: {_kr(line.amount)}, som §3-nøkkelen gir",
                    f"{name}: {_kr(line.amount)}, as the §3 key gives",
                ),
                values,
            )
    stated_total = sum((kroner(c.amount) for c in document.counties), start=Decimal(0))
    amount = kroner(document.amount)
    absent = [c for c in expected.counties if c.fylkesnummer not in seen]
    total_nb: list[str] = []
    total_en: list[str] = []
    if stated_total != amount:
        total_nb.append(f"fylkesbeløpene er til sammen {_kr(stated_total)}, ikke {_kr(amount)}")
        total_en.append(f"the county amounts add up to {_kr(stated_total)}, not {_kr(amount)}")
    if absent:
        names = ", ".join(f"{c.fylkesnummer} {c.name}" for c in absent)
        total_nb.append(f"mangler fylker: {names}")
        total_en.append(f"counties missing: {names}")
    total_values = {"amount": amount_to_str(document.amount), "sum": str(stated_total)}
    if total_nb:
        yield Result(
            "", Outcome.NOT_MET, Text("; ".join(total_nb), "; ".join(total_en)), total_values
        )
    else:
        yield Result(
            "",
            Outcome.MET,
            Text(
                f"alle 15 fylker står i tabellen, og beløpene er til sammen {_kr(amount)}",
                f"all 15 counties are listed, and the amounts add up to {_kr(amount)}",
            ),
            total_values,
        )


RULES: tuple[Rule, ...] = (check_allocation,)
"""The rules of this module, in the order of the law."""
