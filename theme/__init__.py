"""okrsite's templates and assets, installed as the package `okrsite.theme` (package data)."""
