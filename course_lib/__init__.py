"""Mobility coach course library."""
