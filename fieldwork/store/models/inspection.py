"""The inspection row (one per notebook) and a small key/value table of notebook facts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldwork.store.models.base import Base


class MetaRow(Base):
    __tablename__ = "notebook_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class InspectionRow(Base):
    __tablename__ = "inspection"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    authority: Mapped[str] = mapped_column(Text)
    inspection_type: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    framework_id: Mapped[str] = mapped_column(String(128))
    inspector: Mapped[str] = mapped_column(Text, default="")
    lead_inspector: Mapped[str] = mapped_column(Text, default="")
