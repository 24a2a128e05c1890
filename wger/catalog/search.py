"""Name search over translations, aliases and ingredients.

On PostgreSQL, matches are ranked by trigram similarity (pg_trgm) above a low threshold, so a typo such as
`bech press` still finds Bench Press; the `%` operator lets the GIN indexes do the work. Elsewhere
(SQLite) a case- and accent-insensitive substring match is used. Both compare the folded `*_search`
columns with the folded term.
"""

import sqlalchemy as sa

from wger.catalog.text import search_key
from wger.extensions import db
from wger.models import Language

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


class Matcher:
    """Builds the match condition and the rank for one folded term on the current database."""

    def __init__(self, term):
        self.key = search_key(term.strip())
        self.trigrams = uses_trigrams()
        if self.trigrams:
            db.session.execute(
                sa.text("SELECT set_config('pg_trgm.similarity_threshold', :threshold, true)"),
                {"threshold": str(SIMILARITY_THRESHOLD)},
            )

    def matches(self, column):
        if self.trigrams:
            return sa.or_(column.op("%")(self.key), column.contains(self.key, autoescape=True))
        return column.contains(self.key, autoescape=True)

    def ranking(self, column, *tie_breakers):
        """ORDER BY terms: best similarity first on PostgreSQL, the tie-breakers (names) alone elsewhere."""
        if self.trigrams:
            return (sa.func.similarity(column, self.key).desc(), *tie_breakers)
        return tie_breakers
