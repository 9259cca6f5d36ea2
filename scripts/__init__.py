"""Developer scripts (screenshots, printouts, icons); run from the repository root."""
