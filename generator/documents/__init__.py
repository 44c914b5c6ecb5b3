"""documents stage."""
