"""The schemes of post 65: each module holds one scheme's document types and rules.

``a``: Bistand og veiledning til distriktskommuner; ``b``: municipalities with long-term decline
in population and employment; ``c``: restructuring (omstilling); ``post``: what the three share.
"""
