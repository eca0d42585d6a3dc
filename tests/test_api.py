"""The public API is pinned: a change to ``post65.__all__`` is a deliberate change of this test."""

from __future__ import annotations

import post65

PUBLIC_API = sorted(
    """
    ZERO AdminCategory AdminCost CheckResult Citation Commitment Finding Funds Fylke
    InvalidAmount InvalidDocument InvalidIndex InvalidInput InvalidParameter Kommune Money Outcome
    Parameter Parameters Payment Post65Error Problem Receipt Register Rule SchemeId Severity Source
    Split Text UnknownCounty UnknownMunicipality UnknownYear __version__ amount_to_str check dump
    format_amount format_number from_thousands json_schema load map_to_2024 nok parse_amount
    register round_kroner round_ore rules to_thousands total use_as_application_registry
    verify_citation
    Allocation Comparison CountyAllocation DistrictIndex Explicit Indicators Lowest MaxScore
    PopulationShare Selected allocate apportion compare compute_index read_index read_population
    """.split()
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
