"""OKR quality rules: what `okrsite check` reviews beyond valid content (rules.py, config.py)."""
