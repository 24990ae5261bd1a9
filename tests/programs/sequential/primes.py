"""Helpers for the examples: is a number prime?"""
import math


def is_prime(n):
    """Trial division, as slow as the lecture wants it: CPU-bound."""
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:
            return False
    return True


def count_primes(start, stop):
    """How many primes lie in [start, stop)."""
    return sum(1 for n in range(start, stop) if is_prime(n))
