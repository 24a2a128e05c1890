"""One blueprint per domain."""


def all_blueprints():
    """Return every API blueprint in the contract's order, which is also the API root's order.

    Importing a domain's blueprint declares (and registers) its resources.
    """
    from wger.api import root
    from wger.blueprints import accounts, core, exercises, gallery, measurements, nutrition, weight

    return [core.blueprint, accounts.blueprint, exercises.blueprint, nutrition.blueprint, weight.blueprint,
            gallery.blueprint, measurements.blueprint, root.blueprint]
