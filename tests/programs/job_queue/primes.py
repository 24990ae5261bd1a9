def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_primes(start, stop):
    return sum(1 for n in range(start, stop) if is_prime(n))
