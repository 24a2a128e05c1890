"""GiST trigram indexes on language and folded name, for nearest-first (KNN) name search

The GIN indexes of 0003 find rows similar to a term but cannot hand them out in order of similarity; with
a short term they match a third of 100,000 ingredients, all of which were read and sorted. A GiST index
orders by `<->` distance, so a search reads little more than the rows it returns; leading with the
language (btree_gist) keeps a search inside the requested languages' part of the index. GIN stays: it is
the faster index for substring (LIKE) matches and for rare terms. On SQLite these are plain indexes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:34:42.396365

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        # GiST over an integer column next to the trigram one needs btree_gist's operator classes.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    with op.batch_alter_table('exercises_exercise', schema=None) as batch_op:
        batch_op.create_index('ix_exercises_exercise_name_search_nearest', ['language_id', 'name_search'],
                              unique=False, postgresql_using='gist',
                              postgresql_ops={'name_search': 'gist_trgm_ops'})

    with op.batch_alter_table('nutrition_ingredient', schema=None) as batch_op:
        batch_op.create_index('ix_nutrition_ingredient_name_search_nearest', ['language_id', 'name_search'],
                              unique=False, postgresql_using='gist',
                              postgresql_ops={'name_search': 'gist_trgm_ops'})


def downgrade():
    with op.batch_alter_table('nutrition_ingredient', schema=None) as batch_op:
        batch_op.drop_index('ix_nutrition_ingredient_name_search_nearest')

    with op.batch_alter_table('exercises_exercise', schema=None) as batch_op:
        batch_op.drop_index('ix_exercises_exercise_name_search_nearest')
