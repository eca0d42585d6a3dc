"""Shared test set-up: Hypothesis profiles.

- ``dev`` (default): 100 examples a test.
- ``ci`` (loaded when the ``CI`` environment variable is set): deterministic, no deadline, so a
  slow CI machine never fails a test by timing.
- ``thorough``: many examples, for the full fuzzing runs (``HYPOTHESIS_PROFILE=thorough``).

And ``POST65_DEBUG=1``, so that the command re-raises bugs instead of hiding them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# In the tests a bug must fail loudly: the command re-raises unexpected exceptions (instead of
# its one-sentence "internal error" exit 2) when POST65_DEBUG is set.
os.environ.setdefault("POST65_DEBUG", "1")
