"""The MkDocs adapter: loads the portal through the core and hands its artifacts to MkDocs."""
