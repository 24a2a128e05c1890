"""exercise and ingredient catalog: bases, translations, aliases, notes, media, deletion log, ingredients

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 11:51:43.821582

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        # Ranked trigram search (similarity(), the % operator and the GIN indexes below) needs pg_trgm.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('exercises_deletionlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model_type', sa.String(length=11), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('replaced_by', sa.Uuid(), nullable=True),
    sa.Column('timestamp', sa.DateTime(), nullable=False),
    sa.Column('comment', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_deletionlog'))
    )
    with op.batch_alter_table('exercises_deletionlog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_deletionlog_model_type'), ['model_type'], unique=False)

    op.create_table('exercises_variation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_variation'))
    )
    op.create_table('exercises_exercisebase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('variations_id', sa.Integer(), nullable=True),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['exercises_exercisecategory.id'], name=op.f('fk_exercises_exercisebase_category_id_exercises_exercisecategory')),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_exercises_exercisebase_license_id_core_license')),
    sa.ForeignKeyConstraint(['variations_id'], ['exercises_variation.id'], name=op.f('fk_exercises_exercisebase_variations_id_exercises_variation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_exercisebase')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_exercisebase_uuid'))
    )
    with op.batch_alter_table('exercises_exercisebase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_license_id'), ['license_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_variations_id'), ['variations_id'], unique=False)

    op.create_table('nutrition_ingredient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('remote_id', sa.String(length=200), nullable=True),
    sa.Column('source_name', sa.String(length=200), nullable=True),
    sa.Column('source_url', sa.String(length=200), nullable=True),
    sa.Column('code', sa.String(length=200), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_search', sa.String(length=200), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('last_imported', sa.DateTime(), nullable=True),
    sa.Column('energy', sa.Integer(), nullable=False),
    sa.Column('protein', sa.Numeric(precision=6, scale=3), nullable=False),
    sa.Column('carbohydrates', sa.Numeric(precision=6, scale=3), nullable=False),
    sa.Column('carbohydrates_sugar', sa.Numeric(precision=6, scale=3), nullable=True),
    sa.Column('fat', sa.Numeric(precision=6, scale=3), nullable=False),
    sa.Column('fat_saturated', sa.Numeric(precision=6, scale=3), nullable=True),
    sa.Column('fiber', sa.Numeric(precision=6, scale=3), nullable=True),
    sa.Column('sodium', sa.Numeric(precision=6, scale=3), nullable=True),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('language_id', sa.Integer(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['language_id'], ['core_language.id'], name=op.f('fk_nutrition_ingredient_language_id_core_language')),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_nutrition_ingredient_license_id_core_license')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_ingredient')),
    sa.UniqueConstraint('uuid', name=op.f('uq_nutrition_ingredient_uuid'))
    )
    with op.batch_alter_table('nutrition_ingredient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_ingredient_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_ingredient_language_id'), ['language_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_ingredient_license_id'), ['license_id'], unique=False)
        batch_op.create_index('ix_nutrition_ingredient_name_id', ['name', 'id'], unique=False)
        batch_op.create_index('ix_nutrition_ingredient_name_search', ['name_search'], unique=False, postgresql_using='gin', postgresql_ops={'name_search': 'gin_trgm_ops'})

    op.create_table('exercises_exercise',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_search', sa.String(length=200), nullable=False),
    sa.Column('exercise_base_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('language_id', sa.Integer(), nullable=False),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['exercise_base_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exercise_exercise_base_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['language_id'], ['core_language.id'], name=op.f('fk_exercises_exercise_language_id_core_language')),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_exercises_exercise_license_id_core_license')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_exercise')),
    sa.UniqueConstraint('exercise_base_id', 'language_id', name=op.f('uq_exercises_exercise_exercise_base_id_language_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_exercise_uuid'))
    )
    with op.batch_alter_table('exercises_exercise', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercise_language_id'), ['language_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_exercise_license_id'), ['license_id'], unique=False)
        batch_op.create_index('ix_exercises_exercise_name_id', ['name', 'id'], unique=False)
        batch_op.create_index('ix_exercises_exercise_name_search', ['name_search'], unique=False, postgresql_using='gin', postgresql_ops={'name_search': 'gin_trgm_ops'})

    op.create_table('exercises_exercisebase_equipment',
    sa.Column('exercisebase_id', sa.Integer(), nullable=False),
    sa.Column('equipment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['exercises_equipment.id'], name=op.f('fk_exercises_exercisebase_equipment_equipment_id_exercises_equipment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['exercisebase_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exercisebase_equipment_exercisebase_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exercisebase_id', 'equipment_id', name=op.f('pk_exercises_exercisebase_equipment'))
    )
    with op.batch_alter_table('exercises_exercisebase_equipment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_equipment_equipment_id'), ['equipment_id'], unique=False)

    op.create_table('exercises_exercisebase_muscles',
    sa.Column('exercisebase_id', sa.Integer(), nullable=False),
    sa.Column('muscle_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['exercisebase_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exercisebase_muscles_exercisebase_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['muscle_id'], ['exercises_muscle.id'], name=op.f('fk_exercises_exercisebase_muscles_muscle_id_exercises_muscle'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exercisebase_id', 'muscle_id', name=op.f('pk_exercises_exercisebase_muscles'))
    )
    with op.batch_alter_table('exercises_exercisebase_muscles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_muscles_muscle_id'), ['muscle_id'], unique=False)

    op.create_table('exercises_exercisebase_muscles_secondary',
    sa.Column('exercisebase_id', sa.Integer(), nullable=False),
    sa.Column('muscle_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['exercisebase_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exercisebase_muscles_secondary_exercisebase_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['muscle_id'], ['exercises_muscle.id'], name=op.f('fk_exercises_exercisebase_muscles_secondary_muscle_id_exercises_muscle'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exercisebase_id', 'muscle_id', name=op.f('pk_exercises_exercisebase_muscles_secondary'))
    )
    with op.batch_alter_table('exercises_exercisebase_muscles_secondary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisebase_muscles_secondary_muscle_id'), ['muscle_id'], unique=False)

    op.create_table('exercises_exerciseimage',
    sa.Column('exercise_base_id', sa.Integer(), nullable=False),
    sa.Column('image', sa.String(length=300), nullable=False),
    sa.Column('style', sa.String(length=1), nullable=False),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['exercise_base_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exerciseimage_exercise_base_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_exercises_exerciseimage_license_id_core_license')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_exerciseimage')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_exerciseimage_uuid'))
    )
    with op.batch_alter_table('exercises_exerciseimage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exerciseimage_exercise_base_id'), ['exercise_base_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_exerciseimage_license_id'), ['license_id'], unique=False)

    op.create_table('exercises_exercisevideo',
    sa.Column('exercise_base_id', sa.Integer(), nullable=False),
    sa.Column('video', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('duration', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('codec', sa.String(length=30), nullable=False),
    sa.Column('codec_long', sa.String(length=100), nullable=False),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['exercise_base_id'], ['exercises_exercisebase.id'], name=op.f('fk_exercises_exercisevideo_exercise_base_id_exercises_exercisebase'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_exercises_exercisevideo_license_id_core_license')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_exercisevideo')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_exercisevideo_uuid'))
    )
    with op.batch_alter_table('exercises_exercisevideo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisevideo_exercise_base_id'), ['exercise_base_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_exercisevideo_license_id'), ['license_id'], unique=False)

    op.create_table('nutrition_image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('ingredient_id', sa.Integer(), nullable=False),
    sa.Column('image', sa.String(length=300), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('last_update', sa.DateTime(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('license_title', sa.String(length=300), nullable=False),
    sa.Column('license_object_url', sa.String(length=200), nullable=False),
    sa.Column('license_author', sa.String(length=3500), nullable=True),
    sa.Column('license_author_url', sa.String(length=200), nullable=False),
    sa.Column('license_derivative_source_url', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['ingredient_id'], ['nutrition_ingredient.id'], name=op.f('fk_nutrition_image_ingredient_id_nutrition_ingredient'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['license_id'], ['core_license.id'], name=op.f('fk_nutrition_image_license_id_core_license')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_image')),
    sa.UniqueConstraint('ingredient_id', name=op.f('uq_nutrition_image_ingredient_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_nutrition_image_uuid'))
    )
    with op.batch_alter_table('nutrition_image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_image_license_id'), ['license_id'], unique=False)

    op.create_table('nutrition_ingredientweightunit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('gram', sa.Integer(), nullable=False),
    sa.Column('ingredient_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ingredient_id'], ['nutrition_ingredient.id'], name=op.f('fk_nutrition_ingredientweightunit_ingredient_id_nutrition_ingredient'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['nutrition_weightunit.id'], name=op.f('fk_nutrition_ingredientweightunit_unit_id_nutrition_weightunit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_ingredientweightunit')),
    sa.UniqueConstraint('ingredient_id', 'unit_id', name=op.f('uq_nutrition_ingredientweightunit_ingredient_id_unit_id'))
    )
    with op.batch_alter_table('nutrition_ingredientweightunit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_ingredientweightunit_unit_id'), ['unit_id'], unique=False)

    op.create_table('exercises_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('alias_search', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercises_exercise.id'], name=op.f('fk_exercises_alias_exercise_id_exercises_exercise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_alias')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_alias_uuid'))
    )
    with op.batch_alter_table('exercises_alias', schema=None) as batch_op:
        batch_op.create_index('ix_exercises_alias_alias_search', ['alias_search'], unique=False, postgresql_using='gin', postgresql_ops={'alias_search': 'gin_trgm_ops'})
        batch_op.create_index(batch_op.f('ix_exercises_alias_exercise_id'), ['exercise_id'], unique=False)

    op.create_table('exercises_exercisecomment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.Uuid(), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercises_exercise.id'], name=op.f('fk_exercises_exercisecomment_exercise_id_exercises_exercise'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises_exercisecomment')),
    sa.UniqueConstraint('uuid', name=op.f('uq_exercises_exercisecomment_uuid'))
    )
    with op.batch_alter_table('exercises_exercisecomment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_exercisecomment_exercise_id'), ['exercise_id'], unique=False)



def downgrade():
    with op.batch_alter_table('exercises_exercisecomment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisecomment_exercise_id'))

    op.drop_table('exercises_exercisecomment')
    with op.batch_alter_table('exercises_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_alias_exercise_id'))
        batch_op.drop_index('ix_exercises_alias_alias_search', postgresql_using='gin', postgresql_ops={'alias_search': 'gin_trgm_ops'})

    op.drop_table('exercises_alias')
    with op.batch_alter_table('nutrition_ingredientweightunit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_ingredientweightunit_unit_id'))

    op.drop_table('nutrition_ingredientweightunit')
    with op.batch_alter_table('nutrition_image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_image_license_id'))

    op.drop_table('nutrition_image')
    with op.batch_alter_table('exercises_exercisevideo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisevideo_license_id'))
        batch_op.drop_index(batch_op.f('ix_exercises_exercisevideo_exercise_base_id'))

    op.drop_table('exercises_exercisevideo')
    with op.batch_alter_table('exercises_exerciseimage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exerciseimage_license_id'))
        batch_op.drop_index(batch_op.f('ix_exercises_exerciseimage_exercise_base_id'))

    op.drop_table('exercises_exerciseimage')
    with op.batch_alter_table('exercises_exercisebase_muscles_secondary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_muscles_secondary_muscle_id'))

    op.drop_table('exercises_exercisebase_muscles_secondary')
    with op.batch_alter_table('exercises_exercisebase_muscles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_muscles_muscle_id'))

    op.drop_table('exercises_exercisebase_muscles')
    with op.batch_alter_table('exercises_exercisebase_equipment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_equipment_equipment_id'))

    op.drop_table('exercises_exercisebase_equipment')
    with op.batch_alter_table('exercises_exercise', schema=None) as batch_op:
        batch_op.drop_index('ix_exercises_exercise_name_search', postgresql_using='gin', postgresql_ops={'name_search': 'gin_trgm_ops'})
        batch_op.drop_index('ix_exercises_exercise_name_id')
        batch_op.drop_index(batch_op.f('ix_exercises_exercise_license_id'))
        batch_op.drop_index(batch_op.f('ix_exercises_exercise_language_id'))

    op.drop_table('exercises_exercise')
    with op.batch_alter_table('nutrition_ingredient', schema=None) as batch_op:
        batch_op.drop_index('ix_nutrition_ingredient_name_search', postgresql_using='gin', postgresql_ops={'name_search': 'gin_trgm_ops'})
        batch_op.drop_index('ix_nutrition_ingredient_name_id')
        batch_op.drop_index(batch_op.f('ix_nutrition_ingredient_license_id'))
        batch_op.drop_index(batch_op.f('ix_nutrition_ingredient_language_id'))
        batch_op.drop_index(batch_op.f('ix_nutrition_ingredient_code'))

    op.drop_table('nutrition_ingredient')
    with op.batch_alter_table('exercises_exercisebase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_variations_id'))
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_license_id'))
        batch_op.drop_index(batch_op.f('ix_exercises_exercisebase_category_id'))

    op.drop_table('exercises_exercisebase')
    op.drop_table('exercises_variation')
    with op.batch_alter_table('exercises_deletionlog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_deletionlog_model_type'))

    op.drop_table('exercises_deletionlog')
