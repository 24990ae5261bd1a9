"""A producer and a daemonic consumer on a JoinableQueue: join returns when every item is done."""
import multiprocessing


def consumer(items, results):
    while True:
        item = items.get()
        results.put(item.upper())
        items.task_done()


if __name__ == "__main__":
    items, results = multiprocessing.JoinableQueue(), multiprocessing.Queue()
    worker = multiprocessing.Process(target=consumer, args=(items, results), daemon=True)
    worker.start()
    words = ["spam", "eggs", "ham", "beans"]
    for word in words:
        items.put(word)
    items.join()
    print("all done:", sorted(results.get() for _ in words))
    print("consumer still alive:", worker.is_alive(), "daemon:", worker.daemon)
