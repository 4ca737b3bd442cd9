"""Views of a Portal: every renderer reads the same Portal and returns Artifacts.

`pages` writes the Markdown pages; diagrams, badges and exports live beside it. Nothing here
knows which site engine will publish the artifacts.
"""
