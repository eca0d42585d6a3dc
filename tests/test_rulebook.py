"""The rulebook: a rule judged per item gets its loop, pointers and not_applicable declared."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65._decimal import exact
from post65.geography import register
from post65.io import load
from post65.law import Citation
from post65.parameters import Parameters
from post65.rulebook import (
    CheckResult,
    Context,
    Each,
    Finding,
    Outcome,
    Rule,
    Severity,
    Verdict,
    rule,
    rule_json,
)
from post65.text import msg


@attrs.frozen
class _Doc:
    items: tuple[int, ...]


_EACH = Each(
    items=lambda d: d.items,
    pointer="/items",
    empty=msg("a.no_measures"),
    skip=lambda n: msg("example.not_met", reason="negative") if n < 0 else None,
)


@rule(
    "T-1",
    scheme="a",
    severity=Severity.ERROR,
    subject="item",
    kinds=("test",),
    title=msg("example.not_met", reason="t"),
    citation=Citation("regelverk-a-2023", "4", ""),
    each=_EACH,
)
def _even(n: int, ctx: Context) -> Any:
    if n == 3:
        return [
            ("/a", Verdict(Outcome.MET, msg("example.not_met", reason="a"))),
            ("/b", Verdict(Outcome.MET, msg("example.not_met", reason="b"))),
        ]
    outcome = Outcome.MET if n % 2 == 0 else Outcome.NOT_MET
    return Verdict(
        outcome,
        msg("example.not_met", reason=str(n)),
        {"n": str(n), "seen": str(len(ctx.document.items))},
    )


def _context() -> Context:
    return Context(register=register(2024), parameters=Parameters(), on=dt.date(2024, 1, 1))


def test_a_rule_judged_per_item_gets_one_finding_per_item_with_its_pointer() -> None:
    assert isinstance(_even, Rule)
    found = _even.run(_Doc((2, 1, -5, 3)), _context())
    assert [(f.subject, f.outcome) for f in found] == [
        ("/items/0", Outcome.MET),
        ("/items/1", Outcome.NOT_MET),
        ("/items/2", Outcome.NOT_APPLICABLE),
        ("/items/3/a", Outcome.MET),
        ("/items/3/b", Outcome.MET),
    ]
    assert found[0].values == {"n": "2", "seen": "4"}
    assert found[2].message("en") == "Not met: negative."


def test_a_rule_judged_per_item_says_once_when_there_are_none() -> None:
    found = _even.run(_Doc(()), _context())
    assert [(f.subject, f.outcome, f.message("nb")) for f in found] == [
        ("/items", Outcome.NOT_APPLICABLE, "Porteføljen har ingen tiltak.")
    ]


# --------------------------------------------------------------------------------------------
# CheckResult.to_json: compact, and nothing of a finding lost (issue 14, point 4)

_RULES = ("R-1", "R-2", "R-3")
_CITED = {r: Citation("regelverk-a-2023", r[-1], f"quote {r}") for r in _RULES}
_FINDINGS = st.builds(
    lambda rule_id, outcome, severity, subject, values, reason: Finding(
        rule=rule_id,
        outcome=outcome,
        severity=severity,
        subject=subject,
        message=msg("example.not_met", reason=reason),
        citation=_CITED[rule_id],
        values=values,
    ),
    st.sampled_from(_RULES),
    st.sampled_from(Outcome),
    st.sampled_from(Severity),
    st.sampled_from(["", "/measures/0", "/measures/1/beneficiaries/0"]),
    st.dictionaries(st.sampled_from(["a", "b", "count"]), st.text(max_size=3), max_size=2),
    st.text(max_size=5),
)


@given(
    findings=st.lists(_FINDINGS, max_size=12),
    severities=st.dictionaries(st.sampled_from(_RULES), st.sampled_from(Severity)),
)
def test_check_json_keeps_every_finding_and_names_each_thing_once(
    findings: list[Finding], severities: dict[str, Severity]
) -> None:
    """Read back as one list (docs/cli.md), the JSON gives every finding's rule, outcome,
    severity, subject, message and values; the rule's severity and citation are in ``rules``
    and nowhere else; a finding names a severity only where it is not its rule's."""
    result = CheckResult("portfolio", tuple(findings), severities)
    data = result.to_json("en")
    assert (
        list(data["rules"])
        == list(data["findings"])
        == list(dict.fromkeys(f.rule for f in findings))
    )
    read = [
        (
            rule_id,
            f["outcome"],
            f.get("severity", data["rules"][rule_id]["severity"]),
            f["subject"],
            f["message"],
            f.get("values", {}),
        )
        for rule_id, found in data["findings"].items()
        for f in found
    ]
    by_rule = sorted(findings, key=lambda f: list(data["findings"]).index(f.rule))  # stable
    assert read == [
        (f.rule, f.outcome.value, f.severity.value, f.subject, f.message("en"), dict(f.values))
        for f in by_rule
    ]
    for rule_id, entry in data["rules"].items():
        first = next(f for f in findings if f.rule == rule_id)
        assert entry["severity"] == severities.get(rule_id, first.severity).value
        assert entry["citation"]["quote"] == f"quote {rule_id}"
        for f in data["findings"][rule_id]:
            assert f.get("severity") != entry["severity"]
            assert f.get("values") != {}
            assert {"outcome", "subject", "message"} <= set(f)


@exact
def _by_keywords(rule: Rule, document: object, context: Context) -> list[Finding]:
    """The findings of ``rule`` made the plain way (in post65's context, as Rule.run): one
    Finding by keyword per Result."""
    return [
        Finding(
            rule=rule.id,
            outcome=r.outcome,
            severity=r.severity or rule.severity,
            subject=r.subject,
            message=r.message,
            citation=rule.citation,
            values=r.values,
        )
        for r in rule.results(document, context)
    ]


