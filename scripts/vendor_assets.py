"""Copy the front-end libraries from node_modules into src/sitrep/web/static/vendor.

Run ``npm ci`` first (package.json pins the versions). Only minified dist files,
the assets they load and each package's licence are copied, so the vendored
tree stays small and nothing is fetched from a CDN at run time.

    npm ci && python scripts/vendor_assets.py
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "sitrep" / "web" / "static" / "vendor"

# package -> files (relative to the package) copied flat into vendor/<package>/, plus LICENSE
FILES = {
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png", "dist/images/layers-2x.png",
                "dist/images/marker-icon.png", "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"],
    "cytoscape": ["dist/cytoscape.min.js"],
    "topojson-client": ["dist/topojson-client.min.js"],
    "world-atlas": ["countries-110m.json"],
}
LICENCES = ("LICENSE", "LICENSE.md", "LICENSE.txt")


def copy_package(modules: Path, package: str, files: list[str]) -> list[str]:
    source, target = modules / package, VENDOR / package
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in files:
        # leaflet.css refers to images/…, so keep that one sub-folder
        destination = target / ("images/" if "/images/" in name else "") / Path(name).name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, destination)
        copied.append(str(destination.relative_to(VENDOR)))
    licence = next((source / n for n in LICENCES if (source / n).is_file()), None)
    if licence is None:
        sys.exit(f"error: {package} has no licence file; refusing to vendor it")
    shutil.copyfile(licence, target / "LICENSE")
    return copied


def version_of(modules: Path, package: str) -> str:
    return json.loads((modules / package / "package.json").read_text(encoding="utf-8"))["version"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args()
    missing = [p for p in FILES if not (args.node_modules / p / "package.json").is_file()]
    if missing:
        sys.exit(f"error: {', '.join(missing)} not installed in {args.node_modules}; run `npm ci` first")
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    manifest = {p: {"version": version_of(args.node_modules, p), "files": copy_package(args.node_modules, p, f)}
                for p, f in FILES.items()}
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    size = sum(f.stat().st_size for f in VENDOR.rglob("*") if f.is_file())
    print(f"vendored {len(manifest)} packages into {VENDOR.relative_to(ROOT)} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
