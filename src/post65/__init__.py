"""post65: the reference implementation of kap. 553 post 65.

The public API is the names in ``__all__``; everything else is internal. See ``docs/index.md``.
"""

import importlib
from typing import TYPE_CHECKING

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

# The document types load on first use, so that ``import post65`` stays cheap.
_LAZY: dict[str, str] = {
    "AssistanceKind": "post65.measures",
    "Criteria": "post65.measures",
    "GoalContribution": "post65.measures",
    "GuidanceCapacity": "post65.measures",
    "Lasting": "post65.measures",
    "LastingKind": "post65.measures",
    "Measure": "post65.measures",
    "Needs": "post65.measures",
    "NeedsSource": "post65.measures",
    "Organisation": "post65.measures",
    "OrganisationKind": "post65.measures",
    "Partner": "post65.measures",
    "PartnerKind": "post65.measures",
    "Period": "post65.measures",
    "Plan": "post65.measures",
    "PlanAction": "post65.measures",
    "PlanProcess": "post65.measures",
    "Supplier": "post65.measures",
    "Use": "post65.measures",
    "MunicipalChallenge": "post65.portfolio",
    "Portfolio": "post65.portfolio",
    "Section2": "post65.portfolio",
    "section2": "post65.portfolio",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'post65' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ZERO",
    "AdminCategory",
    "AdminCost",
    "AssistanceKind",
    "CheckResult",
    "Citation",
    "Commitment",
    "Criteria",
    "Finding",
    "Funds",
    "Fylke",
    "GoalContribution",
    "GuidanceCapacity",
    "InvalidAmount",
    "InvalidDocument",
    "InvalidIndex",
    "InvalidInput",
    "InvalidParameter",
    "Kommune",
    "Lasting",
    "LastingKind",
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
    "Portfolio",
    "Post65Error",
    "Problem",
    "Receipt",
    "Register",
    "Rule",
    "SchemeId",
    "Section2",
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
    "section2",
    "to_thousands",
    "total",
    "use_as_application_registry",
    "verify_citation",
]
