"""Text rules that models apply: the safe HTML of descriptions and the key that search matches on."""

import unicodedata

import nh3

ALLOWED_TAGS = {"b", "i", "strong", "em", "ul", "ol", "li", "p"}


def sanitise_html(html):
    """Keep only the contract's tags (b, i, strong, em, ul, ol, li, p), without attributes; drop the rest."""
    if html is None:
        return html
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None, strip_comments=True)


def search_key(text):
    """Fold case and strip accents, so `Bankdrücken` is found by `bankdrucken` and `BANKDRÜCKEN`."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
