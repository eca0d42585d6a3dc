"""What schemes a, b and c share: the yearly report of §6 (rules ``P65-*``).

§6 of the scheme a regulation (regelverk 12.12.2023) says that schemes a, b and c report together,
in one short yearly report to the department that describes (a) the split of the funds between
a, b and c with its justification and (b) the measures carried out and how they contribute to
each scheme's criteria. These rules check a :class:`~post65.portfolio.Portfolio`, the data a
report is made from; P65-6.4 (the page limit) belongs to the rendered report.

>>> from post65.io import load
>>> from post65.rules import check
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "frame": "30000000",
...   "split": {"a": "10000000", "b": "12000000", "c": "7000000", "justification": "Behov"}}''')
>>> [f.outcome.value for f in check(p).for_rule("P65-6.2")]
['not_met']
>>> print(check(p).for_rule("P65-6.2")[0].message("en").replace("\u00a0", " "))
The split: a + b + c = 29 000 000 kr differs from the funds disposed, 30 000 000 kr (the frame).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.errors import UnknownCounty
from post65.law import Citation
from post65.measures import is_blank
from post65.money import amount_to_str, format_amount, kroner, nok
from post65.portfolio import Portfolio
from post65.rules import Context, Outcome, Result, Severity, Text, Texts, rule

__all__: list[str] = []

SOURCE = "regelverk-a-2023"
KINDS = ("portfolio",)


def _place(county: str, name: str) -> str:
    return f"{county} {name}" if name else county


def _kr(value: Decimal) -> str:
    return format_amount(nok(value))


@rule(
    "P65-6.1",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Én rapport per fylke og år, for ordning a, b og c sammen",
        "One report per county and year, covering schemes a, b and c together",
    ),
    citation=Citation(
        SOURCE,
        "6",
        "Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en "
        "kortfattet rapport til departementet",
    ),
)
def p65_6_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§6: «Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en
    kortfattet rapport til departementet …»

    A portfolio is one county's one year: it covers schemes a, b and c together (it gives the
    split between them) and holds only measures that run in its year.
    """
    text = Texts()
    try:
        name = ctx.register.county(doc.county).name
    except UnknownCounty:
        name = ""
    outside = sorted(m.id for m in doc.measures if not m.period.overlaps_year(doc.year))
    values = {"county": doc.county, "year": str(doc.year), "measures": str(len(doc.measures))}
    wrong_nb: list[str] = []
    wrong_en: list[str] = []
    if doc.split is None:
        wrong_nb.append(
            "fordelingen mellom ordning a, b og c mangler, så rapporten dekker ikke "
            "de tre ordningene sammen"
        )
        wrong_en.append(
            "the split between schemes a, b and c is missing, so the report does not "
            "cover the three schemes together"
        )
    if outside:
        listed = ", ".join(outside[:6]) + (" …" if len(outside) > 6 else "")
        values["outside_year"] = ", ".join(outside)
        wrong_nb.append(f"{len(outside)} tiltak ligger utenfor {doc.year} ({listed})")
        wrong_en.append(f"{len(outside)} measures lie outside {doc.year} ({listed})")
    if wrong_nb:
        yield Result(
            "",
            Outcome.NOT_MET,
            text(
                f"Årsrapporten for {_place(doc.county, name)} {doc.year}: "
                + "; ".join(wrong_nb)
                + ".",
                f"The yearly report for {_place(doc.county, name)} {doc.year}: "
                + "; ".join(wrong_en)
                + ".",
            ),
            values,
        )
    else:
        yield Result(
            "",
            Outcome.MET,
            text(
                f"Én rapport for {_place(doc.county, name)} {doc.year}, ordning a, b og c sammen; "
                f"{len(doc.measures)} tiltak i året.",
                f"One report for {_place(doc.county, name)} {doc.year}, schemes a, b and c "
                f"together; {len(doc.measures)} measures in the year.",
            ),
            values,
        )


