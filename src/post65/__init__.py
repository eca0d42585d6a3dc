"""post65: the reference implementation of kap. 553 post 65.

The public API is the names in ``__all__``; everything else is internal. See ``docs/index.md``.
"""

import importlib
from typing import TYPE_CHECKING

# Eager: the function ``apportion`` must shadow its module ``post65.apportion`` on the package.
from post65.apportion import apportion
from post65.errors import (
    InvalidAmount,
    InvalidDocument,
    InvalidIndex,
    InvalidInput,
    InvalidParameter,
    Post65Error,
    Problem,
    UnknownCounty,
    UnknownMunicipality,
    UnknownYear,
)
from post65.funds import (
    AdminCategory,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
)
from post65.geography import Fylke, Kommune, Register, map_to_2024, register
from post65.io import dump, json_schema, load
from post65.law import Citation, Source, verify_citation
from post65.money import (
    ZERO,
    Money,
    amount_to_str,
    format_amount,
    format_number,
    from_thousands,
    nok,
    parse_amount,
    round_kroner,
    round_ore,
    to_thousands,
    total,
    use_as_application_registry,
)
from post65.parameters import Parameter, Parameters
from post65.rules import CheckResult, Finding, Outcome, Rule, Severity, Text, check, rules

if TYPE_CHECKING:
    from post65.allocation import (
        Allocation,
        Comparison,
        CountyAllocation,
        Explicit,
        Lowest,
        MaxScore,
        PopulationShare,
        Selected,
        allocate,
        compare,
    )
    from post65.districtindex import (
        DistrictIndex,
        Indicators,
        compute_index,
        read_index,
        read_population,
    )

__version__ = "0.1.0.dev0"

# Public names whose modules load on first use, so that ``import post65`` stays cheap.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "Allocation",
            "Comparison",
            "CountyAllocation",
            "Explicit",
            "Lowest",
            "MaxScore",
            "PopulationShare",
            "Selected",
            "allocate",
            "compare",
        ),
        "post65.allocation",
    ),
    **dict.fromkeys(
        ("DistrictIndex", "Indicators", "compute_index", "read_index", "read_population"),
        "post65.districtindex",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'post65' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ZERO",
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
