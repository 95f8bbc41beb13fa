"""A register of recipients: its typed rows and the pipeline that computes them."""
