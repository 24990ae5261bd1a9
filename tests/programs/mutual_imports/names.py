import shapes

NAMES = {3: "triangle", 4: "square"}


def name(n):
    assert shapes.sides(n) == n
    return NAMES[n]
