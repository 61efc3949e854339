// Notebook target.
