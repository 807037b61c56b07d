#!/usr/bin/env python3
"""Parses each HTML file given with html5lib in strict mode: any parse error (a stray tag, a
bad attribute, a missing doctype) fails, naming the file, line and column."""
import sys

import html5lib

failed = False
for path in sys.argv[1:]:
    with open(path, "rb") as page:
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(page)
        except html5lib.html5parser.ParseError as error:
            failed = True
            print(f"{path}: {error}")
sys.exit(1 if failed else 0)
