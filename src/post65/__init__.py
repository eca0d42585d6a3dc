"""post65: the reference implementation of kap. 553 post 65.

The public API is the names in ``__all__``; everything else is internal. See ``docs/index.md``.
"""

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

__version__ = "0.1.0.dev0"

__all__ = [
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
]
