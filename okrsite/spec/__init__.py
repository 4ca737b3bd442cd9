"""The content format: value types (`types`), the kinds of document (`kinds`), and the JSON
Schema generated from them (`json_schema`)."""
