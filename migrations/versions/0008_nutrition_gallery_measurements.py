"""nutrition plans, meals, meal items and the diary; progress photos; body measurements

The diary is read by plan and day, so its entries are indexed by (plan_id, datetime).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:31:26

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('gallery_image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('image', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['auth_user.id'], name=op.f('fk_gallery_image_user_id_auth_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gallery_image')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('gallery_image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gallery_image_user_id'), ['user_id'], unique=False)

    op.create_table('measurements_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['auth_user.id'], name=op.f('fk_measurements_category_user_id_auth_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurements_category')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('measurements_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measurements_category_user_id'), ['user_id'], unique=False)

    op.create_table('nutrition_nutritionplan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('creation_date', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=80), nullable=False),
    sa.Column('only_logging', sa.Boolean(), nullable=False),
    sa.Column('goal_energy', sa.Integer(), nullable=True),
    sa.Column('goal_protein', sa.Integer(), nullable=True),
    sa.Column('goal_carbohydrates', sa.Integer(), nullable=True),
    sa.Column('goal_fat', sa.Integer(), nullable=True),
    sa.Column('goal_fiber', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['auth_user.id'], name=op.f('fk_nutrition_nutritionplan_user_id_auth_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_nutritionplan')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('nutrition_nutritionplan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_nutritionplan_user_id'), ['user_id'], unique=False)

    op.create_table('measurements_measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('notes', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['measurements_category.id'], name=op.f('fk_measurements_measurement_category_id_measurements_category'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurements_measurement')),
    sa.UniqueConstraint('category_id', 'date', name=op.f('uq_measurements_measurement_category_id_date')),
    sqlite_autoincrement=True
    )
    op.create_table('nutrition_meal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('order', sa.Integer(), nullable=False),
    sa.Column('time', sa.Time(), nullable=True),
    sa.Column('name', sa.String(length=25), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['nutrition_nutritionplan.id'], name=op.f('fk_nutrition_meal_plan_id_nutrition_nutritionplan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_meal')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('nutrition_meal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_meal_plan_id'), ['plan_id'], unique=False)

    op.create_table('nutrition_logitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('meal_id', sa.Integer(), nullable=True),
    sa.Column('ingredient_id', sa.Integer(), nullable=False),
    sa.Column('weight_unit_id', sa.Integer(), nullable=True),
    sa.Column('datetime', sa.DateTime(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['ingredient_id'], ['nutrition_ingredient.id'], name=op.f('fk_nutrition_logitem_ingredient_id_nutrition_ingredient'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meal_id'], ['nutrition_meal.id'], name=op.f('fk_nutrition_logitem_meal_id_nutrition_meal'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['nutrition_nutritionplan.id'], name=op.f('fk_nutrition_logitem_plan_id_nutrition_nutritionplan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['weight_unit_id'], ['nutrition_ingredientweightunit.id'], name=op.f('fk_nutrition_logitem_weight_unit_id_nutrition_ingredientweightunit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_logitem')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('nutrition_logitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_logitem_ingredient_id'), ['ingredient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_logitem_meal_id'), ['meal_id'], unique=False)
        batch_op.create_index('ix_nutrition_logitem_plan_id_datetime', ['plan_id', 'datetime'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_logitem_weight_unit_id'), ['weight_unit_id'], unique=False)

    op.create_table('nutrition_mealitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meal_id', sa.Integer(), nullable=False),
    sa.Column('ingredient_id', sa.Integer(), nullable=False),
    sa.Column('weight_unit_id', sa.Integer(), nullable=True),
    sa.Column('order', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['ingredient_id'], ['nutrition_ingredient.id'], name=op.f('fk_nutrition_mealitem_ingredient_id_nutrition_ingredient'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meal_id'], ['nutrition_meal.id'], name=op.f('fk_nutrition_mealitem_meal_id_nutrition_meal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['weight_unit_id'], ['nutrition_ingredientweightunit.id'], name=op.f('fk_nutrition_mealitem_weight_unit_id_nutrition_ingredientweightunit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nutrition_mealitem')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('nutrition_mealitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nutrition_mealitem_ingredient_id'), ['ingredient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_mealitem_meal_id'), ['meal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nutrition_mealitem_weight_unit_id'), ['weight_unit_id'], unique=False)



def downgrade():
    with op.batch_alter_table('nutrition_mealitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_mealitem_weight_unit_id'))
        batch_op.drop_index(batch_op.f('ix_nutrition_mealitem_meal_id'))
        batch_op.drop_index(batch_op.f('ix_nutrition_mealitem_ingredient_id'))

    op.drop_table('nutrition_mealitem')
    with op.batch_alter_table('nutrition_logitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_logitem_weight_unit_id'))
        batch_op.drop_index('ix_nutrition_logitem_plan_id_datetime')
        batch_op.drop_index(batch_op.f('ix_nutrition_logitem_meal_id'))
        batch_op.drop_index(batch_op.f('ix_nutrition_logitem_ingredient_id'))

    op.drop_table('nutrition_logitem')
    with op.batch_alter_table('nutrition_meal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_meal_plan_id'))

    op.drop_table('nutrition_meal')
    op.drop_table('measurements_measurement')
    with op.batch_alter_table('nutrition_nutritionplan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nutrition_nutritionplan_user_id'))

    op.drop_table('nutrition_nutritionplan')
    with op.batch_alter_table('measurements_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measurements_category_user_id'))

    op.drop_table('measurements_category')
    with op.batch_alter_table('gallery_image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gallery_image_user_id'))

    op.drop_table('gallery_image')
