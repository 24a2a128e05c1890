"""never reuse ids: SQLite tables keyed by an integer id get AUTOINCREMENT

Without it SQLite gives the id of a deleted newest row to the next insert. PostgreSQL's sequences never
reuse ids, so nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 14:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = (
    'core_language', 'core_license', 'core_daysofweek', 'core_repetitionunit', 'core_weightunit',
    'core_dataversion', 'auth_permission', 'auth_group', 'auth_user', 'core_userprofile', 'exercises_muscle',
    'exercises_equipment', 'exercises_exercisecategory', 'exercises_variation', 'exercises_exercisebase',
    'exercises_exercise', 'exercises_alias', 'exercises_exercisecomment', 'exercises_exerciseimage',
    'exercises_exercisevideo', 'exercises_deletionlog', 'nutrition_weightunit', 'nutrition_ingredient',
    'nutrition_ingredientweightunit', 'nutrition_image', 'weight_weightentry',
)


def _rebuild(autoincrement):
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}):
            pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
