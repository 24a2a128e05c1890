"""The Flask extensions, unbound: `create_app` binds them to an app.

The database handle lives in `wger.database` and the API object in `wger.api.smorest`, so that models and
the API machinery each import only what is below them.
"""

from flask_migrate import Migrate

migrate = Migrate()
