"""The Textual app: screens, dialogs and widgets over the core's service API."""
