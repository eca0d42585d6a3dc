"""Scheme c: restructuring (omstilling) in municipalities or regions with a large fall in jobs.

*Tilskudd til omstilling i kommuner eller regioner med vesentlig fall i sysselsettingen over
relativt kort tid* (the scope as regjeringen.no words it), under KDD's forskrift of 3 April 2024
(its sections are not saved), with Innovasjon Norge's guidance and county practice, quoted from
the saved pages. The document, a ``programme``, is in :mod:`post65.programme`; the rules, one
module per source section:

- :mod:`~post65.schemes.c.status`: C-1, restructuring status, who decides it and its period
  (Innovasjon Norge, page *Om omstilling* and the avklaring page; Finnmark fylkeskommune);
- :mod:`~post65.schemes.c.phases`: C-2, the four phases (Innovasjon Norge, *Hvordan organiseres
  omstillingsarbeidet?*);
- :mod:`~post65.schemes.c.financing`: C-3, public support and the municipal share (Finnmark
  fylkeskommune, *Støttenivå og finansiering for omstillingskommuner*);
- :mod:`~post65.schemes.c.goals`: C-4, what each measure contributes (Innovasjon Norge, page
  *Om omstilling*);
- :mod:`~post65.schemes.c.de_minimis`: C-5, the EEA de minimis limit (shared with B-5);
- :mod:`~post65.schemes.c.business_fund`: C-6, no municipal business fund during restructuring
  (Finnmark fylkeskommune, page *Kommunal omstilling*).

>>> import attrs
>>> import datetime as dt
>>> from post65.money import nok
>>> from post65.programme import Programme, StatusDecision
>>> from post65.rules import check
>>> programme = Programme(
...     name="Omstilling Nord-Østerdal", county="34", year=2025, area=("3429", "3430"),
...     cost_base=nok(10_000_000), public_support=nok(7_500_000),
...     municipal_share=nok(2_500_000),
...     status=StatusDecision(decided=dt.date(2024, 6, 1), decided_by="county"),
... )
>>> [f.outcome.value for f in check(programme).for_rule("C-3")]
['met']
>>> over = attrs.evolve(programme, public_support=nok(7_500_001))
>>> [f.outcome.value for f in check(over).for_rule("C-3")]
['not_met']
"""

FINNMARK_SOURCE = "finnmark-omstilling"
"""A county's public page on restructuring (Finnmark fylkeskommune), cited by C-3 and C-6."""
