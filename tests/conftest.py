"""Shared pytest setup: Hypothesis profiles.

* ``ci`` (default): few examples, no deadline, derandomised, so the whole
  suite stays fast and reproducible in CI.
* ``long``: many more examples for a local hunt —
  ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py tests/text``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
