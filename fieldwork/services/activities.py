"""Activities: record what evidence came from, and list them."""

from __future__ import annotations

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import ACTIVITY_KINDS, Activity
from fieldwork.services.notebook import Notebook


def save_activity(notebook: Notebook, activity: Activity) -> None:
    if activity.kind not in ACTIVITY_KINDS:
        raise InputRejected(f"'{activity.kind}' is not a kind of activity.")
    if activity.ended_at is not None and activity.ended_at < activity.started_at:
        raise InputRejected("An activity cannot end before it starts.")
    with notebook.unit_of_work() as uow:
        op, state = uow.activities.save(activity)
        uow.record("activity", activity.id, op, state)
        uow.commit()


def list_activities(notebook: Notebook) -> list[Activity]:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.activities.all()
