"""The fine-tuned stance model: config, inputs, training, calibration, inference, default cache."""
