"""Varied portfolios for the benchmarks, generated deterministically from a seed.

``portfolio(n)`` is a scheme a portfolio of ``n`` measures for one county and year: measures of
the four uses (built on the Nordland example's measures of each use), each with its own
beneficiaries among the county's municipalities, its own owner, cost and period, and its own
texts (the description, what lasts, the needs and the document they cite, the sectors); in the
funds a commitment and a payment per measure, receipts for each of several appropriation years,
and administration costs every year. The same ``(n, seed, county, year)`` always gives the same
document, so figures of different runs measure the same bytes.

Run ``python benchmarks/corpus.py N [FILE]`` to write one (to stdout without FILE; ``--help``).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nordland-2024.portfolio.json"

SIZES = (1_000, 10_000, 100_000)
"""The sizes of the scaling curve."""

_OWNERS = (  # (kind, name pattern, weight)
    ("county", "{county} fylkeskommune", 6),
    ("municipality", "{municipality} kommune", 4),
    ("state_agency", "Statsforvalteren, fagavdeling {n}", 1),
    ("research", "Høgskolesenter {n}", 1),
    ("other", "Regionrådet {n}", 1),
)


def _templates() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    by_use: dict[str, list[dict[str, Any]]] = {}
    for measure in data["measures"]:
        by_use.setdefault(measure["uses"][0], []).append(measure)
    return data, by_use


def _municipalities(county: str) -> list[tuple[str, str]]:
    from post65 import register

    reg = register(2024)
    return [(k.kommunenummer, k.name) for k in reg.municipalities_in(county)]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


_SECTORS = (
    "plan",
    "næring",
    "helse og omsorg",
    "folkehelse",
    "digitalisering",
    "kultur",
    "oppvekst",
    "landbruk",
    "naturforvaltning",
    "kommuneøkonomi",
    "beredskap",
    "bolig",
    "samferdsel",
    "klima og energi",
)
_REFERENCES = (
    "Søknad fra {municipality} kommune {year}",
    "Kommunedialog {year}, {municipality}",
    "Henvendelse fra {municipality} kommune {year}",
    "Vedtak i regionrådet {year}, sak om {municipality}",
    "Regional planstrategi {year}–{end}",
)


def _vary_texts(
    measure: dict[str, Any], rng: random.Random, i: int, municipality: str, year: int
) -> None:
    """The free texts and lists a county writes for each measure made its own: the description,
    what lasts, the needs and the §2 examples carry the measure's number, the sectors are drawn
    from a list of fourteen (one to four, in any order), and the needs cite a document of the
    measure's first municipality and year. Copied from the example alone they would repeat nine
    texts a thousand times, and a rule that works out a verdict once per distinct text would be
    timed on a repetition no county's portfolio has."""
    tag = f" (tiltak {i})"
    measure["description"] = measure.get("description", "") + tag
    for key in ("lasting", "needs"):
        part = measure.get(key)
        if part and part.get("description"):
            part["description"] += tag
    criteria = measure.get("criteria", {})
    for key in ("new_ways", "planning"):
        if criteria.get(key):
            criteria[key] += tag
    measure["sectors"] = rng.sample(_SECTORS, k=rng.choice((1, 2, 2, 3, 3, 4)))
    needs = measure.get("needs")
    if needs:
        pattern = rng.choice(_REFERENCES)
        needs["reference"] = pattern.format(municipality=municipality, year=year - 1, end=year + 3)


