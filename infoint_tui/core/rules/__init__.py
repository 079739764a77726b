"""The guide's rules as pure functions: no storage, no clock of their own.

Each takes the current time (and anything else it needs) as an argument,
so tests pin it and the service decides where the time comes from.
"""
