"""History from git: past values of key results and when each entity last changed.

`read_history` reads the commits of the content directory; `merge_history` joins the values into
the model's check-ins; `last_updated` gives each entity page its "last updated" date.
`HistoryMemo` saves a process that rebuilds (`mkdocs serve`) reading unchanged history again.
"""

from okrsite.history.memo import HistoryMemo
from okrsite.history.merge import last_updated, merge_history
from okrsite.history.read import History, read_history

__all__ = ["History", "HistoryMemo", "last_updated", "merge_history", "read_history"]
