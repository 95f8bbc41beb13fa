"""Test settings: plain, wide, uncoloured output; hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Typer and Rich force colour when CI variables are set; Typer's own test script
# sets these so that plain-text assertions hold everywhere.
os.environ["TERMINAL_WIDTH"] = "3000"
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)
os.environ.pop("PY_COLORS", None)
os.environ["COLUMNS"] = "200"
for _name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
    os.environ.pop(_name, None)

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