@rule(
    "P65-6.2",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Fordelingen mellom ordning a, b og c, med begrunnelse, summerer til midlene disponert",
        "The split between schemes a, b and c, justified, sums to the funds disposed",
    ),
    citation=Citation(
        SOURCE, "6", "Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse"
    ),
)
def p65_6_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§6 a: «Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse»

    The split is given; a + b + c equals the funds disposed (the ``frame``, or failing that the
    funds received for the portfolio's appropriation year, all schemes); the justification is not
    empty. No frame and no receipts for the year → ``undetermined`` (if nothing else is wrong).
    """
    text = Texts()
    split = doc.split
    if split is None:
        yield Result(
            "/split",
            Outcome.NOT_MET,
            text(
                "Fordelingen av midlene mellom ordning a, b og c mangler.",
                "The split of the funds between schemes a, b and c is missing.",
            ),
        )
        return
    parts = {"a": kroner(split.a), "b": kroner(split.b), "c": kroner(split.c)}
    total = sum(parts.values(), Decimal(0))
    values = {k: amount_to_str(nok(v)) for k, v in parts.items()}
    values["total"] = amount_to_str(nok(total))
    if doc.frame is not None:
        disposed: Decimal | None = kroner(doc.frame)
        basis_nb, basis_en = "rammen", "the frame"
    else:
        receipts = [
            kroner(r.amount) for r in doc.funds.received if r.appropriation_year == doc.year
        ]
        disposed = sum(receipts, Decimal(0)) if receipts else None
        basis_nb = f"midler mottatt for bevilgningsår {doc.year}"
        basis_en = f"funds received for appropriation year {doc.year}"
    wrong_nb: list[str] = []
    wrong_en: list[str] = []
    negative = [k for k, v in parts.items() if v < 0]
    if negative:
        wrong_nb.append("negativt beløp for ordning " + ", ".join(negative))
        wrong_en.append("a negative amount for scheme " + ", ".join(negative))
    if disposed is not None:
        values["disposed"] = amount_to_str(nok(disposed))
        if total != disposed:
            wrong_nb.append(
                f"a + b + c = {_kr(total)} avviker fra midlene disponert, {_kr(disposed)} "
                f"({basis_nb})"
            )
            wrong_en.append(
                f"a + b + c = {_kr(total)} differs from the funds disposed, {_kr(disposed)} "
                f"({basis_en})"
            )
    if is_blank(split.justification):
        wrong_nb.append("begrunnelsen mangler")
        wrong_en.append("the justification is missing")
    if wrong_nb:
        yield Result(
            "/split",
            Outcome.NOT_MET,
            text(
                "Fordelingen: " + "; ".join(wrong_nb) + ".",
                "The split: " + "; ".join(wrong_en) + ".",
            ),
            values,
        )
    elif disposed is None:
        yield Result(
            "/split",
            Outcome.UNDETERMINED,
            text(
                f"Fordelingen a + b + c = {_kr(total)} er begrunnet, men midlene disponert er "
                f"ukjent: oppgi rammen (frame) eller midler mottatt for {doc.year}.",
                f"The split a + b + c = {_kr(total)} is justified, but the funds disposed are "
                f"unknown: give the frame or the funds received for {doc.year}.",
            ),
            values,
        )
    else:
        yield Result(
            "/split",
            Outcome.MET,
            text(
                f"a {_kr(parts['a'])}, b {_kr(parts['b'])}, c {_kr(parts['c'])}: til sammen "
                f"{_kr(total)} = {basis_nb}; begrunnet.",
                f"a {_kr(parts['a'])}, b {_kr(parts['b'])}, c {_kr(parts['c'])}: in total "
                f"{_kr(total)} = {basis_en}; justified.",
            ),
            values,
        )


@rule(
    "P65-6.3",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Tiltakene som er gjennomført, og hvordan hvert bidrar til sin ordnings kriterier",
        "The measures carried out, and how each contributes to its scheme's criteria",
    ),
    citation=Citation(
        SOURCE,
        "6",
        "Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse for "
        "de respektive ordningene.",
    ),
)
def p65_6_3(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§6 b: «Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse
    for de respektive ordningene.»

    Each scheme a measure says what was carried out (``description``) and how it contributes to
    the §2 criteria of scheme a (``criteria``); a portfolio with no measures describes none.
    """
    text = Texts()
    if not doc.measures:
        yield Result(
            "/measures",
            Outcome.NOT_MET,
            text(
                "Porteføljen beskriver ingen gjennomførte tiltak.",
                "The portfolio describes no measures carried out.",
            ),
            {"measures": "0"},
        )
        return
    for i, m in enumerate(doc.measures):
        described = not is_blank(m.description)
        contributes = m.criteria.recorded
        values = {
            "description": "yes" if described else "no",
            "criteria": "yes" if contributes else "no",
        }
        if described and contributes:
            yield Result(
                f"/measures/{i}",
                Outcome.MET,
                text(
                    "Beskriver hva som er gjennomført og bidraget til kriteriene for ordning a.",
                    "Describes what was carried out and its contribution to scheme a's criteria.",
                ),
                values,
            )
            continue
        missing_nb = []
        missing_en = []
        if not described:
            missing_nb.append("hva som er gjennomført")
            missing_en.append("what was carried out")
        if not contributes:
            missing_nb.append("hvordan tiltaket bidrar til kriteriene for ordning a (§2)")
            missing_en.append("how the measure contributes to scheme a's criteria (§2)")
        yield Result(
            f"/measures/{i}",
            Outcome.NOT_MET,
            text(
                "Rapporten mangler " + " og ".join(missing_nb) + ".",
                "The report lacks " + " and ".join(missing_en) + ".",
            ),
            values,
        )
