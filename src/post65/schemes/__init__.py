"""The schemes of post 65, each a module of rules that cite their source.

- :mod:`post65.schemes.a`: scheme a, *Bistand og veiledning til distriktskommuner* (regelverk
  12.12.2023), rules ``A-*``;
- :mod:`post65.schemes.post`: what schemes a, b and c share, the yearly report (§6), rules
  ``P65-*``.

Importing a module registers its rules in :func:`post65.rules.rules`.
"""
