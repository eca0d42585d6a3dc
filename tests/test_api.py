"""The public API is pinned: a change to ``post65.__all__`` is a deliberate change of this test."""

from __future__ import annotations

import subprocess
import sys

import pytest

import post65

PUBLIC_API = sorted(
    [
        "AdminCategory",
        "AdminCost",
        "Allocation",
        "Application",
        "Applications",
        "AssistanceKind",
        "BeneficiaryShare",
        "Call",
        "CheckResult",
        "Citation",
        "Commitment",
        "Comparison",
        "CountyAllocation",
        "Criteria",
        "DeMinimisRegister",
        "DistrictIndex",
        "Explicit",
        "Finding",
        "Funds",
        "Fylke",
        "GoalContribution",
        "GuidanceCapacity",
        "Indicators",
        "InvalidAmount",
        "InvalidArgument",
        "InvalidDocument",
        "InvalidIndex",
        "InvalidInput",
        "InvalidParameter",
        "Kommune",
        "Lasting",
        "LastingKind",
        "Ledger",
        "Lowest",
        "MaxScore",
        "Measure",
        "Money",
        "MunicipalChallenge",
        "Needs",
        "NeedsSource",
        "Organisasjonsnummer",
        "Organisation",
        "OrganisationKind",
        "Outcome",
        "Overdrawn",
        "PageModel",
        "Parameter",
        "Parameters",
        "Partner",
        "PartnerKind",
        "Payment",
        "Period",
        "Plan",
        "PlanAction",
        "PlanProcess",
        "PopulationShare",
        "Portfolio",
        "Post65Error",
        "Problem",
        "Programme",
        "Receipt",
        "Register",
        "Report",
        "ReportContribution",
        "ReportCriterion",
        "ReportMeasure",
        "ReportScheme",
        "Rule",
        "SchemeBMeasure",
        "SchemeCMeasure",
        "SchemeFunds",
        "SchemeId",
        "Section2",
        "Selected",
        "Severity",
        "Source",
        "Split",
        "Statement",
        "Supplier",
        "Support",
        "UnknownCall",
        "UnknownCounty",
        "UnknownMunicipality",
        "UnknownParameter",
        "UnknownYear",
        "Use",
        "ZERO",
        "__version__",
        "allocate",
        "amount_to_str",
        "apportion",
        "build_report",
        "check",
        "check_by_rule",
        "compare",
        "compute_index",
        "dump",
        "format_amount",
        "format_number",
        "from_thousands",
        "json_schema",
        "load",
        "map_to_2024",
        "nok",
        "page_count",
        "parse_amount",
        "read_index",
        "read_population",
        "register",
        "render_report",
        "round_kroner",
        "round_ore",
        "rules",
        "section2",
        "shipped_call",
        "to_thousands",
        "total",
        "use_as_application_registry",
        "verify_citation",
    ]
)


def test_public_api_is_pinned() -> None:
    assert sorted(post65.__all__) == PUBLIC_API


def test_document_types_load_lazily_and_are_the_module_objects() -> None:
    code = "import sys, post65; print('post65.portfolio' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert proc.stdout.strip() == b"False"

    from post65.portfolio import Portfolio

    assert post65.Portfolio is Portfolio
    with pytest.raises(AttributeError, match="no_such_name"):
        post65.no_such_name  # noqa: B018


def test_every_public_name_exists() -> None:
    for name in post65.__all__:
        assert hasattr(post65, name), name


def test_errors_share_one_root() -> None:
    for name in post65.__all__:
        obj = getattr(post65, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, post65.Post65Error), name
