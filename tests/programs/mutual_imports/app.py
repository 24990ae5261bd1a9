"""Two files that import each other (the names are looked up when called, not at import)."""
import shapes

if __name__ == "__main__":
    print(shapes.describe(3))
    print(shapes.describe(4))
