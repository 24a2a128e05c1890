"""Record the answers of a running wger server for the sync's replayed upstreams (not a test).

    python tests/upstreams/record.py http://127.0.0.1:8001 tests/upstreams/wger-2.1.json

keeps the API root, the reference lists in full, and a few exercises and ingredients chosen to cover
what the sync has to read (translations in two languages, notes, a variation group), verbatim.
"""

import json
import sys

import requests

REFERENCE_LISTS = ("language", "license", "exercisecategory", "muscle", "equipment", "weightunit")
CHOSEN = {"exercisebaseinfo": (9, 20, 73, 193), "ingredientinfo": (2, 3, 4)}


def fetch(url, **params):
    response = requests.get(url, params=params, headers={"Accept": "application/json"}, timeout=30)
    response.raise_for_status()
    return response.json()


def record(server):
    api = server.rstrip("/") + "/api/v2"
    lists = {name: fetch(f"{api}/{name}/", limit=1000)["results"] for name in REFERENCE_LISTS}
    for name, ids in CHOSEN.items():
        lists[name] = [fetch(f"{api}/{name}/{row_id}/") for row_id in ids]
    return {"origin": server.rstrip("/"), "root": fetch(f"{api}/"), "lists": lists}


if __name__ == "__main__":
    with open(sys.argv[2], "w", encoding="utf-8") as target:
        json.dump(record(sys.argv[1]), target, ensure_ascii=False, indent=1)
        target.write("\n")
