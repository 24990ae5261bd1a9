"""A function deep in the program raises; the traceback and exit status 1 follow."""


def average(values):
    return sum(values) / len(values)


def report(groups):
    for name, values in groups.items():
        print(name, average(values))


if __name__ == "__main__":
    report({"full": [1, 2, 3], "empty": []})
