"""Write schemas/gold.schema.json from extractor.gold.GoldArticle.

Generated the way extractor/schemas.py generates the other schemas; once ``SCHEMAS`` lists
``"gold.schema.json": GoldArticle``, ``extractor schema --export schemas`` writes the same text.

    .venv/bin/python bench/export_gold_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.gold import GoldArticle
from extractor.schemas import BASE_ID, DRAFT

NAME = "gold.schema.json"


def gold_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + NAME,
        **GoldArticle.model_json_schema(mode="serialization"),
    }


def render() -> str:
    return json.dumps(gold_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "schemas" / NAME
    target.write_text(render(), encoding="utf-8")
    print(target)
