"""Property-based checks of the text-to-markup helpers every page uses, over arbitrary text.

Whatever an author types, a description renders without raising and keeps only allowed tags,
no handler or style attribute and no unsafe URL; a title meant for Markdown or front matter
comes back, once unescaped, exactly as typed.
"""

from __future__ import annotations

import html
import json

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from okrsite.render.pages import markup
from okrsite.render.pages.markup import description_html, front_matter_title, markdown_text

PIECES = st.sampled_from(
    ["<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "[x](", ")",
     "<a href=", '"', "'", "&#106;", "<svg onload=1>", "<style>", "`", "```\n", "\n\n", "* ",
     "# ", "<!--", "-->", "<![CDATA[", "]]>", "{{", "}}", ":smile:", "\\", "|", "<", ">", "&", "\t"]
)  # fmt: skip
# What the validator lets through: no control characters besides tab and line breaks, no
# U+FFFE or U+FFFF (spec/types.py).
PRINTABLE = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
    | st.sampled_from("\t\n"),
    max_size=8,
)
TEXT = st.lists(st.one_of(PIECES, PRINTABLE), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_descriptions_never_carry_markup_that_can_run(text: str) -> None:
    for element in BeautifulSoup(description_html(text), "html.parser").find_all(True):
        assert element.name in markup._ALLOWED_TAGS
        for name, value in element.attrs.items():
            assert name in {"href", "title", "align", "rel"}, name
            if name == "href":
                assert value == "" or markup.safe_link_url(value) == value, value


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_titles_come_back_exactly_as_typed(text: str) -> None:
    assert html.unescape(str(markdown_text(text))) == text
    assert html.unescape(json.loads(front_matter_title(text))) == text
