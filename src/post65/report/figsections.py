"""The report's sections for what the ministry compares (:mod:`post65.report.figures`).

Scheme a's money by use i–iv and by beneficiary municipality, the target municipalities reached
and the state actors involved; for schemes b and c, the projects by criterion.
"""

from __future__ import annotations

from decimal import Decimal

import pint

from post65.errors import Lang
from post65.funds import SchemeId
from post65.geography import register
from post65.layout import Paragraph, Section, Table
from post65.measures import Use
from post65.money import kroner, total
from post65.report.document import Report, ReportCriterion
from post65.text import msg

__all__ = ["KEYS", "criterion_paragraph", "figures_section"]

KEYS = ("report.use.i", "report.use.ii", "report.use.iii", "report.use.iv")
"""The catalogue keys built at run time: the uses i–iv described."""


def _kr(amount: pint.Quantity[Decimal], lang: Lang) -> str:
    return msg("report.amount", amount=amount)(lang)


def _share(part: pint.Quantity[Decimal], whole: Decimal, lang: Lang) -> str:
    if whole == 0:
        return "–"
    return msg("report.percent", share=kroner(part) / whole)(lang)


def _name(nr: str) -> str:
    reg = register(2024)
    return reg.municipality(nr).name if nr in reg else nr


def _use_table(report: Report, lang: Lang) -> Table:
    whole = kroner(total(report.by_use.values()))
    labels = {u.value: msg(f"report.use.{u.value}")(lang) for u in Use}
    labels["unstated"] = msg("report.use.unstated")(lang)
    rows = [
        (
            labels.get(key, key),
            _kr(amount, lang),
            _share(amount, whole, lang),
        )
        for key, amount in report.by_use.items()
    ]
    rows.append(
        (
            msg("report.total")(lang),
            _kr(total(report.by_use.values()), lang),
            _share(total(report.by_use.values()), whole, lang),
        )
    )
    headers = (
        msg("report.figures.use")(lang),
        msg("report.table.amount")(lang),
        msg("report.table.share")(lang),
    )
    return Table(headers, tuple(rows), ("left", "right", "right"))


def _reaching(report: Report, lang: Lang) -> Paragraph:
    listed = "; ".join(
        f"{_name(r.kommunenummer)} {_kr(r.amount, lang)}" for r in report.by_municipality
    )
    text = msg("report.figures.reaching", n=len(report.by_municipality), listed=listed or "–")(lang)
    extra = []
    if report.to_county is not None and kroner(report.to_county) != 0:
        extra.append(msg("report.figures.to_county", amount=report.to_county)(lang))
    if report.unassigned is not None and kroner(report.unassigned) != 0:
        extra.append(msg("report.figures.unassigned", amount=report.unassigned)(lang))
    return Paragraph(" ".join([text, *extra]))


def _targets(report: Report, lang: Lang) -> Paragraph | None:
    t = report.target_municipalities
    if t is None:
        return None
    names = ", ".join(_name(nr) for nr in t.reached)
    text = msg(
        "report.figures.targets",
        reached=len(t.reached),
        in_county=len(t.in_county),
        listed=f": {names}" if names else "",
    )
    return Paragraph(text(lang))


def _actors(report: Report, lang: Lang) -> Paragraph:
    if not report.state_actors:
        return Paragraph(msg("report.figures.no_state_actors")(lang))
    parts = []
    for a in report.state_actors:
        label = a.name or msg("report.figures.actor", kind=a.kind)(lang)
        parts.append(f"{label} ({', '.join(a.measures)})")
    return Paragraph(msg("report.figures.state_actors", listed="; ".join(parts))(lang))


def figures_section(report: Report, lang: Lang) -> Section | None:
    """Scheme a in figures: money by use, by municipality, target municipalities reached, and
    the state actors involved (None when the report has no figures, as an old stored one)."""
    if not report.by_use:
        return None
    blocks: list[Paragraph | Table] = [_use_table(report, lang), _reaching(report, lang)]
    targets = _targets(report, lang)
    if targets is not None:
        blocks.append(targets)
    blocks.append(_actors(report, lang))
    return Section("a_figures", msg("report.figures.title")(lang), tuple(blocks))


def criterion_paragraph(report: Report, scheme: SchemeId, lang: Lang) -> Paragraph | None:
    """Schemes b and c: the projects by criterion («Utviklingskapasitet: 3 prosjekter; …»)."""
    found = report.projects_by_criterion.get(scheme.value)
    if not found:
        return None
    parts = []
    for criterion in ReportCriterion:
        ids = found.get(criterion.value)
        if ids:
            parts.append(msg("report.figures.criterion", criterion=criterion, n=len(ids))(lang))
    if not parts:
        return None
    text = msg("report.figures.by_criterion", listed="; ".join(parts))(lang)
    if scheme is SchemeId.C and report.jobs is not None:
        text += " " + msg("report.figures.jobs", n=report.jobs)(lang)
    return Paragraph(text)