def test_run_makes_the_findings_results_give_for_a_rule_judged_per_item() -> None:
    for items in [(2, 1, -5, 3), ()]:
        doc = _Doc(items)
        assert _even.run(doc, _context()) == _by_keywords(_even, doc, _context())


def test_run_makes_the_findings_results_give_for_every_rule_on_every_example() -> None:
    """Rule.run builds its findings positionally from verdicts, skipping Result: the findings
    (and their order) are those of the plain construction, field by field, for every rule."""
    from post65.rules import check, rules

    examples = Path(__file__).resolve().parent.parent / "examples"
    seen = 0
    for name in ["nordland-2024.portfolio.json", "innlandet-2024-applications.json"]:
        doc = load(examples / name)
        kind = check(doc).kind
        on = dt.date(doc.year, 1, 1) if isinstance(getattr(doc, "year", None), int) else None
        for r in rules():
            if kind not in r.kinds:
                continue
            ctx = Context(register=register(2024), parameters=Parameters(), on=on or _TODAY)
            fast = r.run(doc, ctx)
            plain = _by_keywords(r, doc, attrs.evolve(ctx, memo={}))
            assert fast == plain, r.id
            assert [vars_of(f) for f in fast] == [vars_of(f) for f in plain], r.id
            seen += len(fast)
    assert seen > 100


_TODAY = dt.date(2024, 1, 1)


def test_the_findings_on_one_measure_share_its_pointer() -> None:
    """Every rule names a measure by the one pointer string the check made for it
    (Context.subjects), the rules judged per measure and P65-6.3 alike: a check of n measures
    keeps n pointers, not one per rule."""
    from post65.rules import check

    examples = Path(__file__).resolve().parent.parent / "examples"
    doc = load(examples / "nordland-2024.portfolio.json")
    by_text: dict[str, set[int]] = {}
    rules_on: dict[str, set[str]] = {}
    for f in check(doc).findings:
        if f.subject.count("/") == 2 and f.subject.startswith("/measures/"):
            by_text.setdefault(f.subject, set()).add(id(f.subject))
            rules_on.setdefault(f.subject, set()).add(f.rule)
    assert len(by_text) == len(doc.measures) > 1
    assert all("P65-6.3" in r and "A-2.1" in r for r in rules_on.values())
    assert all(len(ids) == 1 for ids in by_text.values())


def vars_of(f: Finding) -> tuple[object, ...]:
    """Every field of ``f``, the identity-sensitive ones (enums, citation) by identity."""
    return (
        f.rule,
        f.outcome,
        f.severity,
        f.subject,
        f.message,
        id(f.citation),
        dict(f.values),
        type(f.values),
    )


def test_an_item_skipped_gets_a_verdict_like_one_made_the_plain_way() -> None:
    """Each.verdicts gives a skipped item a Verdict, equal field by field to
    Verdict(not_applicable, reason)."""
    ((subject, verdict),) = _EACH.verdicts(_even.check, _Doc((-5,)), _context())
    reason = msg("example.not_met", reason="negative")
    assert subject == "/items/0"
    assert type(verdict) is Verdict
    assert verdict == Verdict(Outcome.NOT_APPLICABLE, reason)
    assert verdict.values == {}
    assert verdict.severity is None


def test_findings_made_in_one_step_equal_the_named_tuples_own() -> None:
    """Rule.run makes findings with ``tuple.__new__`` (``rulebook._new``), skipping the named
    tuple's ``__new__``: they are Findings, equal field by field to the constructor's, named
    and immutable; a finding made without values has none."""
    from post65 import rulebook

    reason = msg("example.not_met", reason="negative")
    cited = _even.citation
    fields = ("X-1", Outcome.NOT_MET, Severity.ADVICE, "/a", reason, cited, {"n": "1"})
    fast = rulebook._new(Finding, fields)
    plain = Finding(*fields)
    assert type(fast) is Finding
    assert fast == plain
    assert vars_of(fast) == vars_of(plain)
    assert fast.fails is False
    assert fast.values == {"n": "1"}
    with pytest.raises(AttributeError):
        fast.rule = "Y"  # type: ignore[misc]
    bare = Finding("X-1", Outcome.NOT_MET, Severity.ERROR, "/a", reason, cited)
    assert bare.values == {}
    assert bare.fails
    with pytest.raises(TypeError):
        bare.values["n"] = "1"  # type: ignore[index]  # shared: never changed


def test_the_check_json_renders_each_message_object_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings that share a message object (a skipped measure's reason, a rule's one ``met``)
    have it rendered once for the rows; equal messages that are distinct objects, each once."""
    from post65.text import Message

    shared = msg("a.no_measures")
    alike = [msg("a.2-1.reach", n=3), msg("a.2-1.reach", n=3)]  # equal, not the same object
    citation = Citation("regelverk-a", "2", paraphrase="x")
    findings = [
        Finding("A-2.1", Outcome.MET, Severity.ERROR, f"/measures/{i}", m, citation)
        for i, m in enumerate([shared, shared, alike[0], shared, alike[1]])
    ]
    calls: list[str] = []
    render = Message.render

    def counted(self: Message, lang: str = "nb") -> str:
        calls.append(self.key)
        return render(self, lang)

    monkeypatch.setattr(Message, "__call__", counted)
    entry, rows = rule_json(Severity.ERROR, findings, "en")
    assert [r["message"] for r in rows] == [f.message.render("en") for f in findings]
    assert sorted(calls) == ["a.2-1.reach", "a.2-1.reach", "a.no_measures"]
    assert entry["severity"] == "error"
