"""Every detail an event can show in a claim's history on the desk is named in Chinese and
English (web/desk/labels.py), never by its JSON key: a field added to an event needs its label."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import BaseModel

from claimdesk.review.events import BaseEvent, Event
from claimdesk.web.desk.labels import FIELD_NAMES

# What the history shows apart (views._history_entry): who, when, what, and the explanations.
SHOWN_APART = {"id", "at", "editor", "type", "claim_id", "explanations"}
EVENTS: tuple[type[BaseModel], ...] = get_args(get_args(Event)[0])


@pytest.mark.parametrize("event", EVENTS, ids=[model.__name__ for model in EVENTS])
def test_every_detail_of_an_event_has_a_label(event: type[BaseEvent]) -> None:
    unnamed = sorted(set(event.model_fields) - SHOWN_APART - set(FIELD_NAMES))
    assert unnamed == [], f"{event.__name__}: no label in labels.FIELD_NAMES for {unnamed}"
