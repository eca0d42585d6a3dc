"""Write the county reports of 2024 that ``post65 summarise`` is shown with.

Run: ``python examples/build_reports.py [DIRECTORY]`` (default ``examples/reports-2024``). It
writes four ``report`` documents, what ``post65 report --format json`` writes:

- ``18-nordland.report.json``: built from ``nordland-2024.portfolio.json`` and its judgement;
- ``56-finnmark.report.json``: built from the small portfolio of ``build_portfolio.py``;
- ``55-troms.report.json`` and ``34-innlandet.report.json``: reports written directly (invented
  but plausible figures), as a county that keeps its report outside post65 would send it.

Then ``post65 summarise examples/reports-2024/*.json`` summarises them (11 counties missing).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from post65.funds import SchemeId, Split
from post65.io import dump, load, read_text
from post65.measures import Period
from post65.money import nok
from post65.report import (
    Report,
    ReportContribution,
    ReportCriterion,
    ReportMeasure,
    ReportScheme,
    SchemeFunds,
    build_report,
)

HERE = Path(__file__).resolve().parent


def _funds(opening: int, received: int, payments: int, admin: int) -> SchemeFunds:
    closing = opening + received - payments - admin
    return SchemeFunds(nok(opening), nok(received), nok(payments), nok(admin), nok(closing))


def _measure(
    mid: str,
    title: str,
    beneficiaries: tuple[str, ...],
    amount: int,
    criterion: ReportCriterion,
    contribution: str,
    jobs: int | None = None,
) -> ReportMeasure:
    return ReportMeasure(
        id=mid,
        title=title,
        beneficiaries=beneficiaries,
        amount=nok(amount),
        spent=nok(amount // 2),
        description=contribution,
        contributions=(ReportContribution(criterion, contribution),),
        jobs_created=jobs,
        period=Period(dt.date(2024, 1, 1), dt.date(2025, 12, 31)) if mid.startswith("a") else None,
    )


def troms() -> Report:
    """Troms 2024: a, b and c, with jobs created in scheme c."""
    return Report(
        county="55",
        year=2024,
        split=Split(
            nok(8_000_000), nok(10_000_000), nok(4_000_000), "Behov i de minste kommunene."
        ),
        disposed=nok(22_000_000),
        schemes=(
            ReportScheme(
                SchemeId.A,
                (
                    _measure(
                        "a-1",
                        "Plannettverk Nord-Troms",
                        ("5542", "5544", "5546"),
                        1_200_000,
                        ReportCriterion.PLANNING,
                        "Felles planressurs for tre kommuner.",
                    ),
                    _measure(
                        "a-2",
                        "Planstrategi Dyrøy og Ibestad",
                        ("5528", "5514"),
                        800_000,
                        ReportCriterion.PLANS,
                        "Planstrategi 2024–2027, Dyrøy",
                    ),
                ),
                _funds(1_500_000, 8_000_000, 3_900_000, 360_000),
            ),
            ReportScheme(
                SchemeId.B,
                (
                    _measure(
                        "b-1",
                        "Bulyst i Kvænangen",
                        ("5546",),
                        2_500_000,
                        ReportCriterion.ATTRACTIVENESS,
                        "Møteplasser og boliger.",
                    ),
                    _measure(
                        "b-2",
                        "Utviklingskapasitet Lyngen",
                        ("5536",),
                        3_000_000,
                        ReportCriterion.DEVELOPMENT_CAPACITY,
                        "Ny utviklingsstilling.",
                    ),
                ),
                _funds(0, 10_000_000, 6_200_000, 250_000),
            ),
            ReportScheme(
                SchemeId.C,
                (
                    _measure(
                        "c-1",
                        "Omstilling Skjervøy",
                        ("5542",),
                        4_000_000,
                        ReportCriterion.JOBS,
                        "Sjømatnæringen.",
                        jobs=9,
                    ),
                ),
                _funds(0, 4_000_000, 4_000_000, 0),
            ),
        ),
    )


def innlandet() -> Report:
    """Innlandet 2024: most of the frame to scheme b, no scheme c."""
    return Report(
        county="34",
        year=2024,
        split=Split(
            nok(7_000_000), nok(16_000_000), nok(0), "Nedgang i folketall i fjellregionen."
        ),
        disposed=nok(23_000_000),
        schemes=(
            ReportScheme(
                SchemeId.A,
                (
                    _measure(
                        "a-1",
                        "Planveiledning Rendalen og Stor-Elvdal",
                        ("3424", "3423"),
                        1_100_000,
                        ReportCriterion.PLANNING,
                        "Fast planveileder.",
                    ),
                ),
                _funds(600_000, 7_000_000, 2_800_000, 300_000),
            ),
            ReportScheme(
                SchemeId.B,
                (
                    _measure(
                        "b-1",
                        "Bolyst i Trysil",
                        ("3421",),
                        5_000_000,
                        ReportCriterion.ATTRACTIVENESS,
                        "Tilflyttingsprogram.",
                    ),
                    _measure(
                        "b-2",
                        "Næringshage Åmot",
                        ("3422",),
                        4_000_000,
                        ReportCriterion.DEVELOPMENT_CAPACITY,
                        "Næringshage.",
                    ),
                    _measure(
                        "b-3",
                        "Sentrumsutvikling Grue",
                        ("3417",),
                        3_500_000,
                        ReportCriterion.ATTRACTIVENESS,
                        "Nytt torg.",
                    ),
                ),
                _funds(0, 16_000_000, 11_000_000, 450_000),
            ),
            ReportScheme(SchemeId.C, (), _funds(0, 0, 0, 0)),
        ),
    )


def main(out: Path) -> None:
    """Write the four reports into ``out``."""
    sys.path.insert(0, str(HERE))
    from build_portfolio import build

    out.mkdir(parents=True, exist_ok=True)
    nordland = build_report(
        load(HERE / "nordland-2024.portfolio.json"),
        judgement=read_text(HERE / "nordland-2024.judgement.txt"),
    )
    reports = {
        "18-nordland": nordland,
        "34-innlandet": innlandet(),
        "55-troms": troms(),
        "56-finnmark": build_report(build()),
    }
    for name, report in reports.items():
        (out / f"{name}.report.json").write_text(dump(report), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "reports-2024")
