"""Scheme a, *Bistand og veiledning til distriktskommuner*: the rules ``A-*``, one module per
section of the regulation (fastsatt av KDD 12.12.2023, source id ``regelverk-a-2023``, shipped
with the package). Each module's docstring holds its section's words.

- :mod:`~post65.schemes.a.s1_target`: §1 Mål og målgruppe (A-1.1, A-1.2, A-1.3);
- :mod:`~post65.schemes.a.s2_criteria`: §2 Kriterier for måloppnåelse (A-2.1, A-2.2);
- :mod:`~post65.schemes.a.s3_allocation`: §3 Tilskuddsutmåling, on allocation tables (A-3.1);
- :mod:`~post65.schemes.a.s4_uses`: §4, the uses i–iv (A-4.1 … A-4.5);
- :mod:`~post65.schemes.a.s4_all_measures`: §4, what every measure must do (A-4.6, A-4.7,
  A-4.8);
- :mod:`~post65.schemes.a.s4_county_work`: §4, how the county works and help over time to each
  municipality (A-4.9, A-4.10, A-4.11);
- :mod:`~post65.schemes.a.s4_funds`: §4, the funds over the years (A-4.12);
- :mod:`~post65.schemes.a.s5_admin`: §5 Administrasjons- og gjennomføringskostnader (A-5.1,
  A-5.2);
- :mod:`~post65.schemes.a._common`: what they share (the source, the measures judged one by
  one).

The measure rules are judged once per measure (``/measures/3``; A-1.2 once per beneficiary
municipality, ``/measures/3/beneficiaries/0``), the portfolio rules once for the portfolio or its
funds (A-4.11 once for the portfolio, listing each municipality helped).

>>> from post65.io import load
>>> from post65.rules import check
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024,
...   "measures": [{"id": "m1", "title": "Planverksted", "uses": ["iv"],
...     "owner": {"kind": "county", "name": "Nordland fylkeskommune"}, "cost": 200000,
...     "period": {"start": "2024-01-01", "end": "2024-06-30"}, "beneficiaries": ["1835"]}]}''')
>>> result = check(p)
>>> [(f.outcome.value, f.severity.value) for f in result.for_rule("A-4.6")]
[('not_met', 'error')]
>>> print(result.for_rule("A-4.6")[0].message("en"))
The measure does not say what competence or capacity remains afterwards.
>>> [(f.outcome.value, f.severity.value) for f in result.for_rule("A-4.11")]
[('undetermined', 'advice')]
>>> print(result.for_rule("A-4.11")[0].message("nn"))
Fylkeskommunen oppgjev tiltak til 1 kommune: 1835 Træna: 6 månader utan opphald (2024-01-01 til
2024-06-30), 1 tiltak over 6 månader, 0 opphald. Regelverket seier ikkje kor lenge «over tid» er:
set parameteren a.guidance_min_months for å vurdere det.
"""

from __future__ import annotations

from post65.schemes.a.s1_target import target_status

__all__ = ["target_status"]
