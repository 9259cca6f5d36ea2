"""Harmony Desktop: offline-first roster and attendance register for youth music hubs."""

from importlib import metadata

APP_ID = "org.harmonydesktop.HarmonyDesktop"
APP_NAME = "Harmony Desktop"
APP_AUTHOR = "HarmonyDesktop"

try:
    __version__ = metadata.version("harmony-desktop")
except metadata.PackageNotFoundError:  # frozen without metadata
    __version__ = "0.1.0"
