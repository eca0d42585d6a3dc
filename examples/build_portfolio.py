"""Build a scheme a portfolio in Python code, check it, and print the findings.

Run: ``python examples/build_portfolio.py`` (add ``en`` for English). It builds a small
portfolio for Finnmark (56) in 2024, runs every rule that applies, prints each finding that is
not met (or undetermined) and a summary, and shows the same document as JSON is written.
Exit status 0: no error rule is broken (the advice findings never fail a check).
"""

from __future__ import annotations

import datetime as dt
import sys

import post65
from post65 import (
    Criteria,
    Funds,
    GoalContribution,
    Lasting,
    LastingKind,
    Measure,
    MunicipalChallenge,
    Needs,
    NeedsSource,
    Organisation,
    OrganisationKind,
    Partner,
    PartnerKind,
    Period,
    Plan,
    PlanAction,
    PlanProcess,
    Portfolio,
    Split,
    nok,
)
from post65.errors import Lang
from post65.funds import AdminCategory, AdminCost, Payment, Receipt, SchemeId


def build() -> Portfolio:
    """A small, valid Finnmark portfolio with two scheme a measures."""
    county = Organisation(OrganisationKind.COUNTY, "Finnmark fylkeskommune")
    guidance = Measure(
        id="fi-2024-01",
        title="Planveiledning for Loppa og Hasvik",
        uses=(post65.Use.IV,),
        owner=county,
        cost=nok(900_000),
        period=Period(dt.date(2024, 2, 1), dt.date(2025, 12, 31)),
        description="Fast planveileder gjennom rulleringen av planstrategiene.",
        beneficiaries=("5614", "5616"),
        goals=(
            GoalContribution(3, "Mer plankapasitet i to små kystkommuner."),
            GoalContribution(1, "Planstrategiene avklarer areal til fiskerinæringen."),
        ),
        needs=Needs("Kommunene har bedt om hjelp.", NeedsSource.MUNICIPALITY, "Kommunedialog"),
        lasting=Lasting(LastingKind.COMPETENCE, "Kommunene kan selv rullere planstrategien."),
        sectors=("plan", "næring"),
        departments=("Plan og samfunn",),
        partners=(Partner(PartnerKind.STATSFORVALTEREN, "Statsforvalteren i Troms og Finnmark"),),
        plan_processes=(
            PlanProcess("Planstrategi 2024–2027, Loppa", "5614"),
            PlanProcess("Planstrategi 2024–2027, Hasvik", "5616"),
        ),
        criteria=Criteria(
            plans=(
                Plan("Planstrategi 2024–2027, Loppa", PlanAction.RENEWED, "5614"),
                Plan("Planstrategi 2024–2027, Hasvik", PlanAction.RENEWED, "5616"),
            )
        ),
    )
    # A second measure that runs only 6 months: A-4.11 (help over time) shows each municipality's
    # continuity, undetermined until the caller sets a.guidance_min_months (advice either way).
    workshop = Measure(
        id="fi-2024-02",
        title="Verksted i samfunnsplanlegging for Gamvik",
        uses=(post65.Use.IV,),
        owner=county,
        cost=nok(150_000),
        period=Period(dt.date(2024, 3, 1), dt.date(2024, 8, 31)),
        description="Tre verksteder om kommuneplanens samfunnsdel.",
        beneficiaries=("5626",),
        goals=(GoalContribution(3, "Styrket samfunnsplanlegging i Gamvik."),),
        needs=Needs("Gamvik har bedt om hjelp til samfunnsdelen.", NeedsSource.DIALOGUE),
        lasting=Lasting(LastingKind.COMPETENCE, "Planutvalget har en felles arbeidsmåte."),
        sectors=("plan", "helse"),
        departments=("Næring",),
        plan_processes=(PlanProcess("Kommuneplanens samfunnsdel, Gamvik", "5626"),),
        criteria=Criteria(planning="Samfunnsdelen får et felles kunnskapsgrunnlag."),
    )
    return Portfolio(
        county="56",
        year=2024,
        frame=nok(20_000_000),
        split=Split(
            a=nok(6_000_000),
            b=nok(9_000_000),
            c=nok(5_000_000),
            justification="Ordning b prioriteres for kommunene med størst nedgang i folketall.",
        ),
        funds=Funds(
            received=(Receipt(SchemeId.A, 2024, nok(6_000_000)),),
            payments=(Payment(SchemeId.A, 2024, nok(450_000), "fi-2024-01"),),
            admin_costs=(
                AdminCost(SchemeId.A, 2024, nok(120_000), AdminCategory.CASE_HANDLING, "Tilsagn"),
            ),
        ),
        challenges=(
            MunicipalChallenge("5614", "Ingen egen planlegger.", "Kommunedialog 2023"),
            MunicipalChallenge("5616", "Planstrategien er ikke rullert.", "Kommunedialog 2023"),
            MunicipalChallenge("5626", "Små fagmiljø.", "Kommunedialog 2023"),
        ),
        measures=(guidance, workshop),
    )


def main(lang: Lang = "nb") -> int:
    portfolio = build()
    result = post65.check(portfolio)
    for finding in result:
        if finding.outcome in (post65.Outcome.NOT_MET, post65.Outcome.UNDETERMINED):
            print(
                f"{finding.rule:<8} {finding.outcome.value:<13} {finding.severity.value:<7} "
                f"{finding.subject or '/'}: {finding.message(lang)}"
            )
    print(result.summary, "passed" if result.passed else "failed")
    # The same document as JSON, and back: load() validates it as post65 check would.
    same = post65.load(post65.dump(portfolio)) == portfolio
    print("JSON round trip:", "the same portfolio" if same else "a DIFFERENT portfolio")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main("en" if sys.argv[1:] == ["en"] else "nb"))
