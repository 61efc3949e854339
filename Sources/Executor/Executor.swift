// Executor target.
