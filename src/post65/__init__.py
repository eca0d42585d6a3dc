"""post65: the reference implementation of the Norwegian state grant kap. 553 post 65.

Check a county's documents against the rules of schemes a, b and c, each finding citing the
regulation; allocate the grant between the counties by the district index, exactly; keep the
funds; render the yearly report.

>>> import post65
>>> result = post65.check(post65.load("examples/nordland-2024.portfolio.json"))  # doctest: +SKIP
>>> [(f.rule, f.subject) for f in result if f.fails]  # doctest: +SKIP
[('A-4.6', '/measures/7')]

The documentation is in the repository's ``docs/`` folder: ``docs/guide.md`` (the user guide),
``docs/index.md`` (the concepts), ``docs/cli.md`` (the ``post65`` command), ``docs/api.md``
(every public name). The public API is ``post65.__all__``; everything else is internal.

Every public name loads on first use (module ``__getattr__``), so ``import post65`` loads
nothing but this page. ``help(post65)`` shows this page and the functions (loading them), not
every class: ``help(post65.Portfolio)`` shows one. ``dir(post65)`` lists those functions and what
is loaded so far; ``post65.__all__`` lists every public name. ``post65.apportion`` and
``post65.rules`` are the functions, which shadow their modules.
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING

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
    from post65.apportion import (
        apportion,
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
        BeneficiaryShare,
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
    from post65.parameter_table import (
        Parameter,
    )
    from post65.parameters import (
        Parameters,
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
    from post65.rulebook import (
        CheckResult,
        Finding,
        Outcome,
        Rule,
        Severity,
    )
    from post65.rules import (
        check,
        check_by_rule,
        rules,
    )
    from post65.stateaid import (
        DeMinimisRegister,
        Organisasjonsnummer,
        Support,
    )

__version__ = "0.1.0"

# The functions (and money's names) help(post65) lists: dir() names them, so pydoc loads them.
_LISTED: dict[str, str] = {
    "apportion": "post65.apportion",
    **dict.fromkeys(("map_to_2024", "register"), "post65.geography"),
    **dict.fromkeys(("dump", "json_schema", "load"), "post65.io"),
    "verify_citation": "post65.law",
    **dict.fromkeys(
        (
            "ZERO",
            "Money",
            "amount_to_str",
            "format_amount",
            "format_number",
            "from_thousands",
            "nok",
            "parse_amount",
            "round_kroner",
            "round_ore",
            "to_thousands",
            "total",
            "use_as_application_registry",
        ),
        "post65.money",
    ),
    **dict.fromkeys(("check", "check_by_rule", "rules"), "post65.rules"),
}

# Every public name, bound on first use.
_LAZY: dict[str, str] = {
    **_LISTED,
    **dict.fromkeys(
        (
            "InvalidAmount",
            "InvalidArgument",
            "InvalidDocument",
            "InvalidIndex",
            "InvalidInput",
            "InvalidParameter",
            "Post65Error",
            "Problem",
            "UnknownCounty",
            "UnknownMunicipality",
            "UnknownParameter",
            "UnknownYear",
        ),
        "post65.errors",
    ),
    **dict.fromkeys(("Fylke", "Kommune", "Register"), "post65.geography"),
    **dict.fromkeys(("Citation", "Source"), "post65.law"),
    **dict.fromkeys(("Parameter",), "post65.parameter_table"),
    **dict.fromkeys(("Parameters",), "post65.parameters"),
    **dict.fromkeys(("CheckResult", "Finding", "Outcome", "Rule", "Severity"), "post65.rulebook"),
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
            "BeneficiaryShare",
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
        if not name.startswith("_") and name.isidentifier():
            # a public module of the package, imported on first use as the names are:
            # ``post65.io.MAX_DOCUMENT_BYTES`` in a fresh interpreter
            try:
                return importlib.import_module(f"post65.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"post65.{name}":
                    raise  # the module exists and fails to import something of its own
        raise AttributeError(f"module 'post65' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # What is bound so far (a lazy name once used) and the listed functions: pydoc documents
    # every class dir() names, and would load every lazy one; ``__all__`` lists them all.
    return sorted({*globals(), *_LISTED})


class _Package(types.ModuleType):
    """The package, whose functions ``apportion`` and ``rules`` keep their names when their
    modules are first imported (the import system would bind the module over the name)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return  # post65.apportion stays the function, loaded by __getattr__ when used
        super().__setattr__(name, value)


_SHADOWED = frozenset(name for name, module in _LISTED.items() if module == f"post65.{name}")
sys.modules[__name__].__class__ = _Package


__all__ = [
    "ZERO",
    "AdminCategory",
    "AdminCost",
    "Allocation",
    "Application",
    "Applications",
    "AssistanceKind",
    "BeneficiaryShare",
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
    "check_by_rule",
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
