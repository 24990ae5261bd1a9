NAME = __name__
print("importing", __name__)
if __name__ == "__main__":
    print("never printed: helpers is imported, not run")
