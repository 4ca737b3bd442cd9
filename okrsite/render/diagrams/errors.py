"""The one exception the diagram renderer raises; site engines turn it into their own error."""

from __future__ import annotations


class DiagramError(Exception):
    """A diagram could not be drawn; the message says which one and what to do."""


MISSING_DOT = (
    "Graphviz's `dot` program was not found on PATH, and okrsite needs it to draw diagrams. "
    "Install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: "
    "`brew install graphviz`; Windows: `winget install graphviz`), or turn diagrams off "
    "with `diagrams: false` in the okrsite plugin settings."
)
