#!/usr/bin/env python3
"""Copies each file named by a '<!-- include: path -->' marker in README.md into the fenced block
that follows the marker, verbatim (a test fails while a copy differs from its file):

    python3 tools/refresh-readme-includes.py
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")


def main():
    text = open(README, encoding="utf-8").read()

    def refresh(m):
        path = m.group("path")
        body = open(os.path.join(ROOT, *path.split("/")), encoding="utf-8").read().replace("\r\n", "\n").rstrip("\n")
        return f"<!-- include: {path} -->\n```{m.group('lang')}\n{body}\n```"

    new = re.sub(r"<!-- include: (?P<path>\S+) -->\n```(?P<lang>\w*)\n.*?\n```", refresh, text, flags=re.S)
    if new != text:
        open(README, "w", encoding="utf-8", newline="\n").write(new)
        print("README.md: includes refreshed")
    else:
        print("README.md: includes already current")


if __name__ == "__main__":
    main()
