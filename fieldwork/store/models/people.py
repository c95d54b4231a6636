"""Practitioners (pseudonyms) and cases (references), never names."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldwork.store.models.base import Base


class PractitionerRow(Base):
    __tablename__ = "practitioners"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(Text, unique=True)
    role: Mapped[str] = mapped_column(Text, default="")
    team: Mapped[str] = mapped_column(Text, default="")
    caseload: Mapped[int | None] = mapped_column(Integer)
    agency: Mapped[bool] = mapped_column(Boolean, default=False)
    months_in_post: Mapped[int | None] = mapped_column(Integer)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(Text, unique=True)
    age_band: Mapped[str | None] = mapped_column(String(16))
    legal_status: Mapped[str | None] = mapped_column(String(32))
    team: Mapped[str] = mapped_column(Text, default="")
    practitioner_id: Mapped[str | None] = mapped_column(
        ForeignKey("practitioners.id", ondelete="SET NULL")
    )
    detail: Mapped[str] = mapped_column(Text, default="")
