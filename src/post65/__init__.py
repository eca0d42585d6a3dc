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
    InvalidArgument,
    InvalidDocument,
    InvalidIndex,
    InvalidInput,
    InvalidParameter,
    Post65Error,
    Problem,
    UnknownCounty,
    UnknownMunicipality,
    UnknownParameter,
    UnknownYear,
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
from post65.rulebook import (
    CheckResult,
    Finding,
    Outcome,
    Rule,
    Severity,
)
from post65.rules import (
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
    from post65.applications import (
        Application,
        Applications,
    )
    from post65.calls import (
        Call,
        UnknownCall,
        shipped_call,
    )
    from post65.districtindex import (
        DistrictIndex,
        Indicators,
        compute_index,
        read_index,
        read_population,
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
    from post65.layout import (
        PageModel,
    )
    from post65.ledger import (
        Ledger,
        Overdrawn,
        Statement,
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
        SchemeBMeasure,
        SchemeCMeasure,
        Section2,
        section2,
    )
    from post65.programme import (
        Programme,
    )
    from post65.report import (
        Report,
        ReportContribution,
        ReportCriterion,
        ReportMeasure,
        ReportScheme,
        SchemeFunds,
        build_report,
        page_count,
        render_report,
    )
    from post65.stateaid import (
        DeMinimisRegister,
        Organisasjonsnummer,
        Support,
    )

__version__ = "0.1.0"

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
    **dict.fromkeys(("Call", "UnknownCall", "shipped_call"), "post65.calls"),
    **dict.fromkeys(
        ("DistrictIndex", "Indicators", "compute_index", "read_index", "read_population"),
        "post65.districtindex",
    ),
    **dict.fromkeys(
        (
            "AdminCategory",
            "AdminCost",
            "Commitment",
            "Funds",
            "Payment",
            "Receipt",
            "SchemeId",
            "Split",
        ),
        "post65.funds",
    ),
    **dict.fromkeys(("Ledger", "Overdrawn", "Statement"), "post65.ledger"),
    **dict.fromkeys(("PageModel",), "post65.layout"),
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
        (
            "MunicipalChallenge",
            "Portfolio",
            "SchemeBMeasure",
            "SchemeCMeasure",
            "Section2",
            "section2",
        ),
        "post65.portfolio",
    ),
    **dict.fromkeys(
        (
            "Report",
            "ReportContribution",
            "ReportCriterion",
            "ReportMeasure",
            "ReportScheme",
            "SchemeFunds",
            "build_report",
            "page_count",
            "render_report",
        ),
        "post65.report",
    ),
    **dict.fromkeys(("Application", "Applications"), "post65.applications"),
    **dict.fromkeys(("Programme",), "post65.programme"),
    **dict.fromkeys(("DeMinimisRegister", "Organisasjonsnummer", "Support"), "post65.stateaid"),
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
    "Application",
    "Applications",
    "AssistanceKind",
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
    "__version__",
    "allocate",
    "amount_to_str",
    "apportion",
    "build_report",
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
