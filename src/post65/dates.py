"""Calendar arithmetic the rules share: moving a day by whole years, the day before.

>>> import datetime as dt
>>> add_years(dt.date(2024, 2, 29), 6)
datetime.date(2030, 2, 28)
>>> day_before(dt.date(2030, 3, 1))
datetime.date(2030, 2, 28)
"""

from __future__ import annotations

import datetime as dt

__all__ = ["add_years", "day_before"]


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by ``years`` (29 February to 28 February in a year that has none); beyond
    the calendar (before year 1, after 9999) it stops at its first or last day."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def day_before(day: dt.date) -> dt.date:
    """The day before ``day``; the calendar's last day stays itself (a period that runs past the
    calendar ends with it)."""
    return day if day == dt.date.max else day - dt.timedelta(days=1)
