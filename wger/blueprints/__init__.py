"""One blueprint per domain."""


def all_blueprints():
    """Return every API blueprint in the contract's order, which is also the API root's order.

    Importing a domain's blueprint declares (and registers) its resources; the root lists them blueprint
    by blueprint, whatever order the imports ran in.
    """
    from wger.api import root
    from wger.blueprints import accounts, core, exercises, gallery, measurements, nutrition, weight, workouts

    return [workouts.blueprint, core.blueprint, accounts.blueprint, exercises.blueprint, nutrition.blueprint,
            weight.blueprint, gallery.blueprint, measurements.blueprint, root.blueprint]
