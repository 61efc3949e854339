// NeuralNet target.
