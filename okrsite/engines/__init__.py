"""Building the portal with engines other than MkDocs' plugin API: the portal as a folder of
files (`folder`), its settings read from mkdocs.yml without MkDocs (`mkdocs_yml`), and the
config that points Zensical at it (`zensical`). Used by `okrsite generate`."""
