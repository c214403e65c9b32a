"""The analyze stage: a pure function of one Document plus read-only resources."""
