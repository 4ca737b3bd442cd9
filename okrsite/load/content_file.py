"""What one content file says on its own: the drafts of its entities and the problems in it.

Everything here depends on the file's bytes and its shown path alone, which is what lets a
reload reuse it for a file that did not change (`file_memo`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from okrsite.load.yaml_reader import read_yaml_file
from okrsite.problems import Problem

if TYPE_CHECKING:
    from okrsite.validate.documents import Draft

FileRead: TypeAlias = "tuple[list[Draft], list[Problem]]"


def read_content_file(raw: bytes, shown: str) -> FileRead:
    """The file's YAML read with positions, then each document against its kind's record."""
    from okrsite.validate.documents import read_documents  # the records import load's reader

    documents, problems = read_yaml_file(raw, shown)
    return read_documents(documents, problems), problems
