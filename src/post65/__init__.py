"""post65: the reference implementation of kap. 553 post 65.

The public API is the names in ``__all__``; everything else is internal. See ``docs/index.md``.
"""

import importlib
from typing import TYPE_CHECKING, Any

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
    Ledger,
    Overdrawn,
    Payment,
    Receipt,
    SchemeId,
    Split,
    Statement,
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
    from post65.calls import Call, UnknownCall, shipped_call
    from post65.schemes.b import Application, Applications
    from post65.schemes.c import Programme
    from post65.stateaid import DeMinimisRegister, Organisasjonsnummer, Support

__version__ = "0.1.0.dev0"

# Imported on first use, so that ``import post65`` does not pay for the scheme modules.
_LAZY = {
    "Application": "post65.schemes.b",
    "Applications": "post65.schemes.b",
    "Call": "post65.calls",
    "DeMinimisRegister": "post65.stateaid",
    "Organisasjonsnummer": "post65.stateaid",
    "Programme": "post65.schemes.c",
    "Support": "post65.stateaid",
    "UnknownCall": "post65.calls",
    "shipped_call": "post65.calls",
}


def __getattr__(name: str) -> Any:
    """The public names of the scheme modules, imported when first asked for (PEP 562)."""
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
