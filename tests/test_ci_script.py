"""The CI script runs the deterministic Hypothesis profile wherever it is started."""

from __future__ import annotations

from pathlib import Path

CI_RUN = Path(__file__).resolve().parent.parent / ".ci" / "run"


def test_ci_run_exports_ci_before_running_the_tests() -> None:
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    export = lines.index("export CI=true")
    tests = next(i for i, line in enumerate(lines) if "python -m pytest" in line)
    assert export < tests
