"""The public API is pinned: a change to ``post65.__all__`` is a deliberate change of this test."""

from __future__ import annotations

import subprocess
import sys

import pytest

import post65

PUBLIC_API = sorted(
    [
        "ZERO",
        "AdminCategory",
        "AdminCost",
        "CheckResult",
        "Citation",
        "Commitment",
        "Finding",
        "Funds",
        "Fylke",
        "InvalidAmount",
        "InvalidDocument",
        "InvalidIndex",
        "InvalidInput",
        "InvalidParameter",
        "Kommune",
        "Money",
        "Outcome",
        "Parameter",
        "Parameters",
        "Payment",
        "Post65Error",
        "Problem",
        "Receipt",
        "Register",
        "Rule",
        "SchemeId",
        "Severity",
        "Source",
        "Split",
        "Text",
        "UnknownCounty",
        "UnknownMunicipality",
        "UnknownYear",
        "__version__",
        "amount_to_str",
        "check",
        "dump",
        "format_amount",
        "format_number",
        "from_thousands",
        "json_schema",
        "load",
        "map_to_2024",
        "nok",
        "parse_amount",
        "register",
        "round_kroner",
        "round_ore",
        "rules",
        "to_thousands",
        "total",
        "use_as_application_registry",
        "verify_citation",
        "AssistanceKind",
        "Criteria",
        "GoalContribution",
        "GuidanceCapacity",
        "Lasting",
        "LastingKind",
        "Measure",
        "Needs",
        "NeedsSource",
        "Organisation",
        "OrganisationKind",
        "Partner",
        "PartnerKind",
        "Period",
        "Plan",
        "PlanAction",
        "PlanProcess",
        "Supplier",
        "Use",
        "MunicipalChallenge",
        "Portfolio",
        "Section2",
        "section2",
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
