"""Build rules/*.json from rules/*.yaml: `extends` merged, checked against the schema and the
check kinds' declarations. A check loads only the JSON, so it needs neither YAML nor
jsonschema; tests/test_packs.py fails when a JSON file is older than its YAML.

    python scripts/build_packs.py
"""

from __future__ import annotations

import sys

from reportlint.packfile import PackError, built_json, resource_dir, yaml_ids


def main() -> int:
    try:
        for pack_id in yaml_ids():
            target = resource_dir("rules") / f"{pack_id}.json"
            text = built_json(pack_id)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target}")
    except PackError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
