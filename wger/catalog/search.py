"""Name search over translations, aliases and ingredients.

On PostgreSQL, matches are ranked by trigram similarity (pg_trgm) above a low threshold, so a typo such as
`bech press` still finds Bench Press; a row that merely contains the term ranks below every similar one.
Elsewhere (SQLite) a case- and accent-insensitive substring match is used, ordered by name. Both compare
the folded `*_search` columns with the folded term.

Why the PostgreSQL search is shaped as it is (measured on 100,000 ingredients, see bench/): at the 0.15
threshold a short term such as `oat` is similar to a third of the rows, so filtering with the GIN index
and sorting every match by similarity reads and ranks tens of thousands of rows. Instead the GiST index
hands out rows nearest first (`<->` with a LIMIT), and only rows tied with the last one kept are read past
the limit. Substring-only matches, and matches through another table (aliases), are searched only when the
similar rows do not fill the limit, as a union of index scans rather than an OR across tables.
"""

import sqlalchemy as sa

from wger.database import db
from wger.models import Language
from wger.text import search_key

SIMILARITY_THRESHOLD = 0.15
DEFAULT_LANGUAGE = "en"


def language_ids(text):
    """Ids for `?language=de,en`; `*` means every language (None), unknown codes fall back to English."""
    text = (text or DEFAULT_LANGUAGE).strip()
    if text == "*":
        return None
    codes = [code.strip() for code in text.split(",") if code.strip()]
    ids = list(db.session.scalars(sa.select(Language.id).where(Language.short_name.in_(codes))))
    if not ids:
        ids = list(db.session.scalars(sa.select(Language.id).where(Language.short_name == DEFAULT_LANGUAGE)))
    return ids


def uses_trigrams():
    return db.session.get_bind().dialect.name == "postgresql"


def find(model, column, term, languages, limit, *, also=(), options=()):
    """Return at most `limit` rows of `model` matching `term`, best first.

    `column` is the model's folded name; `also` holds `(id column, folded column)` pairs of other tables
    whose matches select the row too (an exercise's aliases); `languages` is a list of ids or None (all).
    """
    key = search_key(term.strip())
    scope = [] if languages is None else [model.language_id.in_(languages)]
    search = _ranked_ids if uses_trigrams() else _substring_ids
    ids = search(model, column, key, scope, limit, also)
    rows = {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*options))}
    return [rows[pk] for pk in ids]


def _contains(column, key):
    return column.contains(key, autoescape=True)


def _either(model, condition, others):
    """`condition` on the model, or any `(id column, condition)` of another table, as a union of id scans."""
    if not others:
        return condition
    return model.id.in_(sa.union(sa.select(model.id).where(condition),
                                 *(sa.select(ref).where(other) for ref, other in others)))


def _substring_ids(model, column, key, scope, limit, also):
    others = [(ref, _contains(other, key)) for ref, other in also]
    return list(db.session.scalars(
        sa.select(model.id).where(*scope, _either(model, _contains(column, key), others))
        .order_by(model.name, model.id).limit(limit)
    ))


def _ranked_ids(model, column, key, scope, limit, also):
    """Similar rows nearest first, then (only if they do not fill the limit) the rows merely containing the term.

    One statement: the second part is gated on the count of the first, so PostgreSQL skips it entirely when
    the similar rows fill the limit. The index yields rows nearest first but in no set order among equal
    distances, so twice the limit is read: the cut is exact once the last row read is farther than the
    `limit`-th, else the read is widened.
    """
    db.session.execute(sa.text("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)"),
                       {"threshold": str(SIMILARITY_THRESHOLD)})
    similar = column.bool_op("%")(key)
    distance = column.op("<->", return_type=sa.Float)(key)
    others = [(ref, sa.or_(other.bool_op("%")(key), _contains(other, key))) for ref, other in also]
    rest = (sa.select(model.id, model.name, distance.label("distance"))
            .where(*scope, sa.not_(similar), _either(model, _contains(column, key), others))
            .order_by(distance, model.name, model.id).limit(limit).subquery("rest"))
    fetch = 2 * limit
    while True:
        nearest = (sa.select(model.id, model.name, distance.label("distance")).where(similar, *scope)
                   .order_by(distance).limit(fetch).cte("nearest"))
        unfilled = sa.select(sa.func.count()).select_from(nearest).scalar_subquery() < limit
        ranked = sa.union_all(
            sa.select(nearest.c.id, nearest.c.name, nearest.c.distance, sa.literal(0).label("tier")),
            sa.select(rest.c.id, rest.c.name, rest.c.distance, sa.literal(1)).where(unfilled),
        ).subquery("ranked")
        rows = db.session.execute(sa.select(ranked.c.id, ranked.c.distance, ranked.c.tier)
                                  .order_by(ranked.c.tier, ranked.c.distance, ranked.c.name, ranked.c.id)).all()
        similar_rows = [row for row in rows if row.tier == 0]
        if len(similar_rows) < fetch or similar_rows[-1].distance > similar_rows[limit - 1].distance:
            return [row.id for row in rows[:limit]]
        fetch *= 4
