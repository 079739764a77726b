"""What the person's environment says about them, read at the edge.

The rules never look at ``os.environ`` or the locale (``tests/test_rules_boundaries.py``):
the settings read these once, when they are loaded, and hand the regions to the
rules inside the ``Policy``.
"""

from __future__ import annotations

import locale
import os

from infoint_tui.core.rules.business_days import parse_region


def holiday_region() -> str:
    """The country of the locale (``de_DE.UTF-8`` -> "DE") if the holidays package knows it, else "none"."""
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable)
        if value:
            break
    else:
        value = (locale.getlocale(locale.LC_TIME)[0] or "") if hasattr(locale, "LC_TIME") else ""
    territory = value.split(".", 1)[0].split("@", 1)[0].partition("_")[2]
    if len(territory) != 2:
        return "none"
    try:
        return "none" if parse_region(territory) is None else territory.upper()
    except ValueError:
        return "none"


def phone_region() -> str:
    """The region numbers without a + belong to: from the locale, else the US (the guide's)."""
    for name in (
        os.environ.get("LC_ALL"),
        os.environ.get("LC_TELEPHONE"),
        os.environ.get("LANG"),
        locale.getlocale()[0],
    ):
        if name and "_" in name:
            region = name.split("_")[1].split(".")[0].upper()
            if len(region) == 2:
                return region
    return "US"
