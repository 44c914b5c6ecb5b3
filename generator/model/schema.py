"""Write the JSON Schema of each record kind under schemas/ (from the same models that validate)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model.kinds import KINDS
from generator.model.records import Event, SiteConfig

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    **KINDS, "event": Event, "site_config": SiteConfig,
}


def schema_of(name: str) -> dict[str, Any]:
    schema = SCHEMA_MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return schema


def render(name: str) -> str:
    return json.dumps(schema_of(name), ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_MODELS:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)
