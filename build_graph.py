#!/usr/bin/env python3
"""Build the knowledge graph into dist/ (the same as `kg build`)."""

import sys
from pathlib import Path

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parent), "build", *sys.argv[1:]]))
