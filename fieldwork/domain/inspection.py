"""The inspection a notebook belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, get_args

# The notebook meta key that marks the synthetic demo: it has no real retention period.
DEMO_MARKER: Final = "demo-notebook"

InspectionType = Literal["short", "standard", "focused-visit", "monitoring-visit", "jtai"]
INSPECTION_TYPES: tuple[str, ...] = get_args(InspectionType)
INSPECTION_TYPE_LABELS = {
    "short": "Short inspection",
    "standard": "Standard inspection",
    "focused-visit": "Focused visit",
    "monitoring-visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection",
}


@dataclass(frozen=True, slots=True)
class Inspection:
    authority: str
    inspection_type: InspectionType
    start_date: date
    end_date: date
    framework_id: str
    inspector: str
    lead_inspector: str
