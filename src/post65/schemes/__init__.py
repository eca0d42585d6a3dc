"""The schemes of post 65, each a module of document types and rules that cite their source.

- :mod:`post65.schemes.a`: scheme a, *Bistand og veiledning til distriktskommuner* (regelverk
  12.12.2023), rules ``A-*``; :mod:`post65.schemes.a_allocation`: rule A-3.1 on allocation tables;
- :mod:`post65.schemes.b`: scheme b, municipalities with long-term decline in population and
  employment (forskrift 3 April 2024 and the county's call), rules ``B-*``;
- :mod:`post65.schemes.c`: scheme c, restructuring (omstilling), rules ``C-*``;
- :mod:`post65.schemes.p65`: what schemes a, b and c share, the yearly report (§6), rules
  ``P65-*``.

Importing a module registers its rules in :func:`post65.rules.rules`.
"""
