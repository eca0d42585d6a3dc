"""The arguments of the report's public functions, checked before any work is done.

:func:`~post65.report.build.build_report` and the renderers (:func:`~post65.report.render_report`,
:func:`~post65.report.page_count`, …) are called from code: an argument of the wrong type raises
:class:`~post65.errors.InvalidArgument` (a ``TypeError``) naming the argument and the type it
got, a text a report document cannot hold raises :class:`~post65.errors.InvalidParameter` (a
``ValueError``), never an ``AttributeError`` or ``TypeError`` from deep inside. A ``bool`` is
not a number and a ``datetime`` is not a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from post65.errors import InvalidArgument, InvalidParameter
from post65.jsontext import check_json, printable
from post65.layout import PageModel
from post65.parameters import Parameters
from post65.report.document import Report
from post65.report.look import Look
from post65.rulebook import IndexLike, SelectionLike
from post65.text import msg

__all__ = [
    "checked_date",
    "checked_format",
    "checked_index",
    "checked_look",
    "checked_model",
    "checked_parameters",
    "checked_report",
    "checked_selection",
    "checked_text",
    "shown",
]


def shown(value: object) -> str:
    """``value`` as an error message names it: a text by its first 40 characters (a lone
    surrogate escaped, so the message can always be printed), anything else by its type."""
    if isinstance(value, str):
        return printable(value[:40])
    return type(value).__name__


def checked_report(report: object) -> Report:
    """``report`` when it is a :class:`~post65.report.document.Report`."""
    if not isinstance(report, Report):
        raise InvalidArgument(msg("report.argument.report", type=type(report).__name__))
    return report


def checked_format(fmt: object) -> None:
    """Nothing when ``fmt`` is a text (whether a known format is for the renderer to say),
    else :class:`~post65.errors.InvalidArgument`."""
    if not isinstance(fmt, str):
        raise InvalidArgument(msg("report.argument.format", type=type(fmt).__name__))


def checked_model(model: object) -> PageModel | None:
    """``model`` when it is ``None`` or a :class:`~post65.layout.PageModel` (its bounds are
    checked by :func:`~post65.layout.bounded`)."""
    if model is not None and not isinstance(model, PageModel):
        raise InvalidArgument(msg("report.argument.model", type=type(model).__name__))
    return model


def checked_look(look: object) -> Look | None:
    """``look`` when it is ``None`` or a :class:`~post65.report.look.Look`."""
    if look is not None and not isinstance(look, Look):
        raise InvalidArgument(msg("report.argument.look", type=type(look).__name__))
    return look


def checked_text(name: str, text: object) -> str | None:
    """``text`` when it is ``None`` or a text the report document can hold: what
    :func:`~post65.io.load` refuses in a text field (:func:`~post65.jsontext.check_json`: a lone
    surrogate UTF-8 cannot write) is refused here, with the loader's own reason."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise InvalidArgument(msg("report.argument.text", name=name, type=type(text).__name__))
    problems = check_json(text)
    if problems:
        raise InvalidParameter(
            msg("report.argument.text_refused", name=name, reason=problems[0].text)
        )
    return text


def checked_date(name: str, date: object) -> dt.date | None:
    """``date`` when it is ``None`` or a :class:`datetime.date` (not a ``datetime``)."""
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        raise InvalidArgument(msg("report.argument.date", name=name, type=type(date).__name__))
    return date


def checked_parameters(parameters: object) -> Parameters | None:
    """``parameters`` when it is ``None`` or :class:`~post65.parameters.Parameters`."""
    if parameters is not None and not isinstance(parameters, Parameters):
        raise InvalidArgument(msg("rules.check.parameters", type=type(parameters).__name__))
    return parameters


def checked_index(index: object) -> IndexLike | None:
    """``index`` when it is ``None`` or has a score per kommunenummer (``scores``, a mapping),
    as a :class:`~post65.districtindex.DistrictIndex` has."""
    if index is not None and not isinstance(getattr(index, "scores", None), Mapping):
        raise InvalidArgument(msg("report.argument.index", type=type(index).__name__))
    return index  # type: ignore[return-value]


def checked_selection(selection: object) -> SelectionLike | None:
    """``selection`` when it is ``None`` or picks a target group (has a ``select`` method, as
    :class:`~post65.allocation.Lowest` and the other selections have)."""
    if selection is not None and not callable(getattr(selection, "select", None)):
        raise InvalidArgument(msg("report.argument.selection", type=type(selection).__name__))
    return selection  # type: ignore[return-value]
