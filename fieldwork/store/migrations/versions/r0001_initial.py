"""The first notebook schema: inspection, people, activities, notes, tags, enquiries, history, search."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.String(27)


def upgrade() -> None:
    op.create_table(
        "notebook_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "inspection",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("authority", sa.Text, nullable=False),
        sa.Column("inspection_type", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("framework_id", sa.String(128), nullable=False),
        sa.Column("inspector", sa.Text, nullable=False),
        sa.Column("lead_inspector", sa.Text, nullable=False),
    )
    op.create_table(
        "practitioners",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("pseudonym", sa.Text, nullable=False, unique=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("team", sa.Text, nullable=False),
        sa.Column("caseload", sa.Integer),
        sa.Column("agency", sa.Boolean, nullable=False),
        sa.Column("months_in_post", sa.Integer),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("reference", sa.Text, nullable=False, unique=True),
        sa.Column("age_band", sa.String(16)),
        sa.Column("legal_status", sa.String(32)),
        sa.Column("team", sa.Text, nullable=False),
        sa.Column(
            "practitioner_id", sa.String(36), sa.ForeignKey("practitioners.id", ondelete="SET NULL")
        ),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("ended_at", TIME),
    )
    op.create_table(
        "activity_cases",
        sa.Column(
            "activity_id",
            sa.String(36),
            sa.ForeignKey("activities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "case_id",
            sa.String(36),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "activity_practitioners",
        sa.Column(
            "activity_id",
            sa.String(36),
            sa.ForeignKey("activities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "practitioner_id",
            sa.String(36),
            sa.ForeignKey("practitioners.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "notes",
        sa.Column("rowid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("edited_at", TIME, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column(
            "activity_id", sa.String(36), sa.ForeignKey("activities.id", ondelete="SET NULL")
        ),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_notes_created_at", "notes", ["created_at"])
    op.create_index("ix_notes_activity_id", "notes", ["activity_id"])
    op.create_table(
        "note_cases",
        sa.Column(
            "note_rowid",
            sa.Integer,
            sa.ForeignKey("notes.rowid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "case_id",
            sa.String(36),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_note_cases_case", "note_cases", ["case_id"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "note_rowid",
            sa.Integer,
            sa.ForeignKey("notes.rowid", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("criterion_id", sa.String(128), nullable=False),
        sa.Column("evaluation", sa.String(32), nullable=False),
        sa.Column("source", sa.String(32)),
        sa.Column("grade_leaning", sa.String(64)),
        sa.Column("corroborated", sa.Boolean, nullable=False),
        sa.Column("escalate", sa.Boolean, nullable=False),
    )
    op.create_index("ix_tags_note_rowid", "tags", ["note_rowid"])
    op.create_index("ix_tags_criterion_id", "tags", ["criterion_id"])
    op.create_table(
        "enquiries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("judgement_id", sa.String(128)),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "enquiry_answers",
        sa.Column(
            "enquiry_id",
            sa.String(36),
            sa.ForeignKey("enquiries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "note_id",
            sa.String(36),
            sa.ForeignKey("notes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "judgements",
        sa.Column("judgement_id", sa.String(128), primary_key=True),
        sa.Column("grade", sa.String(64)),
        sa.Column("rationale", sa.Text, nullable=False),
    )
    op.create_table(
        "judgement_support",
        sa.Column(
            "judgement_id",
            sa.String(128),
            sa.ForeignKey("judgements.judgement_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "note_id",
            sa.String(36),
            sa.ForeignKey("notes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "history",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # Full-text index of note text (rowid = notes.rowid). Its own copy of the text, so a delete
    # needs only the rowid; 'secure-delete' removes a deleted note's words from the index pages.
    op.execute(
        "CREATE VIRTUAL TABLE note_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("INSERT INTO note_fts(note_fts, rank) VALUES('secure-delete', 1)")


def downgrade() -> None:
    raise NotImplementedError("Notebooks are never downgraded; restore the pre-migration copy.")
