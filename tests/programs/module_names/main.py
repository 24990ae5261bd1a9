"""__name__ is "__main__" only in the file run; an imported file sees its own name."""
import helpers

print("main file runs as", __name__)
print("helpers imported as", helpers.NAME)
if __name__ == "__main__":
    print("the guard holds")
