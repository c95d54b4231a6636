"""Activities, notes, tags, lines of enquiry, provisional judgements and unsaved drafts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fieldwork.store.models.base import Base, UTCDateTime

activity_cases = Table(
    "activity_cases",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
)
activity_practitioners = Table(
    "activity_practitioners",
    Base.metadata,
    Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    Column("practitioner_id", ForeignKey("practitioners.id", ondelete="CASCADE"), primary_key=True),
)
note_cases = Table(
    "note_cases",
    Base.metadata,
    Column("note_rowid", ForeignKey("notes.rowid", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_note_cases_case", "case_id"),
)
enquiry_answers = Table(
    "enquiry_answers",
    Base.metadata,
    Column("enquiry_id", ForeignKey("enquiries.id", ondelete="CASCADE"), primary_key=True),
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
)
judgement_support = Table(
    "judgement_support",
    Base.metadata,
    Column(
        "judgement_id", ForeignKey("judgements.judgement_id", ondelete="CASCADE"), primary_key=True
    ),
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
)


class ActivityRow(Base):
    __tablename__ = "activities"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NoteRow(Base):
    __tablename__ = "notes"
    # An integer rowid for the full-text index; the UUID is the note's public id.
    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text, default="")
    activity_id: Mapped[str | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[TagRow]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="TagRow.position"
    )


class TagRow(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    note_rowid: Mapped[int] = mapped_column(
        ForeignKey("notes.rowid", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    criterion_id: Mapped[str] = mapped_column(String(128), index=True)
    evaluation: Mapped[str] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(32))
    grade_leaning: Mapped[str | None] = mapped_column(String(64))
    corroborated: Mapped[bool] = mapped_column(Boolean, default=False)
    escalate: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[NoteRow] = relationship(back_populates="tags")


class EnquiryRow(Base):
    __tablename__ = "enquiries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="open")
    judgement_id: Mapped[str | None] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)


class JudgementRow(Base):
    __tablename__ = "judgements"
    judgement_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    grade: Mapped[str | None] = mapped_column(String(64))
    rationale: Mapped[str] = mapped_column(Text, default="")


class DraftRow(Base):
    """Unsaved editor text kept inside the encrypted notebook when the window locks."""

    __tablename__ = "drafts"
    note_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