def portfolio(measures: int, *, seed: int = 65, county: str = "18", year: int = 2024) -> Any:
    """A portfolio of ``measures`` varied measures (a JSON value: dicts, lists, strings)."""
    rng = random.Random(f"{seed}/{measures}/{county}/{year}")  # noqa: S311 (seeded, not secret)
    data, by_use = _templates()
    places = _municipalities(county)
    county_name = data["measures"][0]["owner"]["name"].removesuffix(" fylkeskommune")
    uses = sorted(by_use)
    out_measures: list[dict[str, Any]] = []
    commitments: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    committed_by_year: dict[int, int] = {}
    paid_by_year: dict[int, int] = {}
    first_year = year - 4
    for i in range(measures):
        use = rng.choice(uses)
        measure = copy.deepcopy(rng.choice(by_use[use]))
        if rng.random() < 0.15:  # a few measures serve two uses
            measure["uses"] = sorted({use, rng.choice(uses)})
        ident = f"m-{i:06d}"
        chosen = rng.sample(places, k=min(len(places), rng.choice((1, 1, 2, 3, 4, 6))))
        beneficiaries = [number for number, _ in chosen]
        kind, pattern, _ = rng.choices(_OWNERS, weights=[w for *_, w in _OWNERS])[0]
        owner_name = pattern.format(county=county_name, municipality=chosen[0][1], n=i % 97)
        start = dt.date(first_year, 1, 1) + dt.timedelta(days=rng.randrange(365 * 5))
        end = _add_months(start, rng.randrange(2, 36))
        cost = rng.randrange(100, 3_000) * 1_000
        _vary_texts(measure, rng, i, chosen[0][1], start.year)
        measure.update(
            id=ident,
            title=f"{measure['title']} ({i})",
            beneficiaries=beneficiaries,
            owner={"kind": kind, "name": owner_name},
            cost=str(cost),
            period={"start": start.isoformat(), "end": end.isoformat()},
        )
        for key in ("plan_processes",):
            for j, process in enumerate(measure.get(key, ())):
                process["kommunenummer"] = beneficiaries[j % len(beneficiaries)]
        for j, plan in enumerate(measure.get("criteria", {}).get("plans", ())):
            if "kommunenummer" in plan:
                plan["kommunenummer"] = beneficiaries[j % len(beneficiaries)]
        out_measures.append(measure)
        commit_year = min(max(start.year, first_year), year)
        pay_year = rng.randrange(commit_year, year + 1)
        paid = cost * rng.randrange(30, 101) // 100
        committed_by_year[commit_year] = committed_by_year.get(commit_year, 0) + cost
        paid_by_year[pay_year] = paid_by_year.get(pay_year, 0) + paid
        commitments.append(
            {
                "scheme": "a",
                "year": commit_year,
                "amount": str(cost),
                "measure": ident,
                "description": f"Tilsagn {ident}",
            }
        )
        payments.append(
            {
                "scheme": "a",
                "year": pay_year,
                "amount": str(paid),
                "measure": ident,
                "description": f"Utbetaling {ident}",
            }
        )
    admin_costs: list[dict[str, Any]] = []
    received: list[dict[str, Any]] = []
    for y in range(first_year, year + 1):
        spend = max(committed_by_year.get(y, 0), paid_by_year.get(y, 0))
        admin = spend * rng.randrange(2, 6) // 100
        for category, share in (("case_handling", 60), ("follow_up", 30), ("reporting", 10)):
            admin_costs.append(
                {
                    "scheme": "a",
                    "year": y,
                    "amount": str(admin * share // 100),
                    "category": category,
                    "description": f"Administrasjon {y}, {category}",
                }
            )
        receipt = (spend + admin) * rng.randrange(95, 115) // 100 // 1000 * 1000
        for scheme, amount in (("a", receipt), ("b", receipt // 2), ("c", receipt // 3)):
            received.append(
                {
                    "scheme": scheme,
                    "appropriation_year": y,
                    "amount": str(amount),
                    "received": f"{y}-02-{rng.randrange(1, 28):02d}",
                }
            )
    split = dict(data["split"])
    a = max(committed_by_year.get(year, 0), 1_000_000)
    split.update(a=str(a), b=str(a // 2), c=str(a // 3))
    data.update(
        county=county,
        year=year,
        frame=str(a + a // 2 + a // 3),
        split=split,
        measures=out_measures,
        funds={
            "received": received,
            "commitments": commitments,
            "payments": payments,
            "admin_costs": admin_costs,
        },
        challenges=[
            {
                "kommunenummer": number,
                "challenge": f"Små fagmiljø i {name}; kapasiteten til plan og utvikling er lav.",
                "source": f"Kommunedialog {year - 1}, {name}",
            }
            for number, name in places
            if rng.random() < 0.9  # a few municipalities have no challenge recorded
        ],
    )
    return data


def portfolio_bytes(measures: int, **kwargs: Any) -> bytes:
    """``portfolio(measures)`` as compact UTF-8 JSON."""
    return json.dumps(portfolio(measures, **kwargs), ensure_ascii=False).encode("utf-8")


def write(measures: int, directory: Path, **kwargs: Any) -> Path:
    """Write ``portfolio(measures)`` to ``directory`` and return its path."""
    path = directory / f"portfolio-{measures}.json"
    path.write_bytes(portfolio_bytes(measures, **kwargs))
    return path


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/corpus.py N [FILE]``: write ``portfolio(N)`` to FILE or stdout."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/corpus.py",
        description="Write a varied scheme a portfolio of N measures as compact JSON, generated "
        "deterministically from a seed (the same options always give the same bytes).",
        allow_abbrev=False,
    )
    parser.add_argument("measures", type=_count, metavar="N", help="the number of measures")
    parser.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="where to write it (default: stdout)"
    )
    args = parser.parse_args(argv)
    text = portfolio_bytes(args.measures)
    if args.file is not None:
        args.file.write_bytes(text)
    else:
        sys.stdout.buffer.write(text)
    return 0


def _count(text: str) -> int:
    """A whole number of measures (0 too: a portfolio without measures)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is no number of measures (a whole number)")
    return int(text)


if __name__ == "__main__":
    sys.exit(main())
