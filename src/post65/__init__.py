"""post65: the reference implementation of kap. 553 post 65.

The public API is the names in ``__all__``; everything else is internal. See ``docs/index.md``.
The document and allocation types load on first use (module ``__getattr__``), so that
``import post65`` stays cheap; ``post65.apportion`` is the function, which shadows its module.
"""

import importlib
from typing import TYPE_CHECKING

from post65.apportion import (
    apportion,
)
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
from post65.geography import (
    Fylke,
    Kommune,
    Register,
    map_to_2024,
    register,
)
from post65.io import (
    dump,
    json_schema,
    load,
)
from post65.law import (
    Citation,
    Source,
    verify_citation,
)
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
from post65.parameters import (
    Parameter,
    Parameters,
)
from post65.rules import (
    CheckResult,
    Finding,
    Outcome,
    Rule,
    Severity,
    Text,
    check,
    rules,
)

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
    from post65.measures import (
        AssistanceKind,
        Criteria,
        GoalContribution,
        GuidanceCapacity,
        Lasting,
        LastingKind,
        Measure,
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
        Supplier,
        Use,
    )
    from post65.portfolio import (
        MunicipalChallenge,
        Portfolio,
        Section2,
        section2,
    )

__version__ = "0.1.0.dev0"

# Public names whose modules load on first use.
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
    **dict.fromkeys(
        (
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
        ),
        "post65.measures",
    ),
    **dict.fromkeys(
        ("MunicipalChallenge", "Portfolio", "Section2", "section2"), "post65.portfolio"
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
    "AssistanceKind",
    "CheckResult",
    "Citation",
    "Commitment",
    "Comparison",
    "CountyAllocation",
    "Criteria",
    "DistrictIndex",
    "Explicit",
    "Finding",
    "Funds",
    "Fylke",
    "GoalContribution",
    "GuidanceCapacity",
    "Indicators",
    "InvalidAmount",
    "InvalidDocument",
    "InvalidIndex",
    "InvalidInput",
    "InvalidParameter",
    "Kommune",
    "Lasting",
    "LastingKind",
    "Lowest",
    "MaxScore",
    "Measure",
    "Money",
    "MunicipalChallenge",
    "Needs",
    "NeedsSource",
    "Organisation",
    "OrganisationKind",
    "Outcome",
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
    "Receipt",
    "Register",
    "Rule",
    "SchemeId",
    "Section2",
    "Selected",
    "Severity",
    "Source",
    "Split",
    "Supplier",
    "Text",
    "UnknownCounty",
    "UnknownMunicipality",
    "UnknownYear",
    "Use",
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
    "section2",
    "to_thousands",
    "total",
    "use_as_application_registry",
    "verify_citation",
]
