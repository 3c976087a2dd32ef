"""The designer: stored designs and palette (Django), and the engines they run through (plain Python)."""
