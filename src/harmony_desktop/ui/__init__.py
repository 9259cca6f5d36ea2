"""Qt widgets, models and dialogs. The only layer (with printing) that imports PySide6."""
