"""What unxref knows about the United Nations: symbols, bodies and treaties, and the languages resolutions are written in."""
