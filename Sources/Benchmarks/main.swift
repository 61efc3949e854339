print("gradbook-bench: not built yet")
