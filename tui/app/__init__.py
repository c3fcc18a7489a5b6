"""The Textual review app. Importing this package imports nothing: the pure modules (layout,
display_text, highlights, navigation, search, statusbar, screenshot's argument parsing) are usable
without Textual; app, panes, help and keys need it."""
