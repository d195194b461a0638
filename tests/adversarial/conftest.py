"""Hostile input, faults and their clear errors: every case also keeps the good documents."""
