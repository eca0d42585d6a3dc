"""The public API is pinned: a change to ``post65.__all__`` is a deliberate change of this test."""

from __future__ import annotations

import post65

PUBLIC_API = sorted(
    [
        "AdminCategory",
        "AdminCost",
        "Allocation",
        "CheckResult",
        "Citation",
        "Commitment",
        "Comparison",
        "CountyAllocation",
        "DistrictIndex",
        "Explicit",
        "Finding",
        "Funds",
        "Fylke",
        "Indicators",
        "InvalidAmount",
        "InvalidDocument",
        "InvalidIndex",
        "InvalidInput",
        "InvalidParameter",
        "Kommune",
        "Lowest",
        "MaxScore",
        "Money",
        "Outcome",
        "Parameter",
        "Parameters",
        "Payment",
        "PopulationShare",
        "Post65Error",
        "Problem",
        "Receipt",
        "Register",
        "Rule",
        "SchemeId",
        "Selected",
        "Severity",
        "Source",
        "Split",
        "Text",
        "UnknownCounty",
        "UnknownMunicipality",
        "UnknownYear",
        "ZERO",
        "__version__",
        "allocate",
        "amount_to_str",
        "apportion",
        "check",
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
        "parse_amount",
        "read_index",
        "read_population",
        "register",
        "round_kroner",
        "round_ore",
        "rules",
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
