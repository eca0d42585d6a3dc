"""A typed and helpful API (issue 15, point 9).

- ``load(…, kind=…)`` and ``from_json(…, kind=…)`` are typed per kind: the ``assert_type`` calls
  below are checked by ``mypy --strict tests`` (one of the project's checks), and fail it if the
  type were ``Any`` or another class; at run time they are identities, and ``isinstance`` checks
  the same;
- ``import post65.strategies`` without Hypothesis raises an ImportError naming the extra;
- ``help(post65)`` is a page, pointing to the documentation, and does not load every class.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import assert_type

import post65
from post65.allocation import Allocation
from post65.applications import Application, Applications
from post65.calls import Call
from post65.io import from_json, load
from post65.portfolio import Portfolio
from post65.programme import Programme
from post65.report import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, text=True, cwd=ROOT
    )


def test_load_is_typed_per_kind() -> None:
    portfolio = load(EXAMPLES / "nordland-2024.portfolio.json", kind="portfolio")
    assert_type(portfolio, Portfolio)
    application = load(EXAMPLES / "innlandet-2024-application.json", kind="application")
    assert_type(application, Application)
    applications = load(EXAMPLES / "innlandet-2024-applications.json", kind="applications")
    assert_type(applications, Applications)
    call = load(EXAMPLES / "innlandet-2024-call.json", kind="call")
    assert_type(call, Call)
    programme = load(EXAMPLES / "innlandet-2024-programme.json", kind="programme")
    assert_type(programme, Programme)
    report = load(post65.dump(post65.build_report(portfolio)), kind="report")
    assert_type(report, Report)
    index = post65.read_index(EXAMPLES / "illustrative-index.csv")
    allocation = load(
        post65.dump(post65.allocate("120 mill. kr", index, post65.Lowest(100))), kind="allocation"
    )
    assert_type(allocation, Allocation)
    loaded = (portfolio, application, applications, call, programme, report, allocation)
    classes = (Portfolio, Application, Applications, Call, Programme, Report, Allocation)
    for document, cls in zip(loaded, classes, strict=True):
        assert type(document) is cls


def test_from_json_is_typed_per_kind() -> None:
    data = json.loads((EXAMPLES / "nordland-2024.portfolio.json").read_text(encoding="utf-8"))
    portfolio = from_json(data, kind="portfolio")
    assert_type(portfolio, Portfolio)
    assert isinstance(portfolio, Portfolio)
    programme_data = json.loads(
        (EXAMPLES / "innlandet-2024-programme.json").read_text(encoding="utf-8")
    )
    programme: Programme = from_json(programme_data, kind="programme")
    assert isinstance(programme, Programme)


def test_a_typed_load_is_usable_without_a_cast() -> None:
    """What the overloads are for: attributes of the class, checked by mypy."""
    portfolio = post65.load(EXAMPLES / "nordland-2024.portfolio.json", kind="portfolio")
    county: str = portfolio.county
    year: int = portfolio.year
    assert (county, year) == ("18", 2024)


def test_the_strategies_without_hypothesis_name_the_extra() -> None:
    """Hypothesis not installed (a finder that refuses it, as on a machine without it)."""
    code = (
        "import sys\n"
        "class Refuse:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'hypothesis' or name.startswith('hypothesis.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Refuse())\n"
        "import post65\n"
        "print(post65.check)\n"
        "try:\n"
        "    import post65.strategies.portfolio\n"
        "except ImportError as error:\n"
        "    print(error.name)\n"
        "    raise\n"
    )
    proc = _python(code)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("<function check")
    assert proc.stdout.splitlines()[1] == "hypothesis"  # the missing module, for tools
    last = proc.stderr.strip().splitlines()[-1]
    assert last == (
        "ImportError: post65.strategies needs Hypothesis: pip install 'post65[hypothesis]'"
    )


def test_help_post65_is_a_page_and_loads_no_class() -> None:
    code = (
        "import sys, pydoc, post65\n"
        "text = pydoc.render_doc(post65, renderer=pydoc.plaintext)\n"
        "print(len(text.splitlines()))\n"
        "print('post65.portfolio' in sys.modules, 'post65.report' in sys.modules)\n"
        "print(text)\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    count, loaded, *text = proc.stdout.splitlines()
    assert int(count) <= 400  # 11 175 lines before: every class of __all__ in full
    assert loaded == "False False"
    page = "\n".join(text)
    assert "docs/guide.md" in page
    assert "docs/api.md" in page
    assert "FUNCTIONS" in page
    assert "load(source" in page
    assert "class Portfolio" not in page


def test_the_public_api_is_still_all_there() -> None:
    assert "Portfolio" in post65.__all__
    assert post65.Portfolio is Portfolio
    assert "Portfolio" in dir(post65)  # bound once used
    assert all(hasattr(post65, name) for name in post65.__all__)
    assert post65.InvalidDocument.__module__ == "post65.errors"
