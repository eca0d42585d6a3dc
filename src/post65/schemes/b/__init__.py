"""Scheme b: grants to municipalities with long-term decline in population and employment.

*Tilskudd til kommuner med langvarig nedgang i befolkning og sysselsetting av særlig omfattende
grad* (the scope as regjeringen.no words it), under KDD's forskrift of 3 April 2024 (its sections
are not saved) and each county's call (:mod:`post65.calls`). The
documents, an ``application`` or a set of ``applications``, are in :mod:`post65.applications`;
the rules, one module per source:

- :mod:`~post65.schemes.b.target_group`: B-1, the forskrift's target group (KDD's lowest on the
  district index, the applicant's statement, or the decline);
- :mod:`~post65.schemes.b.purpose`: B-2, the call's purpose (what the project contributes);
- :mod:`~post65.schemes.b.call_limits`: B-3, the call's limits (who, how much, what share);
- :mod:`~post65.schemes.b.priority`: B-4, the call's priority order;
- :mod:`~post65.schemes.b.de_minimis`: B-5, the EEA de minimis limit (shared with C-5).

Rules B-1 … B-5 check either kind; in a set every finding points into ``/applications/N``.

>>> import attrs
>>> from post65.applications import Applicant, Application, Contribution, Criterion, Project
>>> from post65.calls import ProjectType
>>> from post65.money import nok
>>> from post65.rules import check
>>> app = Application(
...     id="engerdal-1",
...     applicants=(Applicant("3425", centrality_class=6),),
...     project=Project("Bulyst i Engerdal", ProjectType.PLACE_DEVELOPMENT,
...                     contributions=(Contribution(Criterion.ATTRACTIVENESS, "Nye møteplasser"),)),
...     amount_applied=nok(400_000),
...     total_cost=nok(900_000),
...     call="innlandet-2024",
... )
>>> result = check(app)
>>> [(f.rule, f.outcome.value) for f in result if f.rule in ("B-2", "B-3")]
[('B-2', 'met'), ('B-3', 'met')]
>>> check(attrs.evolve(app, amount_applied=nok(500_001))).for_rule("B-3")[0].outcome.value
'not_met'
"""
