"""The public API is pinned: a change to ``post65.__all__`` is a deliberate change of this test."""

from __future__ import annotations

import post65

PUBLIC_API = sorted(
    [
        "ZERO",
        "AdminCategory",
        "AdminCost",
        "Application",
        "Applications",
        "Call",
        "CheckResult",
        "Citation",
        "Commitment",
        "DeMinimisRegister",
        "Finding",
        "Funds",
        "Fylke",
        "InvalidAmount",
        "InvalidDocument",
        "InvalidIndex",
        "InvalidInput",
        "InvalidParameter",
        "Kommune",
        "Ledger",
        "Money",
        "Organisasjonsnummer",
        "Outcome",
        "Overdrawn",
        "Parameter",
        "Parameters",
        "Payment",
        "Post65Error",
        "Problem",
        "Programme",
        "Receipt",
        "Register",
        "Rule",
        "SchemeId",
        "Severity",
        "Source",
        "Split",
        "Statement",
        "Support",
        "Text",
        "UnknownCall",
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
        "shipped_call",
        "to_thousands",
        "total",
        "use_as_application_registry",
        "verify_citation",
    ]
)


def test_public_api_is_pinned() -> None:
    assert sorted(post65.__all__) == PUBLIC_API


def test_every_public_name_exists() -> None:
    for name in post65.__all__:
        assert hasattr(post65, name), name


def test_errors_share_one_root() -> None:
    for name in post65.__all__:
        obj = getattr(post65, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, post65.Post65Error), name
