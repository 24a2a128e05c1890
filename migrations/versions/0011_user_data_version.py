"""a per-user data version: the counter that keeps kept private answers fresh

Every change to a user's own data increments it in the same transaction (`wger.api.owners`), and a private
answer kept in memory is replayed only while it is unchanged.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('auth_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('auth_user', schema=None) as batch_op:
        batch_op.drop_column('data_version')
