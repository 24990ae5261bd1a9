import names


def sides(n):
    return n


def describe(n):
    return f"a {names.name(n)} has {sides(n)} sides"
