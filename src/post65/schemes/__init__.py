"""The schemes of post 65, each a module of document types and rules that cite their source.

- :mod:`post65.schemes.a`: scheme a, *Bistand og veiledning til distriktskommuner* (regelverk
  12.12.2023), rules ``A-*``, a module per section of the regulation;
- :mod:`post65.schemes.b`: scheme b, municipalities with long-term decline in population and
  employment (forskrift 3 April 2024 and the county's call), rules ``B-*``, a package with one
  module per source (documents: :mod:`post65.applications`);
- :mod:`post65.schemes.c`: scheme c, restructuring (omstilling), rules ``C-*``, a package with
  one module per source (document: :mod:`post65.programme`);
- :mod:`post65.schemes.de_minimis`: the de minimis rule B-5 and C-5 share;
- :mod:`post65.schemes.p65`: what schemes a, b and c share, the yearly report (§6), rules
  ``P65-*``.

Each rule module lists its rules in ``RULES``; :mod:`post65.catalogue` lists the modules.
"""
