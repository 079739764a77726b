"""Referral chains and the loops plain data can hold.

Each person has at most one referrer, so the chains form a tree under the people you found
yourself, unless a chain leads back to where it started: never through the app's own paths (a
referrer that would close a loop is refused, as ``import csv`` refuses it), but a row written by
hand, or restored by a version that did not check, can. A restore refuses the loops this finds,
and the network view shows the people in one instead of losing them.
"""

from __future__ import annotations

from collections.abc import Mapping

_WALKING, _DONE = 1, 2


def loops(referred_by: Mapping[int, int | None]) -> list[list[int]]:
    """Every loop in ``referred_by`` (a contact's id: their referrer's id, or None), each as its
    ids from the lowest, going from a person to the one who referred them."""
    state: dict[int, int] = {}
    found: list[list[int]] = []
    for start in sorted(referred_by):
        path: list[int] = []
        person: int | None = start
        while person is not None and person in referred_by and person not in state:
            state[person] = _WALKING
            path.append(person)
            person = referred_by[person]
        if person is not None and state.get(person) == _WALKING:  # back on this walk: a loop
            loop = path[path.index(person) :]
            first = loop.index(min(loop))
            found.append(loop[first:] + loop[:first])
        state.update(dict.fromkeys(path, _DONE))
    return found
