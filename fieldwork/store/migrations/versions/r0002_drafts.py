"""Keep unsaved editor text (with the cursor) inside the notebook while the window is locked."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("note_id", sa.String(36), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cursor", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.String(27), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Notebooks are never downgraded; restore the pre-migration copy.")
