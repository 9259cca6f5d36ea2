"""Printed documents through Qt printing (QPdfWriter / QPrinter)."""
